"""EasyTrack messages to Records: DW and HB positions (validity, hex date and time, hex
coordinates, speed, course, status bits), JZ the serving cell. Other types (MQ, TX, GZ, and
CC, the answer to a query) give no record. A field that does not parse is the device's
InvalidField."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Final

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols._text import integer
from fleetwire.protocols.base import DecodeContext

from .constants import CELLS, COORD_SIGN, COURSE_SCALE, MINUTES, POSITIONS, SPEED_SCALE
from .framing import Message, open_message

_POSITION_FIELDS: Final = 8  # validity, date, time, lat, lon, speed, course, status


def _hex_pairs(text: str) -> tuple[int, int, int]:
    if len(text) != 6:
        raise InvalidField(f"hex date/time {text!r}")
    return integer(text[0:2], 16), integer(text[2:4], 16), integer(text[4:6], 16)


def _coordinate(text: str, limit: float) -> float:
    raw = integer(text, 16)
    value = (raw & ~COORD_SIGN) / MINUTES * (-1 if raw & COORD_SIGN else 1)
    if not abs(value) <= limit:
        raise InvalidField(f"coordinate {text}")
    return value


def _position(m: Message, ctx: DecodeContext) -> list[Record]:
    f = m.fields
    if len(f) < _POSITION_FIELDS:
        raise InvalidField(f"{m.kind} of {len(f)} fields")
    y, mo, d = _hex_pairs(f[1])
    h, mi, s = _hex_pairs(f[2])
    try:
        time = datetime(2000 + y, mo, d, h, mi, s, tzinfo=UTC)
    except ValueError as e:
        raise InvalidField(f"date {f[1]} time {f[2]}") from e
    course = integer(f[6], 16) * COURSE_SCALE
    return [
        Record(
            fix_time=time, kind=RecordKind.POSITION, valid=f[0] == "A",
            latitude=_coordinate(f[3], 90), longitude=_coordinate(f[4], 180),
            speed=integer(f[5], 16) * SPEED_SCALE,
            course=course if course < 360 else None,
            attributes={"status": integer(f[7], 16)},
        )
    ]  # fmt: skip


def _cells(m: Message, ctx: DecodeContext) -> list[Record]:
    f = m.fields
    if len(f) < 5:
        raise InvalidField(f"JZ of {len(f)} fields")
    lac, cid, mcc, mnc = (integer(v) for v in f[1:5])
    attributes = {"mcc": mcc, "mnc": mnc, "lac": lac, "cid": cid}
    return [Record(fix_time=ctx.received, kind=RecordKind.STATUS, attributes=attributes)]


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    m = open_message(frame)
    if m.kind in POSITIONS:
        return _position(m, ctx)
    if m.kind == CELLS:
        return _cells(m, ctx)
    return []
