"""KHD frames to Records: the position block every report command shares (BSJ document,
appendix A): `yymmddhhmmss` BCD, latitude and longitude as BCD DDDMM.MMM (the first nibble's
high bit set for south / west), speed BCD km/h, course BCD degrees, status byte (bit 7: the
fix). What follows (mileage, status words, sensor blocks) varies by command and firmware and
is kept in the raw log undecoded. The heartbeat (0xB1) carries no record.
"""

from __future__ import annotations

from datetime import UTC, datetime

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols._binary import Reader, bcd
from fleetwire.protocols._time import device_clock_to_utc
from fleetwire.protocols.base import DecodeContext

from .constants import POSITIONS, SIGN_BIT, STATUS_FIX, Command
from .framing import open_frame


def _coordinate(raw: bytes, limit: int) -> float:
    negative = bool(raw[0] & SIGN_BIT)
    digits = bcd(bytes((raw[0] & ~SIGN_BIT & 0xFF,)) + raw[1:])
    minutes = int(digits[3:]) / 1000
    value = int(digits[:3]) + minutes / 60
    if minutes >= 60 or value > limit:
        raise InvalidField(f"coordinate {raw.hex()} out of range")
    return -value if negative else value


def _time(raw: bytes, ctx: DecodeContext) -> datetime:
    d = bcd(raw)
    try:
        t = datetime(
            2000 + int(d[:2]), int(d[2:4]), int(d[4:6]), int(d[6:8]), int(d[8:10]),
            int(d[10:]), tzinfo=UTC,
        )  # fmt: skip
    except ValueError as e:
        raise InvalidField(f"bad date-time {raw.hex()}") from e
    return device_clock_to_utc(t, ctx)


def position(params: bytes, ctx: DecodeContext) -> Record:
    r = Reader(params)
    fix_time = _time(r.bytes(6), ctx)
    lat = _coordinate(r.bytes(4), 90)
    lon = _coordinate(r.bytes(4), 180)
    speed = int(bcd(r.bytes(2)))
    course = int(bcd(r.bytes(2)))
    if course > 360:
        raise InvalidField(f"course {course}")
    status = r.u8()
    return Record(
        fix_time=fix_time, valid=bool(status & STATUS_FIX), latitude=lat, longitude=lon,
        speed=float(speed), course=float(course % 360),
    )  # fmt: skip


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    env = open_frame(frame)
    if env.command not in POSITIONS:
        return []
    rec = position(env.params, ctx)
    if env.command == Command.ALARM:
        rec.kind = RecordKind.EVENT
        rec.attributes["alarm"] = "general"
    if env.command == Command.STORED:
        rec.attributes["archive"] = True
    return [rec]
