"""Wialon IPS packets to Records: one small decoder per packet type, found through a table.

Owns the field layouts of the short (SD) and extended (D) data messages, the black box list,
driver messages, and the mapping of inputs, outputs, ADC, iButton and the free-form
`name:type:value` params to the shared attribute vocabulary. The envelope and the v2.0 CRC are
checked again here (framing.py), so a frame that fails them never yields records. Knows nothing
about answers to the device (inspect.py) or sessions.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Final

from fleetwire.errors import InvalidField
from fleetwire.model import Attributes, Record, RecordKind
from fleetwire.protocols._time import device_clock_to_utc
from fleetwire.protocols.base import DecodeContext, Transport

from .constants import (
    BLACK_BOX_BAD_CRC,
    DATA_BAD_CRC,
    DATA_FIELDS,
    NA,
    SHORT_DATA_BAD_CRC,
    SHORT_FIELDS,
    PacketType,
)
from .framing import Packet, black_box, fields, image_part, open_packet, text
from .inspect import login, message_text

_INT: Final = re.compile(r"-?\d{1,19}")
_FLOAT: Final = re.compile(r"-?(?:\d{1,12}(?:\.\d{0,20})?|\.\d{1,20})")
_DATE: Final = re.compile(r"(\d\d)(\d\d)(\d\d)")
_TIME: Final = re.compile(r"(\d\d)(\d\d)(\d\d)(?:\.(\d{1,9}))?")
_MIN_SATS_FOR_FIX: Final = 3  # the protocol has no validity flag: fewer satellites is no fix
_MAX_BITS: Final = 64
_SPEED_LIMIT: Final = 1000.0
_PARAM_INT, _PARAM_DOUBLE, _PARAM_STRING = "1", "2", "3"
# Params named like a vocabulary key must carry its type (shared/attributes.md).
_NUMERIC_KEYS: Final = frozenset({
    "hdop", "vdop", "pdop", "sat", "satVisible", "rssi", "odometer", "serviceOdometer",
    "tripOdometer", "hours", "steps", "heartRate", "power", "battery", "batteryLevel", "fuel",
    "fuelUsed", "fuelConsumption", "fuelLevel", "distance", "totalDistance", "rpm", "obdSpeed",
    "obdOdometer", "deviceTemp", "coolantTemp", "engineTemp", "engineLoad", "throttle",
})  # fmt: skip
_BOOL_KEYS: Final = frozenset({"ignition", "motion", "charge", "armed", "blocked", "door"})

Decoder = Callable[[Packet, DecodeContext], list[Record]]
Value = int | float | str


# --- fields ------------------------------------------------------------------------------------


def _absent(s: str) -> bool:
    return s in ("", NA)


def _float(s: str) -> float | None:
    if _absent(s):
        return None
    if not _FLOAT.fullmatch(s):
        raise InvalidField(f"bad number {s[:24]!r}")
    return float(s)


def _int(s: str) -> int | None:
    if _absent(s):
        return None
    if not _INT.fullmatch(s):
        raise InvalidField(f"bad integer {s[:24]!r}")
    return int(s)


def _time(date: str, time: str, ctx: DecodeContext) -> datetime:
    """DDMMYY and HHMMSS[.fraction], UTC by the protocol; NA: the receive time stands in."""
    if _absent(date) or _absent(time):
        return ctx.received
    d, t = _DATE.fullmatch(date), _TIME.fullmatch(time)
    if d is None or t is None:
        raise InvalidField(f"bad date-time {date[:8]!r} {time[:16]!r}")
    micros = int((t.group(4) or "0").ljust(9, "0")[:6])
    try:
        when = datetime(
            2000 + int(d.group(3)), int(d.group(2)), int(d.group(1)),
            int(t.group(1)), int(t.group(2)), int(t.group(3)), micros, tzinfo=UTC,
        )  # fmt: skip
    except ValueError as e:
        raise InvalidField(f"bad date-time {date} {time}") from e
    return device_clock_to_utc(when, ctx)


def _coordinate(value: str, hemisphere: str, signs: str, limit: int) -> float | None:
    """NMEA-style (D)DDMM.MMMM and its hemisphere letter; NA: no coordinate."""
    v = _float(value)
    if v is None or _absent(hemisphere):
        return None
    if hemisphere not in (signs[0], signs[1]) or v < 0:
        raise InvalidField(f"bad coordinate {value[:24]} {hemisphere[:4]}")
    # Minutes of 60 or more are read as they add up (5364.0167 N is 54.0669): a firmware sends
    # them (traccar WialonProtocolDecoderTest #B# captures), and the sum stays a coordinate.
    degrees, minutes = divmod(v, 100)
    result = degrees + minutes / 60
    if result > limit:
        raise InvalidField(f"coordinate out of range: {value} {hemisphere}")
    return -result if hemisphere == signs[1] else result


def _position(f: list[str], ctx: DecodeContext) -> Record:
    """The ten fields every data message starts with."""
    rec = Record(fix_time=_time(f[0], f[1], ctx), kind=RecordKind.STATUS)
    lat = _coordinate(f[2], f[3], "NS", 90)
    lon = _coordinate(f[4], f[5], "EW", 180)
    speed, course, sats = _float(f[6]), _float(f[7]), _int(f[9])
    if speed is not None and not 0 <= speed < _SPEED_LIMIT:
        raise InvalidField(f"speed {speed}")
    if course is not None and not 0 <= course <= 360:
        raise InvalidField(f"course {course}")
    if sats is not None and not 0 <= sats < 100:
        raise InvalidField(f"satellites {sats}")
    rec.speed, rec.course, rec.altitude, rec.satellites = speed, course, _float(f[8]), sats
    if lat is not None and lon is not None:
        rec.kind = RecordKind.POSITION
        rec.latitude, rec.longitude = lat, lon
        rec.valid = sats is None or sats >= _MIN_SATS_FOR_FIX
    return rec


def _bits(value: str, family: str, attrs: Attributes) -> None:
    """An inputs/outputs bitmask: the raw mask plus in<N>/out<N> for bit N-1."""
    mask = _int(value)
    if mask is None:
        return
    if mask < 0 or mask.bit_length() > _MAX_BITS:
        raise InvalidField(f"bad {family} mask {value}")
    attrs["input" if family == "in" else "output"] = mask
    for n in range(mask.bit_length()):
        attrs[f"{family}{n + 1}"] = bool(mask >> n & 1)


def _adc(value: str, attrs: Attributes) -> None:
    if _absent(value):
        return
    for n, item in enumerate(value.split(","), 1):
        v = _float(item)
        if v is not None:
            attrs[f"adc{n}"] = v


def _param_value(kind: str, raw: str) -> Value | None:
    """A typed param value; None for one whose value does not fit its type (one bad param
    from a firmware should not cost the whole position)."""
    if kind == _PARAM_INT:
        return int(raw) if _INT.fullmatch(raw) else None
    if kind == _PARAM_DOUBLE:
        if not _FLOAT.fullmatch(raw):
            return None
        v = float(raw)
        return v if math.isfinite(v) else None
    return raw


def _vocabulary(name: str, value: Value, attrs: Attributes) -> None:
    numeric = isinstance(value, int | float)
    if name in _NUMERIC_KEYS and not numeric:
        return
    if name in _BOOL_KEYS:
        if numeric:
            attrs.setdefault(name, bool(value))
        return
    if name == "alarm" and (numeric or not value):
        return
    if name == "SOS" and value == 1:  # the alarm button param of Wialon IPS firmware
        attrs.setdefault("alarm", "sos")
    attrs.setdefault(name, value)


def _params(value: str, attrs: Attributes) -> None:
    """`name:type:value,...` (type 1 integer, 2 double, 3 string). A piece without two ':'
    continues the string before it: string values are not escaped and may hold commas."""
    last: str | None = None
    parsed: dict[str, Value] = {}
    for piece in value.split(","):
        parts = piece.split(":", 2)
        if len(parts) == 3 and parts[0]:
            name, kind, raw = parts
            v = _param_value(kind, raw)
            last = name if kind == _PARAM_STRING else None
            if v is not None:
                parsed[name] = v
        elif last is not None:
            parsed[last] = f"{parsed[last]},{piece}"
    for name, v in parsed.items():
        _vocabulary(name, v, attrs)


def _extended(f: list[str], rec: Record) -> None:
    """hdop, inputs, outputs, adc, ibutton, params: fields 11-16 of a D message."""
    attrs = rec.attributes
    hdop = _float(f[10])
    if hdop is not None:
        attrs["hdop"] = hdop
    _bits(f[11], "in", attrs)
    _bits(f[12], "out", attrs)
    _adc(f[13], attrs)
    if not _absent(f[14]):
        attrs["driverUniqueId"] = f[14]
    _params(f[15], attrs)
    if "alarm" in attrs:
        rec.kind = RecordKind.EVENT


def _message_record(raw: list[bytes], ctx: DecodeContext) -> Record:
    f = [text(x) for x in raw]
    rec = _position(f, ctx)
    if len(f) == DATA_FIELDS:
        _extended(f, rec)
    return rec


# --- one decoder per packet type ---------------------------------------------------------------


def _login(p: Packet, ctx: DecodeContext) -> list[Record]:
    # checked, but it carries nothing beyond the identity, which is the session's (inspect)
    login(p.body)
    return []


def _short(p: Packet, ctx: DecodeContext) -> list[Record]:
    return [_message_record(fields(p.body, (SHORT_FIELDS,), SHORT_DATA_BAD_CRC), ctx)]


def _data(p: Packet, ctx: DecodeContext) -> list[Record]:
    return [_message_record(fields(p.body, (DATA_FIELDS,), DATA_BAD_CRC), ctx)]


def _black_box(p: Packet, ctx: DecodeContext) -> list[Record]:
    return [_message_record(m.split(b";"), ctx) for m in black_box(p.body, BLACK_BOX_BAD_CRC)]


def _message(p: Packet, ctx: DecodeContext) -> list[Record]:
    msg = text(message_text(p.body, None))
    return [Record(ctx.received, RecordKind.STATUS, attributes={"driverMessage": msg})]


def _image(p: Packet, ctx: DecodeContext) -> list[Record]:
    image_part(p)  # checked, but a picture part is no record: the raw log keeps the bytes
    return []


def _answer(p: Packet, ctx: DecodeContext) -> list[Record]:
    return [Record(ctx.received, RecordKind.STATUS, attributes={"result": text(p.body)})]


DECODERS: Final[dict[str, Decoder]] = {
    PacketType.LOGIN: _login,
    PacketType.SHORT_DATA: _short,
    PacketType.DATA: _data,
    PacketType.BLACK_BOX: _black_box,
    PacketType.MESSAGE: _message,
    PacketType.IMAGE: _image,
    PacketType.ANSWER_MESSAGE: _answer,
}


def _decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    """Records of one frame; pings, image parts and unknown types give none."""
    p = open_packet(frame, udp=ctx.transport is Transport.UDP)
    decoder = DECODERS.get(p.type)
    return decoder(p, ctx) if decoder else []


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    """Records of one frame (checked against the sanity rules by the protocol base class)."""
    return _decode(frame, ctx)
