"""StarLink reports -> Records. The report's fields follow the format configured on the device
(the `format` decode option, else constants.DEFAULT_FORMAT): each `#TAG#` names one field, read
by the small function TAGS holds for it; tags without one are stepped over (kept in the raw
log). A report with a position gives a position record at #PDT#; one without (an event whose
position fields are empty) a status record at #EDT#.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from fleetwire.errors import ConfigError, InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols._text import finite, integer
from fleetwire.protocols._units import KNOTS
from fleetwire.protocols.base import DecodeContext

from . import sensors
from .constants import (
    ALARMS,
    DEFAULT_FORMAT,
    EVENT_REPORT,
    FORMAT_OPTION,
    HEAD_FIELDS,
    TIME_LAYOUT,
)
from .framing import open_report


@dataclass(slots=True)
class Report:
    event_time: datetime | None = None
    fix_time: datetime | None = None
    latitude: float | None = None
    longitude: float | None = None
    speed: float | None = None
    course: float | None = None
    satellites: int | None = None
    attributes: dict[str, Any] = field(default_factory=dict)


Reader = Callable[[str, Report], None]


def _time(text: str) -> datetime:
    try:
        return datetime.strptime(text, TIME_LAYOUT).replace(tzinfo=UTC)
    except ValueError as e:
        raise InvalidField(f"bad time {text!r}") from e


def _coordinate(text: str, limit: int) -> float:
    """±(d)ddmm.mmmm to signed degrees."""
    if text[:1] not in ("+", "-") or "." not in text:
        raise InvalidField(f"bad coordinate {text!r}")
    cut = text.index(".") - 2
    degrees, minutes = integer(text[1:cut]), finite(text[cut:])
    value = degrees + minutes / 60
    if minutes >= 60 or value > limit:
        raise InvalidField(f"coordinate {text!r} out of range")
    return -value if text[0] == "-" else value


def _set(key: str, convert: Callable[[str], Any]) -> Reader:
    def read(text: str, r: Report) -> None:
        r.attributes[key] = convert(text)

    return read


def _flag(text: str) -> bool:
    return integer(text) != 0


def _edt(text: str, r: Report) -> None:
    r.event_time = _time(text)


def _pdt(text: str, r: Report) -> None:
    r.fix_time = _time(text)


def _lat(text: str, r: Report) -> None:
    r.latitude = _coordinate(text, 90)


def _lon(text: str, r: Report) -> None:
    r.longitude = _coordinate(text, 180)


def _speed(scale: float) -> Reader:
    def read(text: str, r: Report) -> None:
        r.speed = finite(text) * scale

    return read


def _head(text: str, r: Report) -> None:
    r.course = finite(text)


def _event(text: str, r: Report) -> None:
    code = integer(text)
    r.attributes["event"] = code
    if code in ALARMS:
        r.attributes["alarm"] = ALARMS[code]


def _satellites(text: str, r: Report) -> None:
    r.satellites = integer(text)


def _driver(text: str, r: Report) -> None:
    if text.strip("0"):
        r.attributes["driverUniqueId"] = text


def _sensor(n: int) -> Reader:
    def read(text: str, r: Report) -> None:
        sensors.decode(text, n, r.attributes)

    return read


TAGS: dict[str, Reader] = {
    "EDT": _edt, "PDT": _pdt, "LAT": _lat, "LONG": _lon,
    "SPD": _speed(KNOTS), "SPDK": _speed(1.0), "HEAD": _head, "EID": _event,
    "EDSC": _set("eventDescription", str), "SATU": _satellites, "DRV": _driver,
    "ODO": _set("odometer", lambda t: round(finite(t) * 1000)),  # km -> m
    "IGN": _set("ignition", _flag), "IGNL": _set("ignition", _flag),
    "ENG": _set("engine", _flag),
    "LAC": _set("lac", integer), "CID": _set("cid", integer), "CSS": _set("rssi", integer),
    "VIN": _set("power", finite), "VBAT": _set("battery", finite),
    "BATC": _set("batteryLevel", integer), "CFL": _set("fuelLevel", integer),
    "TVI": _set("deviceTemp", finite),
    **{f"IN{n}": _set(f"in{n}", integer) for n in range(1, 5)},
    **{f"OUT{n}": _set(f"out{n}", integer) for n in range(1, 5)},
    **{f"TI{n}": _set(f"sensor{n}Id", str) for n in range(1, 5)},
    **{f"TS{n}": _set(f"sensor{n}State", integer) for n in range(1, 5)},
    **{f"TV{n}": _set(f"temp{n}", finite) for n in range(1, 5)},
    **{f"TH{n}": _set(f"humidity{n}", finite) for n in range(1, 5)},
    **{f"TD{n}": _sensor(n) for n in range(1, 5)},
}  # fmt: skip


def tags(ctx: DecodeContext) -> list[str]:
    """The configured format's tags, in order; ours to refuse when it is malformed."""
    form = ctx.options.get(FORMAT_OPTION, DEFAULT_FORMAT)
    if not isinstance(form, str) or not form:
        raise ConfigError(f"starlink format must be a string of #TAG# codes, got {form!r}")
    out = []
    for code in form.split(","):
        code = code.strip()
        if len(code) < 3 or code[0] != "#" or code[-1] != "#":
            raise ConfigError(f"starlink format code {code!r} is not #TAG#")
        out.append(code[1:-1])
    return out


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    fields = open_report(frame)
    if len(fields) < HEAD_FIELDS or fields[1] != EVENT_REPORT:
        return []
    r = Report()
    for tag, text in zip(tags(ctx), fields[HEAD_FIELDS:], strict=False):
        reader = TAGS.get(tag)
        if reader is not None and text:
            reader(text, r)
    if r.fix_time is not None and r.latitude is not None and r.longitude is not None:
        return [Record(
            fix_time=r.fix_time, kind=RecordKind.POSITION, valid=True, latitude=r.latitude,
            longitude=r.longitude, speed=r.speed, course=r.course, satellites=r.satellites,
            attributes=r.attributes,
        )]  # fmt: skip
    when = r.event_time or r.fix_time or ctx.received
    return [Record(fix_time=when, kind=RecordKind.STATUS, attributes=r.attributes)]
