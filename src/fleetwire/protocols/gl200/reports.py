"""The shared pieces of @Track text reports: times, the position block, the fields after it.

A position block is 12 fields: GPS accuracy, speed km/h, azimuth, altitude m, longitude,
latitude (longitude first), GPS UTC time, MCC, MNC, LAC hex, cell id hex, reserved. How many
fields precede it differs by model and firmware, so the block is found by its shape instead of
by a per-model index: the first UTC time preceded by two coordinates, or, with no fix at all,
six empty fields followed by an MCC. Fields after the last block are model-specific; only the
shapes that say what they are (hour meter, device status, 1-wire sensors) are read from them.
Knows nothing about message names or replies.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from fleetwire.errors import InvalidField
from fleetwire.model import Attributes, Record
from fleetwire.protocols._time import device_clock_to_utc
from fleetwire.protocols.base import DecodeContext

from .constants import MOTION

BLOCK = 12
_TIME = re.compile(r"\d{14}")
_COORD = re.compile(r"-?\d{1,3}\.\d+")
_MCC = re.compile(r"\d{3,4}")
_MNC = re.compile(r"\d{1,4}")
_HEX = re.compile(r"[0-9A-Fa-f]{1,8}")
_INT = re.compile(r"\d{1,9}")
_DECIMAL = re.compile(r"\d{1,9}\.\d")
_HOURS = re.compile(r"(\d{1,6}):(\d{2}):(\d{2})")
_STATUS = re.compile(r"([0-9A-Fa-f]{2})([0-9A-Fa-f]{2})([0-9A-Fa-f]{2})")
_SENSOR_ID = re.compile(r"[0-9A-Fa-f]{16}")
_TEMP = re.compile(r"[0-9A-Fa-f]{4}")
_MAC = re.compile(r"[0-9A-Fa-f]{12}")
_PERCENT = re.compile(r"100|[1-9]?\d")
_SMALL = re.compile(r"-?\d{1,2}")
_ONE_WIRE = "2"  # <uart device type>-like field before the 1-wire list (GTERI captures)
_DS18B20_STEP = 0.0625  # degrees per count of the 16-bit reading


def parse_time(text: str) -> datetime:
    try:
        return datetime.strptime(text, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError as e:
        raise InvalidField(f"bad time {text!r}") from e


def send_time(fields: list[str], ctx: DecodeContext) -> datetime:
    """<Send Time> (second to last field) is the device's local time (AT+GTTMZ); the device
    option ``timezone`` (hours) turns it into UTC. Missing: the receive time."""
    if len(fields) < 2 or not _TIME.fullmatch(fields[-2]):
        return ctx.received
    return local_to_utc(parse_time(fields[-2]), ctx)


def local_to_utc(t: datetime, ctx: DecodeContext) -> datetime:
    """A device-clock time (send time, text or binary) to UTC by the ``timezone`` option."""
    return device_clock_to_utc(t, ctx)


def _fix_at(f: list[str], s: int) -> bool:
    t = s + 6
    return t < len(f) and bool(
        _TIME.fullmatch(f[t]) and _COORD.fullmatch(f[t - 1]) and _COORD.fullmatch(f[t - 2])
    )


def _no_fix_at(f: list[str], s: int) -> bool:
    return (
        s + 7 < len(f)
        and not any(f[s + 1 : s + 7])
        and bool(_MCC.fullmatch(f[s + 7]))
        and (not f[s] or f[s].isdigit())
    )


def find_block(f: list[str]) -> int | None:
    """Index of the first block's GPS accuracy field, or None when the message has none."""
    last = len(f) - BLOCK + 1
    # a fix right before <Send Time>, without the cell fields (GTOBD of GV500 firmware)
    for s in range(3, len(f) - 8):
        if _fix_at(f, s):
            return s
    for s in range(3, last):
        if _no_fix_at(f, s):
            return s
    return None


def is_block(f: list[str], s: int) -> bool:
    """Whether a further position block starts at ``s`` (and ends before <Send Time>)."""
    return s + BLOCK <= len(f) - 2 and (_fix_at(f, s) or _no_fix_at(f, s))


def _wifi(f: list[str], s: int) -> int:
    """Fields of the Wi-Fi list some trackers (GT501) put after the GPS UTC time: a count,
    then per access point its MAC, RSSI and three reserved fields."""
    i = s + 7
    if i + 1 < len(f) and f[i].isdigit() and _MAC.fullmatch(f[i + 1]):
        return 1 + 5 * int(f[i])
    return 0


def width(f: list[str], s: int) -> int:
    """Fields of the block starting at ``s``."""
    return BLOCK + _wifi(f, s)


def _number(text: str, what: str) -> float | None:
    if not text:
        return None
    try:
        return float(text)
    except ValueError as e:
        raise InvalidField(f"bad {what} {text!r}") from e


def _cell(f: list[str], i: int, attrs: Attributes) -> None:
    if i + 4 > len(f):
        return
    mcc, mnc, lac, cid = f[i : i + 4]
    if _MCC.fullmatch(mcc) and _MNC.fullmatch(mnc) and _HEX.fullmatch(lac) and _HEX.fullmatch(cid):
        attrs.update(mcc=int(mcc), mnc=int(mnc), lac=int(lac, 16), cid=int(cid, 16))


