"""Traccar's units and formats at the API's edge: dates out as `2026-08-21T09:18:51.000+00:00`,
dates in as ISO zoned date-times (offset or Z required, 0-9 fraction digits, a '+' that query
decoding turned into a space), speed in knots (the stores keep km/h), JSON bodies, and errors as
short plain text (Traccar clients show the body as it is)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

import orjson
from fastapi import HTTPException, Response

KMH_PER_KNOT = 1.852

_ZONED = re.compile(
    r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})$"
)


@lru_cache(maxsize=4096)
def iso_day(day: int) -> str:
    """The date part of `iso` (with its 'T') for a day counted from 1970-01-01."""
    return (datetime(1970, 1, 1, tzinfo=UTC) + timedelta(days=day)).strftime("%Y-%m-%dT")


def iso(ms: int | None) -> str | None:
    """Milliseconds since the epoch as Traccar writes dates; None stays None. (Integer
    arithmetic under a cached date: a device-day of positions has three dates per row.)"""
    if ms is None:
        return None
    day, rest = divmod(int(ms), 86_400_000)
    secs, milli = divmod(rest, 1000)
    h, secs = divmod(secs, 3600)
    m, secs = divmod(secs, 60)
    return f"{iso_day(day)}{h:02d}:{m:02d}:{secs:02d}.{milli:03d}+00:00"


def parse_time(value: str, name: str) -> int:
    """A zoned ISO date-time from a query or form as ms since the epoch; 400 otherwise."""
    v = value.strip()
    if " " in v:  # '+00:00' whose '+' became a space in the query string
        head, _, tail = v.rpartition(" ")
        v = f"{head}+{tail}"
    m = _ZONED.match(v)
    if m is None:
        raise HTTPException(
            400, f"{name}: expected an ISO date-time with a zone, e.g. 2026-01-31T10:00:00Z"
        )
    base, frac, zone = m.groups()
    micro = (frac or "0")[:6].ljust(6, "0")
    zone = "+00:00" if zone == "Z" else zone
    try:
        t = datetime.fromisoformat(f"{base}.{micro}{zone}")
    except ValueError as e:
        raise HTTPException(400, f"{name}: {e}") from None
    return int(t.astimezone(UTC).timestamp() * 1000)


def now_ms() -> int:
    return int(datetime.now(UTC).timestamp() * 1000)


def knots(kmh: float | None) -> float:
    return 0.0 if kmh is None else kmh / KMH_PER_KNOT


def kmh(kn: float) -> float:
    return kn * KMH_PER_KNOT


def json_response(body: Any, status: int = 200) -> Response:
    return json_bytes(orjson.dumps(body), status)


def json_bytes(body: bytes, status: int = 200) -> Response:
    """A JSON body already encoded (api/traccar/history_json.py builds large ones as bytes)."""
    return Response(body, status_code=status, media_type="application/json")


def attrs_in(value: Any) -> dict[str, Any]:
    """A request's `attributes`: an object (null means empty); anything else is a 400."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise HTTPException(400, "attributes must be an object")
    return value


def attrs_out(stored: str | None) -> dict[str, Any]:
    if not stored:
        return {}
    try:
        v = orjson.loads(stored)
    except orjson.JSONDecodeError:
        return {}
    return v if isinstance(v, dict) else {}
