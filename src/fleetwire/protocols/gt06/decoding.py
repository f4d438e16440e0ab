"""GT06 frame content to Records: one small decoder per protocol number, found through a table.

Owns the content layouts (GPS block, LBS cell, terminal status, replies, information) and their
mapping to the shared attribute vocabulary. Works on frames of any source: the envelope is
checked again here, so a frame that fails its CRC never yields records. Knows nothing about
replies to the device (inspect.py) or sessions.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.model import Attributes, Record, RecordKind
from fleetwire.protocols._binary import Reader
from fleetwire.protocols._time import device_clock_to_utc
from fleetwire.protocols.base import DecodeContext

from .constants import ALARMS, TERMINAL_ALARMS, VOLTAGE_LEVEL_MAX
from .constants import MessageType as M
from .framing import open_frame

_COORD_SCALE = 1_800_000  # minutes x 30000
_FOUR_G = frozenset({M.GPS_LBS_4G, M.LBS_MULTI_4G, M.ALARM_FENCES_4G})
_WITH_FENCE = frozenset({M.ALARM_FENCES, M.ALARM_FENCES_4G})
_NO_FENCE = 0xFF

Decoder = Callable[[Reader, DecodeContext, int], list[Record]]


# --- shared blocks ------------------------------------------------------------------------------


def _time(r: Reader, ctx: DecodeContext) -> datetime:
    """Date-time YY MM DD hh mm ss (binary). All zeros: the device never had a clock, so the
    receive time stands in. UTC unless the device option ``timezone`` (hours) says otherwise."""
    raw = r.bytes(6)
    if not any(raw):
        return ctx.received
    try:
        t = datetime(2000 + raw[0], raw[1], raw[2], raw[3], raw[4], raw[5], tzinfo=UTC)
    except ValueError as e:
        raise InvalidField(f"bad date-time {raw.hex()}") from e
    return device_clock_to_utc(t, ctx)


def _gps(r: Reader, rec: Record) -> None:
    """Satellites, latitude, longitude, speed, course/status: 12 bytes after the date-time."""
    sats = r.u8() & 0x0F
    lat = r.u32() / _COORD_SCALE
    lon = r.u32() / _COORD_SCALE
    speed = r.u8()
    flags = r.u16()
    course = flags & 0x3FF
    if lat > 90 or lon > 180 or course > 360:
        raise InvalidField(f"position out of range: {lat} {lon} course {course}")
    rec.valid = bool(flags & 0x1000)
    rec.satellites = sats
    if rec.valid or lat or lon:  # zeros without a fix: no position at all, not (0, 0)
        rec.latitude = lat if flags & 0x400 else -lat  # set bit 10: north
        rec.longitude = -lon if flags & 0x800 else lon  # set bit 11: west
        rec.speed = float(speed)
        rec.course = float(course)


def _cell(r: Reader, attrs: Attributes, four_g: bool) -> None:
    """MCC, MNC, LAC, cell id. MCC bit 15 flags a 2-byte MNC; 4G frames widen LAC and CI."""
    mcc = r.u16()
    if mcc & 0x8000:
        mcc &= 0x7FFF
        mnc = r.u16()
    else:
        mnc = r.u8()
    lac = r.u32() if four_g else r.u16()
    cid = r.u64() if four_g else r.u24()
    if mcc or lac or cid:
        attrs.update(mcc=mcc, mnc=mnc, lac=lac, cid=cid)


def _terminal_info(info: int, attrs: Attributes) -> None:
    attrs["armed"] = bool(info & 0x01)
    attrs["ignition"] = bool(info & 0x02)  # ACC high
    attrs["charge"] = bool(info & 0x04)
    attrs["blocked"] = bool(info & 0x80)  # oil/electricity cut
    alarm = TERMINAL_ALARMS.get((info >> 3) & 0x07)
    if alarm:
        attrs["alarm"] = alarm


def _battery_level(level: int, attrs: Attributes) -> None:
    """Documented levels 0-6 as a percentage; some firmware sends a percentage directly."""
    if level <= VOLTAGE_LEVEL_MAX:
        attrs["batteryLevel"] = round(level * 100 / VOLTAGE_LEVEL_MAX)
    elif level <= 100:
        attrs["batteryLevel"] = level


def _alarm_code(code: int, attrs: Attributes) -> None:
    alarm = ALARMS.get(code)
    if alarm:  # the alarm byte is the more specific one: it wins over the terminal bits
        attrs["alarm"] = alarm


def _status_block(r: Reader, attrs: Attributes) -> None:
    """Terminal info, voltage level, GSM level (0-4), alarm byte, language byte."""
    _terminal_info(r.u8(), attrs)
    _battery_level(r.u8(), attrs)
    attrs["rssi"] = r.u8()
    _alarm_code(r.u8(), attrs)
    r.skip(1)  # language


def _reply_text(raw: bytes, codec: str = "ascii") -> Attributes:
    return {"result": raw.decode(codec, "replace").rstrip("\x00").strip()}


# --- one decoder per message type ---------------------------------------------------------------


def _login(r: Reader, ctx: DecodeContext, proto: int) -> list[Record]:
    r.skip(8)  # IMEI: the identity is the session's (inspect read it)
    attrs: Attributes = {}
    if r.remaining >= 2:  # newer firmware: type identity code, then time zone/language
        attrs["type"] = r.bytes(2).hex()
    return [Record(fix_time=ctx.received, kind=RecordKind.STATUS, attributes=attrs)]


def _gps_only(r: Reader, ctx: DecodeContext, proto: int) -> list[Record]:
    rec = Record(fix_time=_time(r, ctx))
    _gps(r, rec)
    return [rec]


def _gps_lbs(r: Reader, ctx: DecodeContext, proto: int) -> list[Record]:
    """0x12 (and 0x11): GPS block, serving cell; trailing model-specific bytes are ignored."""
    rec = Record(fix_time=_time(r, ctx))
    _gps(r, rec)
    _cell(r, rec.attributes, four_g=False)
    return [rec]


def _gps_lbs_2(r: Reader, ctx: DecodeContext, proto: int) -> list[Record]:
    """0x22 / 0xA0: GPS block, cell, ACC, upload mode, re-upload flag, optional mileage."""
    rec = Record(fix_time=_time(r, ctx))
    _gps(r, rec)
    attrs = rec.attributes
    _cell(r, attrs, four_g=proto in _FOUR_G)
    if r.remaining >= 3:
        attrs["ignition"] = r.u8() == 1
        attrs["uploadMode"] = r.u8()
        attrs["archive"] = r.u8() == 1  # re-uploaded from the device's buffer
    if r.remaining >= 4:
        attrs["odometer"] = r.u32()  # metres
    return [rec]


def _alarm(r: Reader, ctx: DecodeContext, proto: int) -> list[Record]:
    """0x16 / 0x26 / 0x27 / 0xA4: GPS block, sized LBS block, status block, fence number."""
    rec = Record(fix_time=_time(r, ctx), kind=RecordKind.EVENT)
    _gps(r, rec)
    attrs = rec.attributes
    lbs_start = r.pos
    lbs_len = r.u8()  # counts itself
    _cell(r, attrs, four_g=proto in _FOUR_G)
    if lbs_len > r.pos - lbs_start:
        r.skip(lbs_len - (r.pos - lbs_start))
    _status_block(r, attrs)
    if proto in _WITH_FENCE and r.remaining >= 1:
        fence = r.u8()
        if fence != _NO_FENCE:
            attrs["geofence"] = fence + 1  # the device counts from 0
    return [rec]


def _status(r: Reader, ctx: DecodeContext, proto: int) -> list[Record]:
    """0x13 heartbeat: terminal info, voltage level, GSM level, [alarm, language]. Other
    lengths are model-specific layouts: only the terminal info byte is common to them."""
    attrs: Attributes = {}
    size = r.remaining
    _terminal_info(r.u8(), attrs)
    if 2 <= size <= 5:
        _battery_level(r.u8(), attrs)
        if size >= 3:
            attrs["rssi"] = r.u8()
        if size >= 4:
            _alarm_code(r.u8(), attrs)
    return [Record(fix_time=ctx.received, kind=RecordKind.STATUS, attributes=attrs)]


def _heartbeat(r: Reader, ctx: DecodeContext, proto: int) -> list[Record]:
    """0x23 heartbeat: terminal info, battery voltage (0.01 V), GSM level, alarm, language."""
    attrs: Attributes = {}
    _terminal_info(r.u8(), attrs)
    attrs["battery"] = r.u16() / 100
    attrs["rssi"] = r.u8()
    if r.remaining >= 1:
        _alarm_code(r.u8(), attrs)
    return [Record(fix_time=ctx.received, kind=RecordKind.STATUS, attributes=attrs)]


def _string_info(r: Reader, ctx: DecodeContext, proto: int) -> list[Record]:
    """0x15: command length, server flag(4), ASCII text, language(2). The command length is
    unreliable in captures (0 on some firmware), so the text is what lies between."""
    if r.remaining < 7:
        raise TruncatedFrame(f"string information of {r.remaining} bytes")
    r.skip(5)
    text = r.bytes(r.remaining - 2)
    return [Record(ctx.received, RecordKind.STATUS, attributes=_reply_text(text))]


def _command_reply(r: Reader, ctx: DecodeContext, proto: int) -> list[Record]:
    """0x21: server flag(4), encoding (1 ASCII, 2 UTF-16BE), text."""
    r.skip(4)
    codec = "utf-16-be" if r.u8() == 2 else "ascii"
    text = r.bytes(r.remaining)
    return [Record(ctx.received, RecordKind.STATUS, attributes=_reply_text(text, codec))]


def _lbs_multi(r: Reader, ctx: DecodeContext, proto: int) -> list[Record]:
    """0x18 / 0x28 / 0xA1: date-time, serving cell, then neighbours (not kept)."""
    rec = Record(fix_time=_time(r, ctx), kind=RecordKind.STATUS)
    _cell(r, rec.attributes, four_g=proto in _FOUR_G)
    return [rec]


def _lbs_status(r: Reader, ctx: DecodeContext, proto: int) -> list[Record]:
    """0x19 (13-byte layout only): serving cell and status block, no time of its own."""
    if r.remaining != 13:
        return []
    rec = Record(fix_time=ctx.received, kind=RecordKind.STATUS)
    _cell(r, rec.attributes, four_g=False)
    _status_block(r, rec.attributes)
    return [rec]


def _info_power(r: Reader, attrs: Attributes) -> None:
    attrs["power"] = r.u16() / 100  # external supply, 0.01 V


def _info_door(r: Reader, attrs: Attributes) -> None:
    attrs["door"] = bool(r.u8() & 0x01)


def _info_iccid(r: Reader, attrs: Attributes) -> None:
    r.skip(16)  # IMEI and IMSI
    attrs["iccid"] = r.bytes(10).hex().rstrip("f")  # BCD, padded with F nibbles


_INFO: dict[int, Callable[[Reader, Attributes], None]] = {
    0x00: _info_power,
    0x05: _info_door,
    0x0A: _info_iccid,
}


def _info(r: Reader, ctx: DecodeContext, proto: int) -> list[Record]:
    """0x94: a sub-type byte, then its content; unknown sub-types carry nothing we keep."""
    sub = _INFO.get(r.u8())
    if sub is None:
        return []
    attrs: Attributes = {}
    sub(r, attrs)
    return [Record(fix_time=ctx.received, kind=RecordKind.STATUS, attributes=attrs)]


DECODERS: dict[int, Decoder] = {
    M.LOGIN: _login,
    M.GPS: _gps_only,
    M.GPS_LBS_OLD: _gps_lbs,
    M.GPS_LBS: _gps_lbs,
    M.GPS_LBS_2: _gps_lbs_2,
    M.GPS_LBS_4G: _gps_lbs_2,
    M.STATUS: _status,
    M.HEARTBEAT: _heartbeat,
    M.ALARM: _alarm,
    M.ALARM_2: _alarm,
    M.ALARM_FENCES: _alarm,
    M.ALARM_FENCES_4G: _alarm,
    M.STRING_INFO: _string_info,
    M.COMMAND_REPLY: _command_reply,
    M.LBS_EXTEND: _lbs_multi,
    M.LBS_MULTI: _lbs_multi,
    M.LBS_MULTI_4G: _lbs_multi,
    M.LBS_STATUS: _lbs_status,
    M.INFO: _info,
}


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    env = open_frame(frame)
    decoder = DECODERS.get(env.protocol)
    if decoder is None:
        return []
    return decoder(Reader(frame, env.start, env.end), ctx, env.protocol)
