"""Fifotrack frame content to Records: one small decoder per message type, found through a table.

Owns the A00/A01 text layout and its mapping to the shared attribute vocabulary, and command
answers. Works on frames of any source: the envelope is checked again here, so a frame that fails
its checksum never yields records. Knows nothing about replies to the device or sessions.

A00/A01 fields after the command code, as the captures show them (the A300/A500 V1.5 document
names them; where we could not read its field table, the meaning is marked "assumed"):
alm-code, date-time (yymmddHHMMSS), A/V, latitude, longitude (signed decimal degrees),
speed (km/h, assumed), course, altitude (m), odometer (m, assumed), run time (s, assumed),
status (hex), inputs (hex), outputs (hex), MCC|MNC|LAC|CI (LAC and CI hex), AD1|AD2|.. (hex),
and from A01 on: RFID card (hex), then a field whose meaning we could not source (kept out).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from fleetwire.errors import InvalidField
from fleetwire.model import Attributes, Record, RecordKind
from fleetwire.protocols._text import ascii_text, finite, integer, pipe_cell
from fleetwire.protocols._time import device_clock_to_utc
from fleetwire.protocols.base import DecodeContext

from .constants import ALARMS, ANSWER_PREFIXES
from .constants import MessageType as M
from .framing import Envelope, open_frame

Decoder = Callable[[Envelope, bytes, DecodeContext], list[Record]]

_FIELDS = 15  # alm-code .. AD: what A00 and A01 both carry
_F_RFID = 15
_NO_CLOCK = "000000000000"


def _time(text: str, ctx: DecodeContext) -> datetime:
    """yymmddHHMMSS, UTC unless the device option ``timezone`` says otherwise (the device clock
    follows its B14 time-zone setting). All zeros: no clock yet, the receive time stands in."""
    if len(text) != 12 or not text.isdigit():
        raise InvalidField(f"bad date-time {text!r}")
    if text == _NO_CLOCK:
        return ctx.received
    v = [int(text[i : i + 2]) for i in range(0, 12, 2)]
    try:
        t = datetime(2000 + v[0], v[1], v[2], v[3], v[4], v[5], tzinfo=UTC)
    except ValueError as e:
        raise InvalidField(f"bad date-time {text!r}") from e
    return device_clock_to_utc(t, ctx)


def _bits(prefix: str, key: str, text: str, attrs: Attributes) -> None:
    """A hex port word: the bitmask, and one in<N>/out<N> per bit of its digits."""
    if not text:
        return
    value = integer(text, 16)
    attrs[key] = value
    for bit in range(4 * len(text)):
        attrs[f"{prefix}{bit + 1}"] = bool(value >> bit & 1)


def _analog(text: str, attrs: Attributes) -> None:
    for i, part in enumerate(text.split("|"), 1):
        if part:
            attrs[f"adc{i}"] = integer(part, 16)


def _alarm(text: str, rec: Record) -> None:
    """alm-code, optionally followed by its parameter ("code|para" on newer firmware is not
    something we have seen; only the code before a '|' is read)."""
    if not text:
        return
    code = integer(text.split("|", 1)[0])
    rec.attributes["event"] = code
    alarm = ALARMS.get(code)
    if alarm:
        rec.attributes["alarm"] = alarm
        rec.kind = RecordKind.EVENT


def _position(env: Envelope, frame: bytes, ctx: DecodeContext) -> list[Record]:
    f = ascii_text(frame[env.start : env.end]).split(",")
    if len(f) < _FIELDS:
        raise InvalidField(f"{env.code} with {len(f)} fields")
    rec = Record(fix_time=_time(f[1], ctx), valid=f[2] == "A")
    lat, lon = finite(f[3]), finite(f[4])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InvalidField(f"position out of range: {lat} {lon}")
    if rec.valid or lat or lon:
        rec.latitude, rec.longitude = lat, lon
    rec.speed, rec.course, rec.altitude = finite(f[5]), finite(f[6]), finite(f[7])
    if not (0 <= rec.speed < 1000 and 0 <= rec.course <= 360):
        raise InvalidField(f"speed {rec.speed} course {rec.course}")
    a = rec.attributes
    a["index"] = integer(env.work_no, 16)
    a["odometer"] = integer(f[8])
    a["hours"] = integer(f[9]) * 1000
    if f[10]:
        a["status"] = integer(f[10], 16)
    _bits("in", "input", f[11], a)
    _bits("out", "output", f[12], a)
    pipe_cell(f[13], a)
    _analog(f[14], a)
    if len(f) > _F_RFID and f[_F_RFID]:
        # Captures show the card number in hex (B4A067 for card 11837543); 2019-2020 A01
        # firmware puts "1" here on reports without a card, which we cannot tell from card 1.
        a["driverUniqueId"] = str(integer(f[_F_RFID], 16))
    _alarm(f[0], rec)
    if rec.kind is RecordKind.POSITION and not rec.has_position:
        rec.kind = RecordKind.STATUS
    return [rec]


def _nothing(env: Envelope, frame: bytes, ctx: DecodeContext) -> list[Record]:
    return []  # photo pieces: nothing a position model holds, and no state to assemble them


def _answer(env: Envelope, frame: bytes, ctx: DecodeContext) -> list[Record]:
    text = frame[env.start : env.end].decode("ascii", "replace").strip()
    attrs: Attributes = {"command": env.code, "result": text}
    return [Record(fix_time=ctx.received, kind=RecordKind.STATUS, attributes=attrs)]


DECODERS: dict[str, Decoder] = {
    M.POSITION_V0: _position,
    M.POSITION: _position,
    M.PHOTO: _nothing,
    M.PHOTO_DATA: _nothing,
}


def is_command_answer(code: str) -> bool:
    """B.., C.. and S.. codes followed by two digits: the device's answer to that command."""
    return code[0] in ANSWER_PREFIXES and code[1:].isdigit()


def _decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    env = open_frame(frame)
    decoder = DECODERS.get(env.code)
    if decoder is None:
        decoder = _answer if is_command_answer(env.code) else _nothing
    return decoder(env, frame, ctx)


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    """Records of one frame (checked against the sanity rules by the protocol base class)."""
    return _decode(frame, ctx)
