"""Message bodies in Traccar's forward JSON shape ({position, device} and {event, position,
device}), so receivers written for Traccar read them. Traccar's units at this edge only: speed in
knots, times as ISO-8601 UTC strings. Also the deterministic ids of records and messages.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import orjson

KMH_PER_KNOT = 1.852


def iso(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, UTC).isoformat(timespec="milliseconds")


def digest(*parts: object) -> str:
    return hashlib.blake2b("|".join(map(str, parts)).encode(), digest_size=16).hexdigest()


def position_json(p: Mapping[str, Any], position_id: int, protocol: str | None) -> dict[str, Any]:
    """From the seam's position payload (CONTRACT.md units: ms, km/h, attributes as JSON)."""
    attrs = p.get("attributes") or {}
    attributes = dict(orjson.loads(attrs) if isinstance(attrs, str | bytes) else attrs)
    return {
        "id": position_id,
        "deviceId": p["deviceId"],
        "protocol": protocol,
        "serverTime": iso(p["serverTime"]),
        "deviceTime": iso(p["fixTime"]),
        "fixTime": iso(p["fixTime"]),
        "outdated": False,
        "valid": bool(p.get("valid")),
        "latitude": p.get("latitude"),
        "longitude": p.get("longitude"),
        "altitude": p.get("altitude") or 0.0,
        "speed": (p.get("speed") or 0.0) / KMH_PER_KNOT,
        "course": p.get("course") or 0.0,
        "accuracy": attributes.pop("accuracy", 0.0),
        "attributes": attributes,
    }


def device_json(device_id: int, unique_id: str | None, name: str | None) -> dict[str, Any]:
    return {"id": device_id, "uniqueId": unique_id, "name": name or unique_id}


def event_json(p: Mapping[str, Any]) -> dict[str, Any]:
    """From the seam's event payload (the events row: ms times)."""
    return {
        "id": p["id"],
        "type": p["type"],
        "eventTime": iso(p["eventTime"]),
        "deviceId": p["deviceId"],
        "positionId": p.get("positionId") or 0,
        "geofenceId": p.get("geofenceId") or 0,
        "maintenanceId": p.get("maintenanceId") or 0,
        "attributes": dict(p.get("attributes") or {}),
    }


def dumps(body: dict[str, Any]) -> str:
    return orjson.dumps(body).decode()
