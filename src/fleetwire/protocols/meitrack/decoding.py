"""Meitrack frame content to Records: one small decoder per message type, found through a table.

Owns the AAA text layout (shared by AFF) and the mapping of its fields to the shared attribute
vocabulary; the binary batches are in binary.py. Works on frames of any source: the envelope is
checked again here, so a frame that fails its checksum never yields records. Knows nothing about
replies to the device (inspect.py) or sessions.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from fleetwire.errors import InvalidField
from fleetwire.model import Attributes, Record, RecordKind
from fleetwire.protocols._text import ascii_text, finite, integer, pipe_cell
from fleetwire.protocols._time import device_clock_to_utc
from fleetwire.protocols.base import DecodeContext

from .binary import decode_ccc, decode_cce
from .constants import ALARMS, EVENT_RFID
from .constants import MessageType as M
from .framing import open_frame

Decoder = Callable[[memoryview, DecodeContext], list[Record]]

_AAA_FIELDS = 16  # event .. analog inputs: the part every model sends
_F_ASSISTED, _F_TEMPERATURE = 16, 20


def _time(text: str, ctx: DecodeContext) -> datetime:
    """yymmddHHMMSS, UTC unless the device option ``timezone`` (hours) says otherwise. All
    zeros: no clock yet (before the first fix), so the receive time stands in."""
    if len(text) != 12 or not text.isdigit():
        raise InvalidField(f"bad date-time {text!r}")
    if text == "000000000000":
        return ctx.received
    v = [int(text[i : i + 2]) for i in range(0, 12, 2)]
    try:
        t = datetime(2000 + v[0], v[1], v[2], v[3], v[4], v[5], tzinfo=UTC)
    except ValueError as e:
        raise InvalidField(f"bad date-time {text!r}") from e
    return device_clock_to_utc(t, ctx)


def _io(text: str, attrs: Attributes) -> None:
    """Four hex digits: inputs in the high byte, outputs in the low byte."""
    if not text:
        return
    value = integer(text, 16)
    attrs["input"], attrs["output"] = value >> 8 & 0xFF, value & 0xFF
    for bit in range(8):
        attrs[f"in{bit + 1}"] = bool(value >> (8 + bit) & 1)
        attrs[f"out{bit + 1}"] = bool(value >> bit & 1)


def _analog(text: str, attrs: Attributes) -> None:
    """AD1|AD2|...: hex ADC counts, or volts with a decimal point on newer firmware."""
    for i, part in enumerate(text.split("|"), 1):
        if part:
            attrs[f"adc{i}"] = finite(part) if "." in part else integer(part, 16)


def _temperatures(text: str, attrs: Attributes) -> None:
    """Sensor number (2 hex) + signed value in 0.01 degC (4 hex), '|'-separated."""
    for part in text.split("|"):
        if len(part) != 6:
            continue
        number, raw = integer(part[:2], 16), integer(part[2:], 16)
        if number:  # 0 is no sensor in the numbering that starts at 1
            attrs[f"temp{number}"] = (raw - 0x10000 if raw & 0x8000 else raw) / 100


def _position(fields: list[str], ctx: DecodeContext) -> Record:
    """The AAA field list from the event code on."""
    if len(fields) < _AAA_FIELDS:
        raise InvalidField(f"AAA with {len(fields)} fields")
    event = integer(fields[0])
    rec = Record(fix_time=_time(fields[3], ctx), valid=fields[4] == "A")
    lat, lon = finite(fields[1]), finite(fields[2])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InvalidField(f"position out of range: {lat} {lon}")
    if rec.valid or lat or lon:
        rec.latitude, rec.longitude = lat, lon
    rec.satellites = integer(fields[5])
    rec.speed = finite(fields[7])
    rec.course = finite(fields[8])
    if not (0 <= rec.speed < 1000 and 0 <= rec.course <= 360 and 0 <= rec.satellites < 100):
        raise InvalidField(f"speed {rec.speed} course {rec.course} sats {rec.satellites}")
    rec.altitude = finite(fields[10])
    a = rec.attributes
    a.update(event=event, rssi=integer(fields[6]), hdop=finite(fields[9]))
    a.update(odometer=integer(fields[11]), hours=integer(fields[12]) * 1000)
    pipe_cell(fields[13], a)
    _io(fields[14], a)
    _analog(fields[15], a)
    if event == EVENT_RFID and len(fields) > _F_ASSISTED and fields[_F_ASSISTED]:
        a["driverUniqueId"] = fields[_F_ASSISTED]
    if len(fields) > _F_TEMPERATURE:
        _temperatures(fields[_F_TEMPERATURE], a)
    alarm = ALARMS.get(event)
    if alarm:
        a["alarm"] = alarm
        rec.kind = RecordKind.EVENT
    elif not rec.has_position:
        rec.kind = RecordKind.STATUS
    return rec


def _aaa(data: memoryview, ctx: DecodeContext) -> list[Record]:
    return [_position(ascii_text(data).split(","), ctx)]


def _aff(data: memoryview, ctx: DecodeContext) -> list[Record]:
    """AFF: a serial number, then the AAA fields."""
    return [_position(ascii_text(data).split(",")[1:], ctx)]


def _nothing(data: memoryview, ctx: DecodeContext) -> list[Record]:
    return []  # picture pieces: nothing a position model holds


def _reply(data: memoryview, ctx: DecodeContext) -> list[Record]:
    text = bytes(data).decode("ascii", "replace").strip()
    return [Record(fix_time=ctx.received, kind=RecordKind.STATUS, attributes={"result": text})]


DECODERS: dict[str, Decoder] = {
    M.POSITION: _aaa,
    M.POSITION_CONFIRMED: _aff,
    M.COMPRESSED: decode_ccc,
    M.EXTENDED: decode_cce,
    M.PICTURE: _nothing,
    M.PICTURE_LIST: _nothing,
}


def is_command_answer(kind: str) -> bool:
    """Commands are a letter A-F and two hex digits (A10, C01, E91, F11 ...); the device answers
    each under the same type."""
    return len(kind) == 3 and kind[0] in "ABCDEF" and all(c in "0123456789ABCDEF" for c in kind)


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    """Records of one frame (checked against the sanity rules by the protocol base class)."""
    env = open_frame(frame)
    data = memoryview(frame)[env.start : env.end]
    decoder = DECODERS.get(env.type)
    if decoder is None:
        decoder = _reply if is_command_answer(env.type) else _nothing
    return decoder(data, ctx)
