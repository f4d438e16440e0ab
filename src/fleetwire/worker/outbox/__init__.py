"""Notifications and forwarding: the transactional outbox, rule evaluation, channels, sinks."""
