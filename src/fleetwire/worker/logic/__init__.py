"""Business logic of the worker, sans-I/O: per-device state as plain data, fixes in time order,
configuration in; new state and derived records (events, trips, stops, geofence visits) out.
Nothing here reads a clock, a socket or a database."""
