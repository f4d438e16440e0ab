"""GT06 extensions of the later Jimi IoT models: the dash-camera alarm with its video files
(0x95), the modular report with BLE sensor tags (0x70), peripheral status (0xF2) and OBD data
(0x8C).

Layouts from real captures (traccar Gt06ProtocolDecoderTest, used as data) read against the
Jimi JC100/JC400 and VL842 descriptions; no vendor document of these was found.
"""

from __future__ import annotations

from collections.abc import Callable

from fleetwire.model import Attributes, Record, RecordKind, utc_from_ms
from fleetwire.protocols._binary import Reader
from fleetwire.protocols.base import DecodeContext

from . import blocks
from .constants import CAMERA_EVENTS
from .framing import Envelope

_JC400_MARKER = 0xFFFF
_SHORT_ALARM = 7  # date-time and event only


def camera_alarm(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """0x95. Short: date-time, event. Long: [JC400: FFFF marker, version], date-time,
    [satellites], latitude, longitude, course/status, [speed(2), power (0.1 V)], event,
    event data(2), then the names of the video files recorded for it."""
    rec = Record(fix_time=ctx.received, kind=RecordKind.EVENT)
    attrs = rec.attributes
    long = r.remaining > _SHORT_ALARM
    if not long:
        rec.fix_time = blocks.time(r, ctx)
    else:
        jc400 = r.u16() == _JC400_MARKER
        if jc400:
            r.skip(1)
        else:
            r.pos -= 2
        rec.fix_time = blocks.time(r, ctx)
        sats = r.u8() & 0x0F if jc400 else None
        lat, lon = r.u32() / blocks.COORD_SCALE, r.u32() / blocks.COORD_SCALE
        blocks.flags_position(rec, lat, lon, r.u16())
        rec.satellites = sats
        if jc400:
            speed = r.u16()
            rec.speed = float(speed) if rec.has_position else None
            attrs["power"] = r.u16() / 10
    event = r.u8()
    attrs["event"] = event
    alarm = CAMERA_EVENTS.get(event)
    if event == 0x01:
        alarm = "sos" if long else "general"
    if alarm:
        attrs["alarm"] = alarm
    if long:
        r.skip(2)  # event data
        files = r.bytes(r.remaining).decode("ascii", "replace").strip("\x00 ")
        if files:
            attrs["eventFiles"] = files
    return [rec]


# --- 0x70 modular report -------------------------------------------------------------------------

_INPUT_ALARMS = {0x11: "lowBattery", 0x12: "lowPower", 0x13: "powerCut", 0x14: "removing"}


def _m_gps(r: Reader, rec: Record, ctx: DecodeContext) -> None:
    """Unix time, satellites, altitude, latitude, longitude, speed, course/status."""
    seconds = r.u32()
    if seconds:  # 0: no clock yet, the receive time stands
        rec.fix_time = utc_from_ms(seconds * 1000)
    rec.satellites = r.u8()
    rec.altitude = float(r.i16())
    lat, lon = r.u32() / blocks.COORD_SCALE, r.u32() / blocks.COORD_SCALE
    speed = r.u8()
    blocks.flags_position(rec, lat, lon, r.u16())
    if rec.has_position:
        rec.speed = float(speed)
        rec.kind = RecordKind.POSITION


def _m_cell(r: Reader, rec: Record, ctx: DecodeContext) -> None:
    mcc, mnc, lac, cid = r.u16(), r.u16(), r.u16(), r.u24()
    if cid:
        rec.attributes.update(mcc=mcc, mnc=mnc, lac=lac, cid=cid)


def _m_inputs(r: Reader, rec: Record, ctx: DecodeContext) -> None:
    value = r.u8()
    rec.attributes["door"] = bool(value & 0x0F)
    rec.attributes["tamper"] = bool(value >> 4)


def _m_event(r: Reader, rec: Record, ctx: DecodeContext) -> None:
    event = r.u8()
    rec.attributes["event"] = event
    if event in _INPUT_ALARMS:
        rec.attributes["alarm"] = _INPUT_ALARMS[event]


def _m_tag(r: Reader, rec: Record, ctx: DecodeContext) -> None:
    """BLE sensor tag: id(6), battery (mV), battery %, temperature (0.1 C), humidity, status."""
    a = rec.attributes
    a["tag1Id"] = r.bytes(6).hex()
    a["tag1Battery"] = r.u16() / 1000
    a["tag1BatteryLevel"] = r.u8()
    a["tag1Temp"] = r.i16() / 10
    a["tag1Humidity"] = r.i16()
    a["tag1Status"] = r.u8()


def _attr(name: str, read: Callable[[Reader], float | int | str]) -> Module:
    def module(r: Reader, rec: Record, ctx: DecodeContext) -> None:
        rec.attributes[name] = read(r)

    return module


Module = Callable[[Reader, Record, DecodeContext], None]
_MODULES: dict[int, Module] = {
    0x03: _attr("iccid", lambda r: r.bytes(10).hex()),
    0x09: _attr("sat", Reader.u8),
    0x0A: _attr("satVisible", Reader.u8),
    0x11: _m_cell,
    0x18: _attr("battery", lambda r: r.u16() / 100),
    0x28: _attr("hdop", lambda r: r.u8() / 10),
    0x29: _attr("index", Reader.u32),
    0x2A: _m_inputs,
    0x2B: _m_event,
    # big-endian: read so, the two captures' odometers grow with their dates (61633 -> 62045 m)
    0x2E: _attr("odometer", Reader.u32),
    0x33: _m_gps,
    0x7F: _m_tag,
}


def modular(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """0x70: modules of id(2), size(2), value, each read within its own size."""
    rec = Record(fix_time=ctx.received, kind=RecordKind.STATUS)
    while r.remaining >= 4:
        module, size = r.u16(), r.u16()
        end = r.pos + size
        if end > r.pos + r.remaining:
            break
        read = _MODULES.get(module)
        if read is not None:
            read(Reader(r.bytes(size)), rec, ctx)
        else:
            r.skip(size)
        r.pos = end
    return [rec]


# --- 0xF2 peripheral status, 0x8C OBD ------------------------------------------------------------


def _p_ble(r: Reader, attrs: Attributes) -> None:
    size = r.u16()
    r.skip(1)  # MAC address type
    attrs["mac"] = r.bytes(6).hex()
    event, data = r.u8(), r.u8()
    attrs["event"] = event
    if event:
        attrs["eventData"] = data
    attrs["dataType"] = r.u8()
    attrs["dataDetails"] = r.bytes(max(0, size - 10)).hex()


def _p_battery(r: Reader, attrs: Attributes) -> None:
    r.skip(1)
    attrs["externalBatteryLevel"] = r.u8()
    if r.u8():
        attrs["externalBatteryCharge"] = True
    attrs["externalBatteryCycles"] = r.u16()
    r.skip(6)


_PERIPHERALS: dict[int, Callable[[Reader, Attributes], None]] = {0x0A: _p_ble, 0x0C: _p_battery}


def peripheral(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """0xF2: Unix time, then status items of id(2) and their content; unknown items carry a size
    byte (0: the next byte is the size)."""
    rec = Record(fix_time=utc_from_ms(r.u32() * 1000), kind=RecordKind.STATUS)
    while r.remaining >= 3:
        item = r.u16()
        read = _PERIPHERALS.get(item)
        if read is not None:
            read(r, rec.attributes)
        else:
            size = r.u8()
            r.skip(size if size else r.u8())
    return [rec]


_OBD_KEYS: dict[int, tuple[str, float]] = {
    0x2B: ("fuel", 0.01),
    0x2D: ("coolantTemp", 0.01),
    0x35: ("obdSpeed", 0.01),
    0x36: ("rpm", 0.01),
    0x47: ("fuelUsed", 0.01),
}
_OBD_VIN = 0x4A
_OBD_TAIL = 12  # GPS block after the text


def obd(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """0x8C: date-time, ACC, "<pid>=<hex>," pairs, then a 12-byte trailer."""
    rec = Record(fix_time=blocks.time(r, ctx), kind=RecordKind.STATUS)
    attrs = rec.attributes
    attrs["ignition"] = r.u8() > 0
    text = r.bytes(max(0, r.remaining - _OBD_TAIL)).decode("ascii", "replace")
    for pair in text.split(","):
        key, _, value = pair.partition("=")
        try:
            pid = int(key[:2], 16)
            if pid == _OBD_VIN and value:
                attrs["vin"] = value
            elif pid in _OBD_KEYS and value:
                name, scale = _OBD_KEYS[pid]
                attrs[name] = round(int(value, 16) * scale, 2)
        except ValueError:
            continue
    return [rec]
