"""ARNAVI's text protocol, spoken by older units on the same port as the binary one:
`$AV,<message>,<device id>,…*XX` lines ending CR LF.

Layout, from the real lines operators posted (traccar/traccar ArnaviTextProtocolDecoderTest;
no vendor document of the text protocol was found): V2, V3 and V4 reports carry after the
device id a message index and unit readings, then the fix as an NMEA RMC sentence orders it
(UTC time HHMMSS, latitude DDMM.MMMM + N/S, longitude DDDMM.MMMM + E/W, speed in knots, course,
date DDMMYY); V4 puts two more readings before the time. V3DI (device info), V6SD and V3GSMINFO
carry no fix and give no record. The `*XX` after the last field is kept, not checked: the
captures carry the same value on lines whose content differs, so no check sum we could
compute would pass them. Each report is answered RCPTOK, the receipt these units wait for.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Final

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols._binary import Buffer
from fleetwire.protocols._units import KNOTS
from fleetwire.protocols.base import NEED_MORE, DecodeContext, FrameKind, Uplink

START: Final = b"$AV,"
MAX_LINE: Final = 512
RECEIPT: Final = b"RCPTOK\r\n"
REPORTS: Final = frozenset({"V2", "V3", "V4"})

_LAT: Final = re.compile(r"(\d{2})(\d{2}\.\d+)([NS])")
_LON: Final = re.compile(r"(\d{3})(\d{2}\.\d+)([EW])")
_CLOCK: Final = re.compile(r"\d{6}")
_ID: Final = re.compile(r"\d{1,20}")
_NUM: Final = re.compile(r"-?\d{1,6}(?:\.\d{1,6})?")


def is_text(frame: Buffer) -> bool:
    return bytes(frame[: len(START)]) == START


def frame_length(buf: Buffer) -> int:
    """A line from `$AV,` through its LF (sign coding: see base.NEED_MORE)."""
    n = len(buf)
    if n < len(START):
        return NEED_MORE if bytes(buf[:n]) == START[:n] else -1
    if not is_text(buf):
        return -1
    end = bytes(buf[: MAX_LINE + 1]).find(b"\n")
    if end >= 0:
        return end + 1
    return -1 if n > MAX_LINE else NEED_MORE


def _fields(frame: bytes) -> list[str]:
    try:
        line = frame.rstrip(b"\r\n").decode("ascii")
    except UnicodeDecodeError as e:
        raise InvalidField("non-ASCII byte in an ARNAVI text line") from e
    star = line.rfind("*")
    fields = (line[:star] if star > 0 else line).split(",")
    if len(fields) < 3 or fields[0] != "$AV":
        raise InvalidField(f"not an ARNAVI text line: {line[:16]!r}")
    return fields


def inspect(frame: bytes) -> Uplink:
    f = _fields(frame)
    if not _ID.fullmatch(f[2]):
        raise InvalidField(f"ARNAVI text line without a device id: {f[2][:20]!r}")
    report = f[1] in REPORTS
    return Uplink(
        FrameKind.DATA if report else FrameKind.OTHER, unique_id=f[2], ack=RECEIPT,
        records=int(report),
    )  # fmt: skip


def _degrees(m: re.Match[str]) -> float:
    value = int(m.group(1)) + float(m.group(2)) / 60
    return -value if m.group(3) in "SW" else value


def _number(text: str) -> float | None:
    return float(text) if _NUM.fullmatch(text) else None


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    f = _fields(frame)
    if f[1] not in REPORTS:
        return []
    k = next(
        (i for i in range(4, len(f) - 1) if _LAT.fullmatch(f[i]) and _LON.fullmatch(f[i + 1])),
        None,
    )
    if k is None or k + 4 >= len(f) or not _CLOCK.fullmatch(f[k - 1]):
        raise InvalidField(f"ARNAVI {f[1]} line without its fix fields")
    rec = Record(fix_time=ctx.received, kind=RecordKind.STATUS)
    index = _number(f[3])
    if index is not None and index.is_integer():
        rec.attributes["index"] = int(index)
    time, date = f[k - 1], f[k + 4]
    lat_m, lon_m = _LAT.fullmatch(f[k]), _LON.fullmatch(f[k + 1])
    assert lat_m is not None and lon_m is not None
    lat, lon = _degrees(lat_m), _degrees(lon_m)
    if not _CLOCK.fullmatch(date) or date.endswith("80") or not (lat or lon):
        # no fix yet: the unit's clock still at the GPS epoch (06 01 80), zero coordinates;
        # the readings are still worth a status record
        return [rec]
    try:
        rec.fix_time = datetime(
            2000 + int(date[4:]), int(date[2:4]), int(date[:2]),
            int(time[:2]), int(time[2:4]), int(time[4:]), tzinfo=UTC,
        )  # fmt: skip
    except ValueError as e:
        raise InvalidField(f"bad date-time {date} {time}") from e
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InvalidField(f"position out of range: {lat} {lon}")
    rec.kind, rec.valid = RecordKind.POSITION, True
    rec.latitude, rec.longitude = lat, lon
    speed, course = _number(f[k + 2]), _number(f[k + 3])
    if speed is not None:
        rec.speed = speed * KNOTS
    if course is not None and 0 <= course <= 360:
        rec.course = course
    return [rec]
