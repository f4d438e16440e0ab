"""The HTTP API: REST over the store and registry, metrics. Never imports the gateway."""
