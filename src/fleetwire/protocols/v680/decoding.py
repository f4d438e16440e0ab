"""V680 reports to Records: one position per fix group (UTC date and time, coordinates in
degrees and minutes or decimal degrees, speed in knots to km/h, course, validity, cells), the
report type's alarm (SOS) on each. A report without fixes, or whose fix is all zeros (no fix
yet), gives none. A field that does not parse is the device's InvalidField."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fleetwire.errors import InvalidField
from fleetwire.model import Record
from fleetwire.protocols._records import classify
from fleetwire.protocols._text import finite
from fleetwire.protocols._units import KNOTS
from fleetwire.protocols.base import DecodeContext

from .constants import ALARM_TYPES
from .framing import Fix, open_report


def _angle(text: str, hemisphere: str, negative: str, degree_digits: int) -> float:
    """DDDMM.MMMM (or DDMM.MMMM), else decimal degrees: the latitude's form decides both."""
    value = finite(text)
    if degree_digits:
        degrees = int(value // 100)
        value = degrees + (value - degrees * 100) / 60
    return -value if hemisphere == negative else value


def _time(fix: Fix) -> datetime:
    try:
        return datetime.strptime(fix.date + fix.time.split(".")[0], "%d%m%y%H%M%S").replace(
            tzinfo=UTC
        )
    except ValueError as e:
        raise InvalidField(f"date {fix.date!r} time {fix.time!r}") from e


def _record(fix: Fix, alarm: str | None) -> Record | None:
    parts = fix.coords.split(",")
    if len(parts) != 6:
        raise InvalidField(f"coordinates {fix.coords!r}")
    lon_text, ew, lat_text, ns, speed, course = parts
    if not finite(lat_text) and not finite(lon_text) and set(fix.date) <= {"0"}:
        return None  # no fix since power-up: zeros everywhere
    minutes = len(lat_text.split(".")[0]) >= 3
    lat = _angle(lat_text, ns, "S", minutes)
    lon = _angle(lon_text, ew, "W", minutes)
    if not (abs(lat) <= 90 and abs(lon) <= 180):
        raise InvalidField(f"position {fix.coords!r}")
    attributes: dict[str, Any] = {}
    if fix.cells:
        attributes["cells"] = ",".join(fix.cells)
    kind = classify(attributes, [alarm] if alarm else [], True)
    return Record(
        fix_time=_time(fix), kind=kind, valid=fix.valid, latitude=lat, longitude=lon,
        speed=finite(speed) * KNOTS if speed else None,
        course=finite(course) % 360 if course else None, attributes=attributes,
    )  # fmt: skip


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    report = open_report(frame)
    kind = report.header[2] if len(report.header) > 2 else ""
    alarm = ALARM_TYPES.get(kind)
    return [r for fix in report.fixes if (r := _record(fix, alarm)) is not None]
