"""CGuard messages to Records: `NV` a position (UTC time, degrees, speed km/h, HDOP, course,
altitude), `BC` a status (GSM signal, battery, power, satellites ...). The login, `VERSION` and
`PING` carry no record; an unknown type gives none. A field that does not parse is the
device's InvalidField."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Final

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols._text import finite
from fleetwire.protocols.base import DecodeContext

from .constants import BATTERY_KEY, NAN, POSITION, STATUS, STATUS_KEYS
from .framing import Message, open_message


def _time(text: str) -> datetime:
    try:
        return datetime.strptime(text, "%y%m%d %H%M%S").replace(tzinfo=UTC)
    except ValueError as e:
        raise InvalidField(f"time {text!r}") from e


def _number(text: str) -> float | None:
    return None if text.upper() == NAN or text == "" else finite(text)


def _position(m: Message, ctx: DecodeContext) -> list[Record]:
    f = m.fields
    if len(f) < 6:
        raise InvalidField(f"NV of {len(f)} fields")
    lat, lon = finite(f[1]), finite(f[2])
    if not (abs(lat) <= 90 and abs(lon) <= 180):
        raise InvalidField(f"position {lat} {lon}")
    attributes: dict[str, Any] = {}
    hdop = _number(f[4])
    if hdop is not None:
        attributes["hdop"] = hdop
    course = _number(f[5])
    altitude = _number(f[6]) if len(f) > 6 else None
    return [
        Record(
            fix_time=_time(f[0]), kind=RecordKind.POSITION, valid=True, latitude=lat,
            longitude=lon, altitude=altitude, speed=_number(f[3]),
            course=None if course is None else course % 360, attributes=attributes,
        )
    ]  # fmt: skip


def _status(m: Message, ctx: DecodeContext) -> list[Record]:
    f = m.fields
    if not f or len(f) % 2 != 1:
        raise InvalidField(f"BC of {len(f)} fields")
    attributes: dict[str, Any] = {}
    for key, text in zip(f[1::2], f[2::2], strict=True):
        value = _number(text)
        if value is None:
            continue
        if key == BATTERY_KEY:
            attributes["battery" if "." in text else "batteryLevel"] = value
        else:
            name = STATUS_KEYS.get(key, key.lower())
            attributes[name] = int(value) if value.is_integer() and "." not in text else value
    return [Record(fix_time=_time(f[0]), kind=RecordKind.STATUS, attributes=attributes)]


MESSAGES: Final[dict[str, Callable[[Message, DecodeContext], list[Record]]]] = {
    POSITION: _position,
    STATUS: _status,
}


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    m = open_message(frame)
    handler = MESSAGES.get(m.kind)
    return [] if handler is None else handler(m, ctx)
