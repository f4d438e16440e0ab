"""Telemetry store (positions, latest, dead letters) and registry (devices), embedded backends."""
