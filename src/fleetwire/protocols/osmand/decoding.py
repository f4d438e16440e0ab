"""OsmAnd request to Records: one decoder per request format, found through a table.

Owns the meaning and units of the fields: query/form parameters of the Traccar "OsmAnd" page
(speed in knots unless the device option ``speedUnit`` says otherwise) and the Traccar Client
JSON document (speed in m/s, battery level 0..1, -1 for "unknown"). Parameters without a fixed
meaning become typed attributes under their own names. Knows nothing about replies (inspect.py).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from fleetwire.errors import ConfigError, InvalidField
from fleetwire.model import Attributes, Record, RecordKind
from fleetwire.protocols.base import DecodeContext

from .constants import (
    BOOL_KEYS,
    FALSE,
    KNOWN_KEYS,
    MPS_KMH,
    MS_THRESHOLD,
    SPEED_UNITS,
    TRUE,
    Format,
)
from .payload import (
    Location,
    Payload,
    json_coordinates,
    json_number,
    number,
    query_coordinates,
    read_payload,
)

_NUMERIC = re.compile(r"-?\d+(\.\d+)?")
_INTEGER = re.compile(r"-?\d{1,18}")

Decoder = Callable[[Payload, DecodeContext], list[Record]]


# --- shared fields ------------------------------------------------------------------------------


def _time(value: Any, ctx: DecodeContext) -> datetime:
    """Unix seconds, Unix milliseconds, or ISO-8601 / "yyyy-MM-dd HH:mm:ss" (UTC when no zone
    is given). Absent: the receive time, as the request is sent when the fix is taken."""
    if value is None:
        return ctx.received
    if not isinstance(value, str):
        raise InvalidField(f"timestamp {value!r} is not text")
    text = value.strip()
    try:
        if _NUMERIC.fullmatch(text):
            seconds = float(text)
            if seconds >= MS_THRESHOLD:
                seconds /= 1000
            return datetime.fromtimestamp(seconds, UTC)
        t = datetime.fromisoformat(text)
    except (ValueError, OverflowError, OSError) as e:
        raise InvalidField(f"bad timestamp {text[:40]!r}") from e
    return t.replace(tzinfo=UTC) if t.tzinfo is None else t.astimezone(UTC)


def _flag(text: str, name: str) -> bool:
    low = text.strip().lower()
    if low in TRUE:
        return True
    if low in FALSE:
        return False
    raise InvalidField(f"{name}={text[:20]!r} is not true/false")


def _value(text: str) -> bool | int | float | str:
    """A parameter without a fixed meaning, typed as numbers and booleans when it is one."""
    low = text.lower()
    if low in ("true", "false"):
        return low == "true"
    if _INTEGER.fullmatch(text):
        return int(text)
    if _NUMERIC.fullmatch(text):
        value = float(text)
        return value if math.isfinite(value) else text
    return text


def _course(value: float | None) -> float | None:
    return None if value is None or value < 0 else value % 360  # -1: no heading


def _speed_factor(ctx: DecodeContext) -> float:
    unit = ctx.options.get("speedUnit", "kn")
    factor = SPEED_UNITS.get(unit) if isinstance(unit, str) else None
    if factor is None:
        raise ConfigError(f"speedUnit option must be one of {sorted(SPEED_UNITS)}, got {unit!r}")
    return factor


def _cell(text: str, attrs: Attributes) -> None:
    """``mcc,mnc,lac,cid[,rssi]``: the serving cell; kept as text when it is not that."""
    parts = text.split(",")
    if 4 <= len(parts) <= 5 and all(_INTEGER.fullmatch(p) for p in parts):
        attrs.update(zip(("mcc", "mnc", "lac", "cid", "rssi"), map(int, parts), strict=False))
    else:
        attrs["cell"] = text


# --- one decoder per format ---------------------------------------------------------------------


def _known(p: dict[str, str], rec: Record, ctx: DecodeContext) -> None:
    attrs = rec.attributes
    if "speed" in p:
        speed = number(p["speed"], "speed")
        rec.speed = speed * _speed_factor(ctx) if speed >= 0 else None
    course = p.get("bearing", p.get("heading"))
    if course is not None:
        rec.course = _course(number(course, "bearing"))
    if "altitude" in p:
        rec.altitude = number(p["altitude"], "altitude")
    for key, name in (("accuracy", "accuracy"), ("hdop", "hdop"), ("batt", "batteryLevel")):
        if key in p:
            attrs[name] = number(p[key], key)
    if "charge" in p:
        attrs["charge"] = _flag(p["charge"], "charge")
    if "driverUniqueId" in p:
        attrs["driverUniqueId"] = p["driverUniqueId"]
    if "cell" in p:
        _cell(p["cell"], attrs)
    if "wifi" in p:
        attrs["wifi"] = p["wifi"]


def _params(payload: Payload, ctx: DecodeContext) -> list[Record]:
    """GET query or POST form: one fix per request."""
    p = payload.params
    lat, lon = query_coordinates(p)
    valid = _flag(p["valid"], "valid") if "valid" in p else True
    rec = Record(_time(p.get("timestamp"), ctx), RecordKind.POSITION, valid, lat, lon)
    _known(p, rec, ctx)
    attrs = rec.attributes
    for key, text in p.items():
        if key not in KNOWN_KEYS:
            attrs[key] = _flag(text, key) if key in BOOL_KEYS else _value(text)
    return [rec]


def _dict(obj: Location, key: str) -> dict[str, Any]:
    value = obj.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise InvalidField(f"{key} is not an object")
    return value


def _json_extras(loc: Location, attrs: Attributes) -> None:
    """The app's own state (motion, odometer, event, battery, activity) and user extras."""
    if isinstance(loc.get("is_moving"), bool):
        attrs["motion"] = loc["is_moving"]
    odometer = json_number(loc, "odometer")
    if odometer is not None:
        attrs["odometer"] = odometer  # metres, counted by the phone
    if isinstance(loc.get("event"), str):
        attrs["event"] = loc["event"]
    battery = _dict(loc, "battery")
    level = json_number(battery, "level")
    if level is not None and level >= 0:
        attrs["batteryLevel"] = round(level * 100, 2)  # 0..1 in the document, -1: unknown
    if isinstance(battery.get("is_charging"), bool):
        attrs["charge"] = battery["is_charging"]
    activity = _dict(loc, "activity").get("type")
    if isinstance(activity, str):
        attrs["activity"] = activity
    for key, value in _dict(loc, "extras").items():
        if isinstance(value, str | int | float):
            attrs.setdefault(str(key), value)


