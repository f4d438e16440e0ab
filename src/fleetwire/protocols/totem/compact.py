"""Totem layouts known only from real captures (no vendor document of them could be read):
what their fields surely hold, and nothing more.

- FIXED frames of types AA, AB, 02 (AT07/AT09 firmware): fixed-width digits after the `|`;
  8 characters, the GPS date-time YYMMDDhhmmss, a status byte of which bit 1 is set exactly in
  the captures the reference server reads as a valid fix, other readings, and at the end the
  fix as DDMM.MMMM N/S DDDMM.MMMM E/W followed by 4 digits.
- CLASSIC frames without `$GPRMC` and without `|` fields: the alarm type, the GPS date-time
  YYMMDDhhmmss, readings, and the fix in the same form near the end.
- FIXED frames of type E5: comma-separated, the GPS date-time YYMMDDhhmmss, then longitude
  and latitude in signed decimal degrees (the captures put the longitude first: -68.92,
  -22.46 is Calama, Chile).

Times are UTC, as the GPRMC report's are. Readings other than these are left in the raw frame
until a document says what they are (replay decodes them then).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Final

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind

_FIX: Final = re.compile(r"(\d{2})(\d{2}\.\d{4})([NS])(\d{3})(\d{2}\.\d{4})([EW])\d{4}$")
_STAMP: Final = re.compile(r"\d{12}")
_DECIMAL: Final = re.compile(r"-?\d{1,3}\.\d{1,8}")
_FIXED_HEAD: Final = re.compile(r"[0-9A-Fa-f]{8}\d{12}[0-9A-Fa-f]{2}")
_FIXED_TIME: Final = slice(8, 20)
_FIXED_STATUS: Final = slice(20, 22)
_VALID_BIT: Final = 0x02


def _stamp(text: str) -> datetime:
    if not _STAMP.fullmatch(text):
        raise InvalidField(f"bad date-time {text[:12]!r}")
    try:
        return datetime(
            2000 + int(text[:2]), int(text[2:4]), int(text[4:6]),
            int(text[6:8]), int(text[8:10]), int(text[10:12]), tzinfo=UTC,
        )  # fmt: skip
    except ValueError as e:
        raise InvalidField(f"bad date-time {text}") from e


def _with_fix(body: str, when: datetime, valid: bool | None) -> list[Record]:
    m = _FIX.search(body)
    if m is None:
        raise InvalidField("report without its fix fields")
    lat = int(m.group(1)) + float(m.group(2)) / 60
    lon = int(m.group(4)) + float(m.group(5)) / 60
    if lat > 90 or lon > 180:
        raise InvalidField(f"position out of range: {lat} {lon}")
    if not (lat or lon):  # no fix yet: zeros, not a place
        return [Record(fix_time=when, kind=RecordKind.STATUS)]
    rec = Record(fix_time=when, valid=True if valid is None else valid)
    rec.latitude = -lat if m.group(3) == "S" else lat
    rec.longitude = -lon if m.group(6) == "W" else lon
    return [rec]


def is_fixed_report(body: str) -> bool:
    return _FIXED_HEAD.match(body) is not None and _FIX.search(body) is not None


def fixed(body: str) -> list[Record]:
    status = int(body[_FIXED_STATUS], 16)
    return _with_fix(body, _stamp(body[_FIXED_TIME]), bool(status & _VALID_BIT))


def classic_compact(body: str) -> list[Record]:
    return _with_fix(body, _stamp(body[2:14]), None)


def fixed_e5(body: str) -> list[Record]:
    f = body.split(",")
    if len(f) < 3 or not _DECIMAL.fullmatch(f[1]) or not _DECIMAL.fullmatch(f[2]):
        raise InvalidField("E5 report without its coordinates")
    lon, lat = float(f[1]), float(f[2])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InvalidField(f"position out of range: {lat} {lon}")
    rec = Record(fix_time=_stamp(f[0]), valid=bool(lat or lon))
    if lat or lon:
        rec.latitude, rec.longitude = lat, lon
    else:
        rec.kind = RecordKind.STATUS
    return [rec]
