"""PostgreSQL backends (asyncpg) of the registry and the telemetry store, for the scale-out tier."""
