"""Startek frames to Records: the position layout (commands 000/010) and command answers,
found through a table keyed by the command code.

Owns the field layout of the position frame (vendor document: event, event data, time, fix,
coordinates, satellites, HDOP, speed km/h, course, altitude, odometer, cell, CSQ, system
status, inputs, outputs, voltages) and the optional fuel / temperature / OBD blocks after it,
and their mapping to the shared attribute vocabulary. The envelope is checked again here.
Knows nothing about sessions or replies.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Final

from fleetwire.errors import InvalidField
from fleetwire.model import Attributes, Record, RecordKind
from fleetwire.protocols._time import device_clock_to_utc
from fleetwire.protocols.base import DecodeContext

from .constants import (
    ALARMS,
    EVENT_IBUTTON,
    IGNITION_INPUT_BIT,
    POSITION_COMMANDS,
    STATUS_ARMED,
    STATUS_STOPPED,
)
from .framing import Envelope, open_frame

_FIELDS: Final = 18  # event .. voltages: the fields every position frame has
_DEC: Final = re.compile(r"-?\d{1,10}")
_FLOAT: Final = re.compile(r"-?\d{1,3}\.\d{1,8}")
_HEX: Final = re.compile(r"[0-9A-Fa-f]{1,16}")
_TIME: Final = re.compile(r"(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)")
_INDEXED: Final = re.compile(r"(\d\d)([0-9A-Fa-f]{1,8})")  # fuel/temperature: index + hex value
_OBD_FIELDS: Final = 9
_SIGN_BIT: Final = 0x8000

Decoder = Callable[[Envelope, DecodeContext], list[Record]]


def _dec(s: str) -> int:
    if not _DEC.fullmatch(s):
        raise InvalidField(f"bad number {s[:16]!r}")
    return int(s)


def _hex(s: str) -> int:
    if not _HEX.fullmatch(s):
        raise InvalidField(f"bad hex {s[:20]!r}")
    return int(s, 16)


def _coordinate(s: str, limit: int) -> float:
    if not _FLOAT.fullmatch(s) or abs(float(s)) > limit:
        raise InvalidField(f"bad coordinate {s[:16]!r}")
    return float(s)


def _time(s: str, ctx: DecodeContext) -> datetime:
    m = _TIME.fullmatch(s)
    if m is None:
        raise InvalidField(f"bad date-time {s[:16]!r}")
    y, mo, d, h, mi, sec = (int(g) for g in m.groups())
    try:
        t = datetime(2000 + y, mo, d, h, mi, sec, tzinfo=UTC)
    except ValueError as e:
        raise InvalidField(f"bad date-time {s}") from e
    return device_clock_to_utc(t, ctx)


def _bits(mask: int, family: str, attrs: Attributes) -> None:
    attrs["input" if family == "in" else "output"] = mask
    for n in range(max(mask.bit_length(), 1)):
        attrs[f"{family}{n + 1}"] = bool(mask >> n & 1)


def _event(code: int, data: str, rec: Record) -> None:
    attrs = rec.attributes
    attrs["event"] = code
    if code == EVENT_IBUTTON and data:
        attrs["driverUniqueId"] = data
    alarm = ALARMS.get(code)
    if alarm:
        attrs["alarm"] = alarm
        rec.kind = RecordKind.EVENT


def _cell(s: str, attrs: Attributes) -> None:
    parts = s.split("|")
    if len(parts) != 4:
        raise InvalidField(f"bad cell {s[:32]!r}")
    mcc, mnc, lac, cid = _dec(parts[0]), _dec(parts[1]), _hex(parts[2]), _hex(parts[3])
    if mcc or lac or cid:
        attrs.update(mcc=mcc, mnc=mnc, lac=lac, cid=cid)


def _voltages(s: str, attrs: Attributes) -> None:
    """ext-V|bat-V|ad1-V|…, hex hundredths of a volt."""
    values = [_hex(v) / 100 for v in s.split("|")]
    if len(values) < 2:
        raise InvalidField(f"bad voltages {s[:32]!r}")
    attrs["power"], attrs["battery"] = values[0], values[1]
    for n, v in enumerate(values[2:], 1):
        attrs[f"adc{n}"] = v


def _indexed(s: str) -> list[tuple[int, int]]:
    out = []
    for item in filter(None, s.split("|")):
        m = _INDEXED.fullmatch(item)
        if m is None:
            raise InvalidField(f"bad sensor value {item[:16]!r}")
        out.append((int(m.group(1)), int(m.group(2), 16)))
    return out


def _fuel(s: str, attrs: Attributes) -> None:
    for index, value in _indexed(s):
        attrs[f"fuel{index}"] = value / 10


def _temperature(s: str, attrs: Attributes) -> None:
    """Sign and magnitude: bit 15 set is below zero; tenths of a degree."""
    for index, value in _indexed(s):
        magnitude = (value & (_SIGN_BIT - 1)) / 10
        attrs[f"temp{index}"] = -magnitude if value & _SIGN_BIT else magnitude


def _obd(s: str, attrs: Attributes) -> None:
    """rpm|load|MAF|intake pressure|intake temp|throttle|coolant|instant fuel|fuel level; an
    empty value is one the vehicle does not report (captures end the block with '|')."""
    raw = s.split("|")
    if len(raw) != _OBD_FIELDS:
        raise InvalidField(f"OBD block of {len(raw)} values")
    v = [_dec(x) if x else None for x in raw]
    for key, value in (
        ("rpm", v[0]), ("engineLoad", v[1]), ("throttle", v[5]),
        ("coolantTemp", None if v[6] is None else v[6] - 40),  # offset 40: -40 °C is 0
        ("fuelConsumption", None if v[7] is None else v[7] / 10),
        ("fuelLevel", v[8]),
    ):  # fmt: skip
        if value is not None:
            attrs[key] = value


def _tail(f: list[str], attrs: Attributes) -> None:
    """Optional blocks after the voltages: protocol flag, fuel, temperature, OBD."""
    for field, block in zip(f[1:4], (_fuel, _temperature, _obd), strict=False):
        if field:
            block(field, attrs)


def _status(code: int, attrs: Attributes) -> None:
    attrs["status"] = code
    attrs["armed"] = bool(code & STATUS_ARMED)
    attrs["motion"] = not code & STATUS_STOPPED


def _position(env: Envelope, ctx: DecodeContext) -> list[Record]:
    f = env.data.decode("ascii", "replace").split(",")
    if len(f) < _FIELDS:
        raise InvalidField(f"position of {len(f)} fields")
    rec = Record(fix_time=_time(f[2], ctx), valid=f[3] == "A")
    if f[3] not in ("A", "V"):
        raise InvalidField(f"bad fix flag {f[3][:4]!r}")
    lat, lon = _coordinate(f[4], 90), _coordinate(f[5], 180)
    speed, course = _dec(f[8]), _dec(f[9])
    if not 0 <= speed < 1000 or not 0 <= course <= 360:
        raise InvalidField(f"speed {speed} or course {course} out of range")
    sats = _dec(f[6])
    if not 0 <= sats < 100:
        raise InvalidField(f"satellites {sats}")
    rec.satellites = sats
    if rec.valid or lat or lon:  # no fix and zeros: no position at all, not (0, 0)
        rec.latitude, rec.longitude = lat, lon
        rec.speed, rec.course, rec.altitude = float(speed), float(course), float(_dec(f[10]))
    else:
        rec.kind = RecordKind.STATUS
    attrs = rec.attributes
    if not _FLOAT.fullmatch(f[7]):
        raise InvalidField(f"bad hdop {f[7][:8]!r}")
    attrs["hdop"] = float(f[7])
    attrs["odometer"] = _dec(f[11])  # metres
    _cell(f[12], attrs)
    attrs["rssi"] = _dec(f[13])
    _status(_hex(f[14]), attrs)
    inputs = _hex(f[15])
    _bits(inputs, "in", attrs)
    attrs["ignition"] = bool(inputs >> IGNITION_INPUT_BIT & 1)
    _bits(_hex(f[16]), "out", attrs)
    _voltages(f[17], attrs)
    _tail(f[18:], attrs)
    _event(_dec(f[0]), f[1], rec)
    return [rec]


def _answer(env: Envelope, ctx: DecodeContext) -> list[Record]:
    text = f"{env.command},{env.data.decode('ascii', 'replace')}" if env.data else env.command
    return [Record(ctx.received, RecordKind.STATUS, attributes={"result": text})]


DECODERS: Final[dict[str, Decoder]] = dict.fromkeys(POSITION_COMMANDS, _position)


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    """Positions for 000/010; any other command code is a command's answer."""
    env = open_frame(frame)
    return DECODERS.get(env.command, _answer)(env, ctx)
