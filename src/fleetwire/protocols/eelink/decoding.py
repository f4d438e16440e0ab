"""Eelink packages to Records: one small decoder per package identifier, found through a table.

Owns the content layouts after the position blocks (status, battery, analog inputs, mileage,
pedometer and sensor fields of V2.0 location packages; alarm and report codes; OBD values;
instruction answers). Checks the envelope again and raises only DeviceErrors; login, SMS and
unknown packages decode to no records.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Final

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols._binary import Reader
from fleetwire.protocols.base import DecodeContext

from . import positions
from .constants import ALARMS, Pid
from .framing import open_frame

Decoder = Callable[[bytes, Reader, DecodeContext], list[Record]]
_OBD_ITEM: Final = 1 + 4  # PID, value
_TIME_AND_STATUS: Final = 4 + 2


def _kind(rec: Record) -> None:
    if "alarm" in rec.attributes:
        rec.kind = RecordKind.EVENT
    elif not rec.has_position:
        rec.kind = RecordKind.STATUS


def _alarm(code: int, rec: Record) -> None:
    alarm = ALARMS.get(code)
    if alarm:
        rec.attributes["alarm"] = alarm
    rec.attributes["event"] = code


def _old_gps(frame: bytes, r: Reader, ctx: DecodeContext) -> list[Record]:
    """0x02: position, then (newer firmware) status, battery (mV), signal, ADC1, ADC2."""
    rec = Record(fix_time=ctx.received)
    positions.old_position(r, rec)
    a = rec.attributes
    if r.remaining >= 2:
        positions.status(r.u16(), rec)
    if r.remaining >= 8:
        a["battery"] = r.u16() / 1000
        a["rssi"] = r.u16()
        a["adc1"], a["adc2"] = r.u16(), r.u16()
    _kind(rec)
    return [rec]


def _old_alarm(frame: bytes, r: Reader, ctx: DecodeContext) -> list[Record]:
    rec = Record(fix_time=ctx.received)
    positions.old_position(r, rec)
    _alarm(r.u8(), rec)
    _kind(rec)
    return [rec]


def _old_state(frame: bytes, r: Reader, ctx: DecodeContext) -> list[Record]:
    """0x05: position, state type, then type-specific data. Captures show a time alone, a time
    and a status word, or another byte before the time: only the time + status form is read."""
    rec = Record(fix_time=ctx.received)
    positions.old_position(r, rec)
    rec.attributes["event"] = r.u8()
    if r.remaining == _TIME_AND_STATUS:
        r.skip(4)
        positions.status(r.u16(), rec)
    _kind(rec)
    return [rec]


def _heartbeat(frame: bytes, r: Reader, ctx: DecodeContext) -> list[Record]:
    rec = Record(fix_time=ctx.received, kind=RecordKind.STATUS)
    if r.remaining >= 2:
        positions.status(r.u16(), rec)
    return [rec]


def _obd(frame: bytes, r: Reader, ctx: DecodeContext) -> list[Record]:
    """0x07: time, then OBD PID / 4-byte value pairs (kept raw as io<PID>)."""
    if r.remaining < 4:
        return _heartbeat(frame, r, ctx)  # the short form carries only a status word
    rec = Record(fix_time=positions.time(r), kind=RecordKind.STATUS)
    while r.remaining >= _OBD_ITEM:
        pid = r.u8()
        rec.attributes[f"io{pid}"] = r.u32()
    return [rec]


def _location(frame: bytes, r: Reader, ctx: DecodeContext) -> list[Record]:
    """0x12: POSITION, status, battery (mV), AIN0, AIN1, mileage (m), GSM and GPS counters,
    pedometer steps and time, temperature (1/256 C), humidity (1/10 %), illuminance, CO2,
    second temperature (1/16 C); later fields only when the device sends them."""
    rec = Record(fix_time=ctx.received)
    positions.new_position(r, rec)
    a = rec.attributes
    positions.status(r.u16(), rec)
    a["battery"] = r.u16() / 1000
    a["adc1"], a["adc2"] = r.u16(), r.u16()
    if r.remaining >= 4:
        a["odometer"] = r.u32()
    if r.remaining >= 4:
        r.skip(4)  # GSM and GPS counters
    if r.remaining >= 4:
        a["steps"] = r.u16()
        r.skip(2)  # walking time
    if r.remaining >= 12:
        a["temp1"] = r.i16() / 256
        a["humidity"] = r.u16() / 10
        a["illuminance"] = r.u32() / 256
        a["co2"] = r.u32()
    if r.remaining >= 2:
        a["temp2"] = r.i16() / 16
    _kind(rec)
    return [rec]


def _text_or_none(frame: bytes, r: Reader) -> str | None:
    """Some firmware sends a warning as a ready-made UTF-8 text instead of a position."""
    raw = frame[r.pos : r.pos + r.remaining]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text if text.isprintable() else None


def _warning(frame: bytes, r: Reader, ctx: DecodeContext) -> list[Record]:
    """0x14: POSITION, warning code, status."""
    text = _text_or_none(frame, r)
    if text is not None:
        return [Record(fix_time=ctx.received, kind=RecordKind.EVENT, attributes={"result": text})]
    rec = Record(fix_time=ctx.received)
    positions.new_position(r, rec)
    _alarm(r.u8(), rec)
    positions.status(r.u16(), rec)
    _kind(rec)
    return [rec]


def _report(frame: bytes, r: Reader, ctx: DecodeContext) -> list[Record]:
    """0x15: POSITION, report type, status."""
    rec = Record(fix_time=ctx.received)
    positions.new_position(r, rec)
    rec.attributes["event"] = r.u8()
    positions.status(r.u16(), rec)
    _kind(rec)
    return [rec]


def _message(frame: bytes, r: Reader, ctx: DecodeContext) -> list[Record]:
    """0x16: POSITION, then the message (not kept)."""
    rec = Record(fix_time=ctx.received)
    positions.new_position(r, rec)
    _kind(rec)
    return [rec]


def _instruction_answer(frame: bytes, r: Reader, ctx: DecodeContext) -> list[Record]:
    """0x80 from the device: content type, the server's 4-byte flag echoed, the answer text.
    The answer to a location query ("Lat:N31.83955,Lon:W82.61346,Course:0.00,Speed:0.00km/h,
    DateTime:2017-12-02 11:29:43", fields split by ',' or a line feed) is a position."""
    r.skip(1 + 4)
    text = r.bytes(r.remaining).decode("utf-8", "replace").rstrip("\x00")
    rec = Record(fix_time=ctx.received, kind=RecordKind.STATUS, attributes={"result": text})
    m = _WHERE.fullmatch(text.strip())
    if m:
        lat, lon = float(m["lat"]), float(m["lon"])
        try:
            rec.fix_time = datetime.strptime(m["time"], "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
        except ValueError as e:
            raise InvalidField(f"bad time {m['time']!r}") from e
        rec.latitude = -lat if m["ns"] == "S" else lat
        rec.longitude = -lon if m["ew"] == "W" else lon
        rec.valid, rec.kind = True, RecordKind.POSITION
        rec.course, rec.speed = float(m["course"]), float(m["speed"])
    return [rec]


_WHERE: Final = re.compile(
    r"Lat:(?P<ns>[NS])(?P<lat>\d{1,2}\.\d{1,8})[,\n]Lon:(?P<ew>[EW])(?P<lon>\d{1,3}\.\d{1,8})[,\n]"
    r"Course:(?P<course>\d{1,3}(?:\.\d{1,2})?)[,\n]Speed:(?P<speed>\d{1,4}(?:\.\d{1,2})?)km/h[,\n]"
    r"Date ?Time:(?P<time>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)",
    re.IGNORECASE,
)


def _nothing(frame: bytes, r: Reader, ctx: DecodeContext) -> list[Record]:
    return []


DECODERS: Final[dict[int, Decoder]] = {
    Pid.LOGIN: _nothing,  # identity only (inspect reads it)
    Pid.GPS: _old_gps,
    Pid.HEARTBEAT: _heartbeat,
    Pid.ALARM: _old_alarm,
    Pid.STATE: _old_state,
    Pid.OBD: _obd,
    Pid.LOCATION: _location,
    Pid.WARNING: _warning,
    Pid.REPORT: _report,
    Pid.MESSAGE: _message,
    Pid.INSTRUCTION: _instruction_answer,
}


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    """Records of one frame (checked against the sanity rules by the protocol base class)."""
    pkg = open_frame(frame)
    return DECODERS.get(pkg.pid, _nothing)(frame, Reader(frame, pkg.start, pkg.end), ctx)
