"""PT502 messages to Records, chosen through a table by message type.

Report layout (every type but PHD and FUS; OpenGTS's Bofan parser comment quoted in the traccar
forum, reply 13547, names the first eleven fields, captures show the rest):
`$<TYPE>,<id>,<hhmmss.sss UTC>,<A|V>,<ddmm.mmmm>,<N|S>,<dddmm.mmmm>,<E|W>,<speed kn>,<course>,
<ddmmyy>,,,<mode>/<inputs>,<outputs>/<adc hex,...>/<odometer>/<rfid>/<state hex>/...`.
Inputs and outputs are strings of 0/1, input 1 first (the manual: input 1 SOS, input 4 ACC).
Ambiguities, kept visible: the odometer's unit is not documented (read as metres: the values
step by hundreds); the 3-hex-digit state is read as Traccar does (low nibble satellites, next
nibble signal), which no vendor document confirms, so the raw value is kept as `status` too.
Knows nothing about replies (inspect.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

from fleetwire.errors import InvalidField
from fleetwire.model import Attributes, Record, RecordKind
from fleetwire.protocols._units import KNOTS
from fleetwire.protocols.base import DecodeContext

from .constants import ALARMS, FIRMWARE, IGNITION_INPUT, PERIODIC, PHOTO_DATA
from .framing import message_type, open_frame
from .inspect import is_report

Decoder = Callable[[str, str, list[str], DecodeContext], list[Record]]

_TIME = re.compile(r"(\d\d)(\d\d)(\d\d)(?:\.(\d{1,3}))?")
_DATE = re.compile(r"(\d\d)(\d\d)(\d\d)")
_DEG_MIN = re.compile(r"(\d{0,3}?)(\d{1,2}\.\d+)")
_DECIMAL = re.compile(r"\d+(?:\.\d*)?")
_BITS = re.compile(r"[01]+")
_HEX = re.compile(r"[0-9A-Fa-f]{1,8}")
_DIGITS = re.compile(r"\d{1,12}")
_LAYOUT_FIELDS = 11  # type .. ddmmyy


def _field(f: list[str], i: int) -> str:
    return f[i] if i < len(f) else ""


def _fix_time(time_text: str, date_text: str) -> datetime:
    t, d = _TIME.fullmatch(time_text), _DATE.fullmatch(date_text)
    if t is None or d is None:
        raise InvalidField(f"bad time {time_text!r} / date {date_text!r}")
    hh, mi, ss = (int(x) for x in t.groups()[:3])
    ms = int((t.group(4) or "0").ljust(3, "0"))
    dd, mo, yy = (int(x) for x in d.groups())
    try:
        return datetime(2000 + yy, mo, dd, hh, mi, ss, ms * 1000, tzinfo=UTC)
    except ValueError as e:
        raise InvalidField(f"bad time {time_text!r} / date {date_text!r}") from e


def _coordinate(value: str, hemisphere: str, signs: str, limit: int) -> float:
    """Degrees+minutes (degrees not always zero-padded: `204.6787` is 2°04.6787')."""
    m = _DEG_MIN.fullmatch(value)
    if m is None or hemisphere not in signs:
        raise InvalidField(f"bad coordinate {value!r} {hemisphere!r}")
    minutes = float(m.group(2))
    result = int(m.group(1) or "0") + minutes / 60
    if minutes >= 60 or result > limit:
        raise InvalidField(f"coordinate {value!r} out of range")
    return -result if hemisphere == signs[1] else result


def _decimal(text: str) -> float | None:
    if not text:
        return None
    if _DECIMAL.fullmatch(text) is None:
        raise InvalidField(f"bad number {text!r}")
    return float(text)


def _position(f: list[str], rec: Record) -> None:
    lat, ns, lon, ew = f[4:8]
    if not (lat or lon):
        return  # no fix yet: the unit sends empty coordinates
    rec.latitude = _coordinate(lat, ns, "NS", 90)
    rec.longitude = _coordinate(lon, ew, "EW", 180)
    speed, course = _decimal(f[8]), _decimal(f[9])
    if speed is not None:
        if speed * KNOTS >= 1000:
            raise InvalidField(f"speed {speed} kn out of range")
        rec.speed = round(speed * KNOTS, 2)
    if course is not None:
        if course > 360:
            raise InvalidField(f"course {course} out of range")
        rec.course = course


def _bits(text: str, prefix: str, attrs: Attributes) -> int | None:
    if not text:
        return None
    if _BITS.fullmatch(text) is None or len(text) > 16:
        raise InvalidField(f"bad {prefix} bits {text!r}")
    mask = 0
    for i, c in enumerate(text):
        attrs[f"{prefix}{i + 1}"] = c == "1"
        mask |= (c == "1") << i
    return mask


def _io(parts: list[str], rec: Record) -> None:
    """`<inputs>,<outputs>/<adc>/<odometer>/<rfid>/<state>` after the mode letter."""
    a = rec.attributes
    io = _field(parts, 1).split(",")
    inputs = _bits(io[0], "in", a)
    if inputs is not None:
        a["input"] = inputs
        if len(io[0]) >= IGNITION_INPUT:
            a["ignition"] = a[f"in{IGNITION_INPUT}"]
    outputs = _bits(_field(io, 1), "out", a)
    if outputs is not None:
        a["output"] = outputs
    adc = _field(parts, 2)
    for i, value in enumerate(adc.split(",") if adc else []):
        if _HEX.fullmatch(value) is None:
            raise InvalidField(f"bad ADC value {value!r}")
        a[f"adc{i + 1}"] = int(value, 16)
    odometer = _field(parts, 3)
    if odometer:
        if _DIGITS.fullmatch(odometer) is None:
            raise InvalidField(f"bad odometer {odometer!r}")
        a["odometer"] = int(odometer)
    rfid = _field(parts, 4)
    if rfid:
        a["driverUniqueId"] = rfid
    state = _field(parts, 5)
    if state:
        if _HEX.fullmatch(state) is None:
            raise InvalidField(f"bad state {state!r}")
        bits = int(state, 16)
        a["status"] = bits
        a["rssi"] = (bits >> 4) & 0xF
        rec.satellites = bits & 0xF


def _report(code: str, suffix: str, f: list[str], ctx: DecodeContext) -> list[Record]:
    """Any type with the report layout; other layouts (command answers ...) give nothing."""
    if not is_report(f):
        return []
    if len(f) < _LAYOUT_FIELDS:
        raise InvalidField(f"report of {len(f)} fields")
    parts = ",".join(f[10:]).rstrip("#").split("/")  # some firmware ends with `#`
    date = parts[0].split(",")[0]
    valid = f[3]
    if valid not in ("A", "V"):
        raise InvalidField(f"bad validity {valid!r}")
    rec = Record(fix_time=_fix_time(f[2], date), kind=RecordKind.STATUS, valid=valid == "A")
    _position(f, rec)
    if rec.has_position:
        rec.kind = RecordKind.POSITION
    _io(parts, rec)
    if code not in PERIODIC:
        rec.attributes["event"] = code
    if code in ALARMS:
        rec.attributes["alarm"] = ALARMS[code]
        rec.kind = RecordKind.EVENT
    return [rec]


def _firmware(code: str, suffix: str, f: list[str], ctx: DecodeContext) -> list[Record]:
    """`$FUS<id>,<version>,<version>`: which of the two is hardware is not documented."""
    rec = Record(fix_time=ctx.received, kind=RecordKind.STATUS)
    versions = ",".join(f[1:])
    if versions:
        rec.attributes["versionFw"] = versions
    return [rec]


def _photo_chunk(code: str, suffix: str, f: list[str], ctx: DecodeContext) -> list[Record]:
    """A JPEG chunk is one piece of a photo the server asked for: nothing to decode alone."""
    return []


DECODERS: dict[str, Decoder] = {FIRMWARE: _firmware, PHOTO_DATA: _photo_chunk}


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    records: list[Record] = []
    for message in open_frame(frame):
        code, suffix, fields = message_type(message)
        records += DECODERS.get(code, _report)(code, suffix, fields, ctx)
    return records
