"""Traccar's JSON objects (Device, Position, Event) built from Fleetwire's rows: key order and
null/0 conventions as Traccar emits them (a missing foreign key is 0, `geofenceIds` is a list,
`attributes` always an object), dates through `convert.iso`, speed in knots."""

from __future__ import annotations

from typing import Any

from fleetwire.api.traccar.convert import attrs_out, iso, knots
from fleetwire.api.traccar.telemetry import Pos

STATUS_TIMEOUT_MS = 600_000  # Traccar's status.timeout: no data for 10 min means "unknown"


def device_status(last_server_ms: int | None, now: int) -> str:
    if last_server_ms is None:
        return "offline"
    return "online" if now - last_server_ms <= STATUS_TIMEOUT_MS else "unknown"


def device_json(row: Any, latest: Pos | None, now: int) -> dict[str, Any]:
    m = row._mapping if hasattr(row, "_mapping") else row
    return {
        "id": m["id"],
        "attributes": attrs_out(m["attributes"]),
        "groupId": m["group_id"] or 0,
        "calendarId": m["calendar_id"] or 0,
        "name": m["name"] or m["unique_id"],
        "uniqueId": m["unique_id"],
        "status": device_status(latest.server_ms if latest else None, now),
        "lastUpdate": iso(latest.server_ms) if latest else None,
        "positionId": latest.id if latest else 0,
        "phone": m["phone"],
        "model": m["model"],
        "contact": m["contact"],
        "category": m["category"],
        "disabled": bool(m["disabled"]),
        "expirationTime": iso(m["expiration_time"]),
    }


def position_extras(attrs: dict[str, Any]) -> tuple[dict[str, Any], float, list[Any]]:
    """The attributes a Position shows, its accuracy and its geofenceIds: the worker keeps the
    last two in the attributes (geofenceIds moves out of them)."""
    geofence_ids = None
    if "geofenceIds" in attrs:
        attrs = dict(attrs)
        geofence_ids = attrs.pop("geofenceIds")
    accuracy = float(attrs.get("accuracy", 0) or 0)
    return attrs, accuracy, geofence_ids if isinstance(geofence_ids, list) else []


def position_json(p: Pos, protocol: str | None) -> dict[str, Any]:
    attrs, accuracy, geofence_ids = position_extras(p.attributes)
    fix = iso(p.fix_ms)  # Fleetwire keeps one device time: the fix time
    return {
        "id": p.id,
        "attributes": attrs,
        "deviceId": p.device_id,
        "protocol": protocol,
        "serverTime": iso(p.server_ms),
        "deviceTime": fix,
        "fixTime": fix,
        "valid": p.valid,
        "latitude": p.latitude,
        "longitude": p.longitude,
        "altitude": p.altitude or 0.0,
        "speed": knots(p.speed),
        "course": p.course or 0.0,
        "address": None,
        "accuracy": accuracy,
        "network": None,
        "geofenceIds": geofence_ids,
    }


def event_json(e: dict[str, Any], api_id: int) -> dict[str, Any]:
    return {
        "id": api_id,
        "attributes": attrs_out(e["attributes"]),
        "deviceId": e["device_id"],
        "type": e["type"],
        "eventTime": iso(e["event_time"]),
        "positionId": e["position_id"] or 0,
        "geofenceId": e["geofence_id"] or 0,
        "maintenanceId": e["maintenance_id"] or 0,
    }
