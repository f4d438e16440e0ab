"""The content blocks that GT06 message types share: date-time, GPS, cell, terminal status.

Owns their layouts (Concox GT06 / JM-VL03 documents) and their mapping to the shared attribute
vocabulary; the per-type decoders (location, lbs, status, information, events) string them
together. Knows nothing about the envelope.
"""

from __future__ import annotations

from datetime import UTC, datetime

from fleetwire.errors import InvalidField
from fleetwire.model import Attributes, Record
from fleetwire.protocols._binary import Reader
from fleetwire.protocols._time import device_clock_to_utc
from fleetwire.protocols.base import DecodeContext

from .constants import ALARMS, MODEL_ALARMS, TERMINAL_ALARMS, VOLTAGE_LEVEL_MAX, Model

COORD_SCALE = 1_800_000  # minutes x 30000


def time(r: Reader, ctx: DecodeContext) -> datetime:
    """Date-time YY MM DD hh mm ss (binary). All zeros: the device never had a clock, so the
    receive time stands in. UTC unless the device option ``timezone`` (hours) says otherwise."""
    return _clock(r.bytes(6), ctx, binary=True)


def bcd_time(r: Reader, ctx: DecodeContext) -> datetime:
    """The same six fields in BCD (GT03-style WiFi frames)."""
    return _clock(r.bytes(6), ctx, binary=False)


def _clock(raw: bytes, ctx: DecodeContext, *, binary: bool) -> datetime:
    if not any(raw):
        return ctx.received
    f = list(raw) if binary else [(b >> 4) * 10 + (b & 0x0F) for b in raw]
    try:
        t = datetime(2000 + f[0], f[1], f[2], f[3], f[4], f[5], tzinfo=UTC)
    except ValueError as e:
        raise InvalidField(f"bad date-time {raw.hex()}") from e
    return device_clock_to_utc(t, ctx)


def flags_position(rec: Record, lat: float, lon: float, flags: int) -> None:
    """Course/status word: bits 0-9 course, 10 north, 11 west, 12 fixed; bit 14 set says bit 15
    is ACC (clones)."""
    course = flags & 0x3FF
    if lat > 90 or lon > 180 or course > 360:
        raise InvalidField(f"position out of range: {lat} {lon} course {course}")
    rec.valid = bool(flags & 0x1000)
    if rec.valid or lat or lon:  # zeros without a fix: no position at all, not (0, 0)
        rec.latitude = lat if flags & 0x400 else -lat
        rec.longitude = -lon if flags & 0x800 else lon
        rec.course = float(course)
    if flags & 0x4000:
        rec.attributes["ignition"] = bool(flags & 0x8000)


def gps(r: Reader, rec: Record) -> None:
    """Satellites, latitude, longitude, speed, course/status: 12 bytes after the date-time."""
    sats = r.u8() & 0x0F
    lat = r.u32() / COORD_SCALE
    lon = r.u32() / COORD_SCALE
    speed = r.u8()
    flags_position(rec, lat, lon, r.u16())
    rec.satellites = sats
    if rec.has_position:
        rec.speed = float(speed)


def cell(
    r: Reader, attrs: Attributes, *, wide: bool = False, cid_size: int = 3, mnc2: bool = False
) -> None:
    """MCC, MNC, LAC, cell id. MCC bit 15 flags a 2-byte MNC; ``wide`` (4G) is a 4-byte LAC and
    an 8-byte cell id."""
    mcc = r.u16()
    if mcc & 0x8000 or mnc2:
        mcc &= 0x7FFF
        mnc = r.u16()
    else:
        mnc = r.u8()
    lac = r.u32() if wide else r.u16()
    cid = r.u64() if wide else r.uint(cid_size)
    if mcc or lac or cid:
        attrs.update(mcc=mcc, mnc=mnc, lac=lac, cid=cid)


def terminal_info(info: int, attrs: Attributes) -> None:
    attrs["armed"] = bool(info & 0x01)
    attrs["ignition"] = bool(info & 0x02)  # ACC high
    attrs["charge"] = bool(info & 0x04)
    attrs["blocked"] = bool(info & 0x80)  # oil/electricity cut
    alarm = TERMINAL_ALARMS.get((info >> 3) & 0x07)
    if alarm:
        attrs["alarm"] = alarm


def battery_level(level: int, attrs: Attributes) -> None:
    """Documented levels 0-6 as a whole percentage (rounded down, 4 -> 66); firmware that sends
    7-100 sends the percentage itself; larger values mean nothing documented."""
    if level <= VOLTAGE_LEVEL_MAX:
        attrs["batteryLevel"] = level * 100 // VOLTAGE_LEVEL_MAX
    elif level <= 100:
        attrs["batteryLevel"] = level


def model(ctx: DecodeContext) -> Model | None:
    """The ``model`` decode option: a model whose firmware reads some bytes otherwise (LW...,
    SEEWORLD, R11), matched case-blind and by prefix; None for any other value."""
    value = ctx.options.get("model")
    if not isinstance(value, str):
        return None
    value = value.upper()
    return next((m for m in Model if value.startswith(m.value)), None)


def alarm_code(code: int, attrs: Attributes, family: Model | None = None) -> None:
    alarm = MODEL_ALARMS.get(family, {}).get(code) if family else None
    alarm = alarm or ALARMS.get(code)
    if alarm:  # the alarm byte is the more specific one: it wins over the terminal bits
        attrs["alarm"] = alarm


def status_block(
    r: Reader, attrs: Attributes, *, language: bool = True, family: Model | None = None
) -> None:
    """Terminal info, voltage level, GSM level (0-4), alarm byte[, language byte]."""
    terminal_info(r.u8(), attrs)
    battery_level(r.u8(), attrs)
    attrs["rssi"] = r.u8()
    alarm_code(r.u8(), attrs, family)
    if language:
        r.skip(1)


def sized_lbs(r: Reader, attrs: Attributes, *, wide: bool = False, cid_size: int = 3) -> None:
    """An LBS block led by its length byte (which counts itself); 0 means no cell at all."""
    start = r.pos
    size = r.u8()
    if size == 0:
        return
    cell(r, attrs, wide=wide, cid_size=cid_size)
    used = r.pos - start
    if size > used:
        r.skip(size - used)