def block(f: list[str], s: int, fallback: datetime) -> Record:
    """One position block starting at ``s`` (its GPS accuracy field)."""
    acc, speed, azimuth, altitude, lon, lat, utc = f[s : s + 7]
    rec = Record(fix_time=parse_time(utc) if utc else fallback)
    hdop = _number(acc, "GPS accuracy")
    if hdop is not None:
        rec.attributes["hdop"] = hdop
    if lon and lat:
        x, y = _number(lon, "longitude"), _number(lat, "latitude")
        if x is None or y is None or not (-180 <= x <= 180 and -90 <= y <= 90):
            raise InvalidField(f"position out of range: {lat} {lon}")
        rec.latitude, rec.longitude = y, x
        rec.valid = bool(hdop)  # accuracy 0: no fix, the last known position
        rec.speed = _number(speed, "speed")
        rec.course = _number(azimuth, "azimuth")
        rec.altitude = _number(altitude, "altitude")
        if rec.speed is not None and not 0 <= rec.speed < 1000:
            raise InvalidField(f"speed {speed}")
        if rec.course is not None and not 0 <= rec.course <= 360:
            raise InvalidField(f"azimuth {azimuth}")
    _cell(f, s + 7 + _wifi(f, s), rec.attributes)
    return rec


def motion_state(state: str, attrs: Attributes) -> None:
    known = MOTION.get(state.upper())
    if known is None:
        return
    ignition, moving = known
    if ignition is not None:
        attrs["ignition"] = ignition
    attrs["motion"] = moving


def _device_status(m: re.Match[str], attrs: Attributes) -> None:
    """<Device Status> SSIIOO: motion state, inputs (bit 0 ignition, then input 1..), outputs."""
    motion_state(m[1], attrs)
    inputs, outputs = int(m[2], 16), int(m[3], 16)
    for i in range(1, 4):
        attrs[f"in{i}"] = bool(inputs >> i & 1)
        attrs[f"out{i}"] = bool(outputs >> (i - 1) & 1)


def _one_wire(fields: list[str], attrs: Attributes) -> None:
    """1-wire sensors (GTERI): "2", count, then count x (sensor id, type, reading hex). Found by
    shape: the fields before it differ between models (device status, or input/output)."""
    for i in range(len(fields) - 2):
        if (
            fields[i] == _ONE_WIRE
            and fields[i + 1].isdigit()
            and _SENSOR_ID.fullmatch(fields[i + 2])
        ):
            break
    else:
        return
    for k in range(int(fields[i + 1])):
        j = i + 2 + 3 * k
        if j + 2 >= len(fields) or not _SENSOR_ID.fullmatch(fields[j]):
            return
        reading = fields[j + 2]
        if _TEMP.fullmatch(reading):
            raw = int(reading, 16)
            raw -= 0x10000 if raw & 0x8000 else 0
            attrs[f"temp{k + 1}"] = raw * _DS18B20_STEP


def tail(fields: list[str], attrs: Attributes) -> None:
    """The fields between the last block and <Send Time>, read by shape, never raising."""
    if level := _battery_level(fields):
        attrs["batteryLevel"] = int(level)  # GL-family trackers
        return
    for v in fields:
        if _DECIMAL.fullmatch(v):
            attrs["odometer"] = round(float(v) * 1000)  # mileage, km
            break
    for i, v in enumerate(fields):
        if m := _HOURS.fullmatch(v):
            attrs["hours"] = ((int(m[1]) * 60 + int(m[2])) * 60 + int(m[3])) * 1000
        elif (m := _STATUS.fullmatch(v)) and m[1].upper() in MOTION:
            _device_status(m, attrs)
            _before_status(fields[:i], attrs)
            break
    _one_wire(fields, attrs)


def _percent(text: str) -> bool:
    return bool(_PERCENT.fullmatch(text))


def _battery_level(fields: list[str]) -> str | None:
    """The battery percentage of the GL-family tails: alone; after the CSQ RSSI or an empty
    mileage (GL300, GT501); or GL500: <Reserved>, <Battery Voltage> mV, <Battery Percentage>,
    <Mode>, <Motion>, <Temperature>."""
    if len(fields) == 1 and _percent(fields[0]):
        return fields[0]
    if len(fields) == 2 and (not fields[0] or _SMALL.fullmatch(fields[0])) and _percent(fields[1]):
        return fields[1]
    if (
        len(fields) == 6
        and _SMALL.fullmatch(fields[0])
        and (not fields[1] or _INT.fullmatch(fields[1]))
        and _percent(fields[2])
        and fields[3] in ("0", "1")
    ):
        return fields[2]
    return None


def _before_status(fields: list[str], attrs: Attributes) -> None:
    """GV family: …, analog input 1, analog input 2 (mV), backup battery %, device status."""
    if fields and _INT.fullmatch(fields[-1]) and int(fields[-1]) <= 100:
        attrs["batteryLevel"] = int(fields[-1])
    if len(fields) >= 3:
        for n, v in enumerate(fields[-3:-1], start=1):
            if _INT.fullmatch(v):
                attrs[f"adc{n}"] = int(v)


def is_decimal(text: str) -> bool:
    return bool(_DECIMAL_ANY.fullmatch(text))


_DECIMAL_ANY = re.compile(r"\d{1,6}(?:\.\d{1,6})?")
