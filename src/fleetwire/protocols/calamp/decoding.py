"""LM Direct messages to Records: Event Report (2), Mini Event Report (10), User Data (4) and
the device's Acknowledge (1).

Owns the body layouts of the LM Direct Reference Guide and their units (coordinates 1e-7
degree, altitude cm, Event Report speed cm/s, Mini Event Report speed km/h, HDOP 0.1) mapped to
the shared attribute names. Checks the headers again (the worker may decode messages the
gateway never ACKed); raises only DeviceErrors; Null, ID Report and other types give no record.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, Final, NamedTuple

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols._binary import Reader
from fleetwire.protocols.base import DecodeContext

from .constants import ACCUM_COUNT_MASK, ACK_OK, MessageType
from .framing import read_message

_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
# update time, time of fix, latitude, longitude, altitude (cm), speed (cm/s), heading, satellites,
# fix status, carrier, RSSI (dBm), comm state, HDOP (0.1), inputs, unit status
_LOCATION: Final = struct.Struct(">IIiiiIHBBHhBBBB")
# update time, latitude, longitude, heading, speed (km/h), fix status and satellites, comm
# state, inputs, event code, accums
_MINI: Final = struct.Struct(">IiiHBBBBBB")
_CM_S_TO_KMH: Final = 0.036

# Event Report fix status bits
_FIX_LAST_KNOWN: Final = 0x04
_FIX_INVALID: Final = 0x08
_FIX_HISTORIC: Final = 0x20
# The Mini Event Report packs the satellite count in the low nibble and four fix-status flags
# in the high one. The guide's own table could not be read here; this order (invalid time,
# invalid fix, last known, historic from bit 4 up) is how the PULS wiki section "Mini Event
# Report Message (Message Type 10)" is read by the one public parser that cites it (Transitime,
# org.transitime.avl.calAmp.MiniEventReport). Ambiguous in our sources.
_MINI_SATS: Final = 0x0F
_MINI_INVALID_FIX: Final = 0x20
_MINI_LAST_KNOWN: Final = 0x40
_MINI_HISTORIC: Final = 0x80
_COMM_ROAMING: Final = 0x20
_INPUT_IGNITION: Final = 0x01
_MAX_LATITUDE: Final = 90 * 10**7
_MAX_LONGITUDE: Final = 180 * 10**7
_MAX_HEADING: Final = 360
_APPEND_CELL_INFO: Final = 0


class _Fix(NamedTuple):
    time: datetime
    latitude: int  # 1e-7 degree
    longitude: int
    heading: int
    valid: bool
    has_position: bool


def _time(seconds: int) -> datetime:
    return _EPOCH + timedelta(seconds=seconds)


def _position(rec: Record, fix: _Fix, attributes: dict[str, Any]) -> Record:
    rec.attributes = attributes
    if not fix.has_position:
        rec.kind = RecordKind.STATUS
        return rec
    if abs(fix.latitude) > _MAX_LATITUDE or abs(fix.longitude) > _MAX_LONGITUDE:
        raise InvalidField(f"position out of range: {fix.latitude} {fix.longitude}")
    if fix.heading > _MAX_HEADING:
        raise InvalidField(f"heading {fix.heading}")
    rec.valid = fix.valid
    rec.latitude = fix.latitude / 1e7
    rec.longitude = fix.longitude / 1e7
    rec.course = float(fix.heading)
    return rec


def _accumulators(r: Reader, accums: int, attributes: dict[str, Any]) -> None:
    # Accumulators are PEG-configured counters whose meaning the guide does not fix, so they
    # keep their own numbers (accumulator 0 is io0). A non-zero reporting format type (the top
    # two bits) is kept so that a later mapping can tell the layouts apart.
    if accums >> 6:
        attributes["accumulatorFormat"] = accums >> 6
    for i in range(accums & ACCUM_COUNT_MASK):
        attributes[f"io{i}"] = r.u32()


def _location(frame: bytes, r: Reader) -> tuple[Record, dict[str, Any]]:
    """The 36-byte block the Event Report and User Data messages start with."""
    at = r.pos
    r.skip(_LOCATION.size)
    (update, fix_time, lat, lon, alt, speed, heading, sats, fix_status, carrier, rssi, comm,
     hdop, inputs, unit_status) = _LOCATION.unpack_from(frame, at)  # fmt: skip
    attributes: dict[str, Any] = {
        "sat": sats,
        "fixStatus": fix_status,
        "operator": carrier,
        "rssi": rssi,
        "commState": comm,
        "roaming": bool(comm & _COMM_ROAMING),
        "hdop": hdop / 10,
        "input": inputs,
        "ignition": bool(inputs & _INPUT_IGNITION),
        "status": unit_status,
        "updateTime": update,
    }
    if fix_status & _FIX_HISTORIC:
        attributes["archive"] = True
    # "Invalid Fix": no fix since power-up, the coordinates and time of fix are not a position.
    has_position = not fix_status & _FIX_INVALID and fix_time != 0
    fix = _Fix(
        time=_time(fix_time if has_position else update),
        latitude=lat,
        longitude=lon,
        heading=heading,
        valid=not fix_status & (_FIX_INVALID | _FIX_LAST_KNOWN),
        has_position=has_position,
    )
    rec = Record(fix_time=fix.time, satellites=sats)
    _position(rec, fix, attributes)
    if has_position:
        rec.altitude = alt / 100
        rec.speed = speed * _CM_S_TO_KMH
    return rec, attributes


def _event_report(frame: bytes, r: Reader, ctx: DecodeContext) -> list[Record]:
    rec, attributes = _location(frame, r)
    attributes["index"] = r.u8()
    attributes["event"] = r.u8()
    accums = r.u8()
    append = r.u8()
    _accumulators(r, accums, attributes)
    for bit in range(8):
        if append >> bit & 1:
            block = r.bytes(r.u8()).hex()
            attributes["cellInfo" if bit == _APPEND_CELL_INFO else f"append{bit}"] = block
    return [rec]


def _mini_event_report(frame: bytes, r: Reader, ctx: DecodeContext) -> list[Record]:
    at = r.pos
    r.skip(_MINI.size)
    time, lat, lon, heading, speed, fix_status, comm, inputs, event, accums = _MINI.unpack_from(
        frame, at
    )
    sats = fix_status & _MINI_SATS
    attributes: dict[str, Any] = {
        "sat": sats,
        "fixStatus": fix_status,
        "commState": comm,
        "roaming": bool(comm & _COMM_ROAMING),
        "input": inputs,
        "ignition": bool(inputs & _INPUT_IGNITION),
        "event": event,
    }
    if fix_status & _MINI_HISTORIC:
        attributes["archive"] = True
    _accumulators(r, accums, attributes)
    has_position = not fix_status & _MINI_INVALID_FIX
    fix = _Fix(
        time=_time(time),
        latitude=lat,
        longitude=lon,
        heading=heading,
        valid=not fix_status & (_MINI_INVALID_FIX | _MINI_LAST_KNOWN),
        has_position=has_position,
    )
    rec = _position(Record(fix_time=fix.time, satellites=sats), fix, attributes)
    if has_position:
        rec.speed = float(speed)
    return [rec]


def _text(payload: bytes) -> str:
    """Printable ASCII as text; anything else as hex."""
    if payload.isascii() and all(c >= 0x20 or c in b"\r\n\t" for c in payload):
        return payload.decode("ascii")
    return payload.hex()


def _user_data(frame: bytes, r: Reader, ctx: DecodeContext) -> list[Record]:
    rec, attributes = _location(frame, r)
    attributes["userMessageRoute"] = r.u8()
    attributes["userMessageId"] = r.u8()
    attributes["userMessage"] = _text(r.bytes(r.u16()))
    return [rec]


def _acknowledge(frame: bytes, r: Reader, ctx: DecodeContext) -> list[Record]:
    acked, code = r.u8(), r.u8()
    r.skip(4)  # spare, App Version (the LMU's firmware, in a form the guide does not fix)
    result = "ack" if code == ACK_OK else f"nak {code}"
    attributes: dict[str, Any] = {"result": result, "type": acked}
    return [Record(fix_time=ctx.received, kind=RecordKind.STATUS, attributes=attributes)]


Decoder = Callable[[bytes, Reader, DecodeContext], list[Record]]
DECODERS: Final[dict[int, Decoder]] = {
    MessageType.EVENT_REPORT: _event_report,
    MessageType.MINI_EVENT_REPORT: _mini_event_report,
    MessageType.USER_DATA: _user_data,
    MessageType.ACK: _acknowledge,
}


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    """Records of one frame (checked against the sanity rules by the protocol base class)."""
    msg = read_message(frame)
    decoder = DECODERS.get(msg.type)
    if decoder is None:
        return []
    r = Reader(frame, msg.start, msg.end)
    records = decoder(frame, r, ctx)
    if r.remaining:
        raise InvalidField(f"{r.remaining} bytes after message type {msg.type}")
    return records
