"""The rows of the derived telemetry tables as values: what the business logic produces and the
readers return (store/derived_sql.py holds their tables). Plain data, no behaviour."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Event:
    id: str
    device_id: int
    type: str  # Traccar's event type names
    time: int  # ms
    position_id: int | None = None
    geofence_id: int | None = None
    maintenance_id: int | None = None
    attributes: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Trip:
    id: str
    device_id: int
    start_time: int
    end_time: int
    start_position_id: int
    end_position_id: int
    start_lat: float
    start_lon: float
    end_lat: float
    end_lon: float
    distance: float  # m
    average_speed: float  # km/h
    max_speed: float  # km/h
    duration: int  # ms
    start_odometer: float  # m
    end_odometer: float
    spent_fuel: float | None
    driver_unique_id: str | None


@dataclass(slots=True)
class Stop:
    id: str
    device_id: int
    start_time: int
    end_time: int
    position_id: int
    latitude: float
    longitude: float
    duration: int  # ms
    engine_hours: int  # ms
    start_odometer: float
    end_odometer: float
    spent_fuel: float | None


@dataclass(slots=True)
class Visit:
    """A stay in a geofence: written at the enter (open, no exit yet) and again at the exit."""

    id: str
    device_id: int
    geofence_id: int
    enter_time: int
    exit_time: int | None
    enter_position_id: int | None
    exit_position_id: int | None
