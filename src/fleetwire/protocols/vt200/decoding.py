"""VT200 frames to Records, one small decoder per message type through a table.

Layouts read from the captures (constants.py): position types 0x2082/0x2084/0x2086 hold a
status byte, a sequence (2), the JT600 GPS block (the jt600 package reads it: one
implementation), speed (km/h), course (/2) and satellites, then counters and sensor bytes the
captures do not settle; 0x3089 an ignition byte, a sequence and the GPS block (or no GPS block
at all); 0x3088 a trip summary (start and end date-times). Other types (0x0088, 0x1088,
0x008E, 0x3082: answers and reports whose layouts the captures do not settle) give nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC

from fleetwire.model import Record, RecordKind
from fleetwire.protocols._binary import Reader, bcd
from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.jt600.decoding import clock, gps_block

from .constants import Type
from .framing import Envelope, open_frame

Decoder = Callable[[Envelope, DecodeContext], list[Record]]
_GPS_BLOCK = 15


def _position(env: Envelope, ctx: DecodeContext) -> list[Record]:
    r = Reader(env.data)
    r.skip(3)  # status byte, sequence
    rec = gps_block(r, ctx)
    rec.speed = float(r.u8())
    rec.course = float(r.u8() * 2 % 360)
    rec.satellites = r.u8()
    return [rec]


def _ignition(env: Envelope, ctx: DecodeContext) -> list[Record]:
    r = Reader(env.data)
    ignition = bool(r.u8())
    r.skip(2)  # sequence
    if r.remaining < _GPS_BLOCK:
        when = bcd(r.bytes(6))
        rec = Record(clock(when[:6], when[6:], ctx), RecordKind.STATUS)
    else:
        rec = gps_block(r, ctx)
    rec.attributes["ignition"] = ignition
    return [rec]


def _trip(env: Envelope, ctx: DecodeContext) -> list[Record]:
    """Sequence(2), IMEI(8, BCD, F-padded), IMSI(8, BCD, F-padded), trip start and end
    (DDMMYY hhmmss each), then counters."""
    r = Reader(env.data)
    r.skip(2 + 8 + 8)
    start = bcd(r.bytes(6))
    end = bcd(r.bytes(6))
    began = clock(start[:6], start[6:], ctx)
    rec = Record(clock(end[:6], end[6:], ctx), RecordKind.STATUS)
    rec.attributes["tripStart"] = began.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return [rec]


DECODERS: dict[int, Decoder] = {
    Type.POSITION: _position,
    Type.POSITION_EXTENDED: _position,
    Type.POSITION_2086: _position,
    Type.IGNITION_POSITION: _ignition,
    Type.TRIP: _trip,
}


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    env = open_frame(frame)
    decoder = DECODERS.get(env.type)
    return decoder(env, ctx) if decoder is not None else []
