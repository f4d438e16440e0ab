"""The worker: the stateless tier that decodes raw frames and stores what they mean."""