def _json_location(loc: Location, ctx: DecodeContext) -> Record:
    lat, lon = json_coordinates(loc)
    coords = loc["coords"]  # json_coordinates checked it is an object
    rec = Record(_time(loc.get("timestamp"), ctx), RecordKind.POSITION, True, lat, lon)
    speed = json_number(coords, "speed")
    if speed is not None and speed >= 0:  # m/s; -1 when the platform has none
        rec.speed = speed * MPS_KMH
    rec.course = _course(json_number(coords, "heading"))
    rec.altitude = json_number(coords, "altitude")
    accuracy = json_number(coords, "accuracy")
    if accuracy is not None and accuracy >= 0:
        rec.attributes["accuracy"] = accuracy
    _json_extras(loc, rec.attributes)
    return rec


def _json(payload: Payload, ctx: DecodeContext) -> list[Record]:
    """Traccar Client JSON: one location object, or a list of them after an offline spell."""
    return [_json_location(loc, ctx) for loc in payload.locations]


DECODERS: dict[Format, Decoder] = {
    Format.QUERY: _params,
    Format.FORM: _params,
    Format.JSON: _json,
}


def _decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    payload = read_payload(frame)
    return DECODERS[payload.format](payload, ctx)


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    """Records of one frame (checked against the sanity rules by the protocol base class)."""
    return _decode(frame, ctx)
