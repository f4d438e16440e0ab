"""IntelliTrac lines to Records: the report (periodic, event or `$RP:` poll answer);
`$OK:`/`$ERR:` command answers and anything else give nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import NamedTuple

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.model import Record
from fleetwire.protocols._text import finite, integer
from fleetwire.protocols._time import device_clock_to_utc
from fleetwire.protocols.base import DecodeContext

from .constants import MIN_FIELDS, POLL_PREFIX, TIMESTAMP
from .framing import open_line


class Report(NamedTuple):
    unit_id: str
    fields: list[str]  # from the unit id on


def split_report(text: str) -> Report | None:
    """The fields of a report line from its unit id on, or None for another kind of line."""
    if text.startswith(POLL_PREFIX):
        text = text[len(POLL_PREFIX) :]
    elif text.startswith("$"):
        return None
    fields = text.split(",")
    at = next((i for i, f in enumerate(fields[1:3], 1) if TIMESTAMP.fullmatch(f)), None)
    if at is None or not fields[at - 1].isdigit():
        return None
    return Report(fields[at - 1], fields[at - 1 :])


def _number(text: str, low: float, high: float, what: str) -> float:
    value = finite(text)
    if not low <= value <= high:
        raise InvalidField(f"{what} {text!r} out of range")
    return value


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    report = split_report(open_line(frame))
    if report is None:
        return []
    f = report.fields
    if len(f) < MIN_FIELDS:
        raise TruncatedFrame(f"report of {len(f)} fields, needs {MIN_FIELDS}")
    try:
        t = datetime.strptime(f[1], "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError as e:
        raise InvalidField(f"bad date-time {f[1]!r}") from e
    satellites = integer(f[7])
    rec = Record(
        fix_time=device_clock_to_utc(t, ctx),
        valid=satellites >= 3,
        longitude=_number(f[2], -180, 180, "longitude"),
        latitude=_number(f[3], -90, 90, "latitude"),
        speed=_number(f[4], 0, 999, "speed"),
        course=_number(f[5], 0, 360, "course") % 360,
        altitude=_number(f[6], -1000, 50000, "altitude"),
        satellites=satellites,
    )
    a = rec.attributes
    a["event"] = integer(f[8])
    a["input"] = integer(f[9])
    a["output"] = integer(f[10])
    for n, i in ((1, 11), (2, 12)):
        if len(f) > i and f[i]:
            a[f"adc{n}"] = finite(f[i])
    return [rec]
