"""BOX lines to Records: a GPS log line `L,<time>,G,...` is a position (UTC, degrees, km/h,
heading, journey distance, event code, status, and the extra items after ';'); the header, the
end of an upload and log lines of other kinds (`AI1` analog readings, which carry no fix) give
none. A field that does not parse is the device's InvalidField."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fleetwire.errors import InvalidField
from fleetwire.model import Record
from fleetwire.protocols._records import classify
from fleetwire.protocols._text import finite, integer
from fleetwire.protocols.base import DecodeContext

from .constants import EVENT_ALARMS, EXTRAS, GPS, LOG
from .framing import Message, open_message

_LOG_FIELDS = 10  # time, G, lat, lon, speed, heading, distance, event, status (and the letter)


def _time(text: str) -> datetime:
    try:
        return datetime.strptime(text, "%y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError as e:
        raise InvalidField(f"time {text!r}") from e


def _extras(items: tuple[str, ...], attributes: dict[str, Any]) -> None:
    for item in items:
        key, _, value = item.partition(",")
        name = EXTRAS.get(key)
        if name is None or not value:
            continue  # END,<distance>,<duration>,<start>: a journey summary, kept raw
        attributes[name] = integer(value) if name == "input" else finite(value)


def _log(m: Message, ctx: DecodeContext) -> list[Record]:
    f = m.fields
    if len(f) < 2 or f[1] != GPS:
        return []  # an analog (AIn) or other log entry: no fix in it
    if len(f) < _LOG_FIELDS - 1:
        raise InvalidField(f"GPS log line of {len(f)} fields")
    lat, lon = finite(f[2]), finite(f[3])
    if not (abs(lat) <= 90 and abs(lon) <= 180):
        raise InvalidField(f"position {lat} {lon}")
    event = integer(f[7])
    attributes: dict[str, Any] = {
        "tripOdometer": round(finite(f[6]) * 1000),
        "event": event,
        "status": integer(f[8]),
    }
    _extras(m.extras, attributes)
    alarm = EVENT_ALARMS.get(event)
    kind = classify(attributes, [alarm] if alarm else [], True)
    return [
        Record(
            fix_time=_time(f[0]), kind=kind, valid=True, latitude=lat, longitude=lon,
            speed=finite(f[4]), course=finite(f[5]) % 360, attributes=attributes,
        )
    ]  # fmt: skip


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    m = open_message(frame)
    return _log(m, ctx) if m.kind == LOG else []
