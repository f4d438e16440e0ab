"""GT06 message types that carry a GPS fix: one small decoder per type, and per firmware variant
of a type where the variant is told apart by its content length alone.

Layouts: Concox GT06 / GT06N / JM-VL03 / GK310 protocol documents; the variants (VXT01, S5,
WeTrust, GT06E card reader, Benway, SeeWorld, SL4X, AZ735, X1, LW4G, JI09) from real captures
(traccar Gt06ProtocolDecoderTest, used as data).
"""

from __future__ import annotations

from collections.abc import Callable

from fleetwire.model import Attributes, Record, RecordKind
from fleetwire.protocols._binary import Reader
from fleetwire.protocols.base import DecodeContext

from . import blocks
from .constants import MessageType as M
from .framing import Envelope

_FOUR_G = frozenset({M.GPS_LBS_4G, M.ALARM_FENCES_4G})
_WITH_FENCE = frozenset({M.ALARM_FENCES, M.ALARM_FENCES_4G})
_NO_FENCE = 0xFF
_STATUS_SIZE = 5  # terminal info, voltage level, GSM level, alarm, language

Tail = Callable[[Reader, Attributes], None]


def _fix(r: Reader, ctx: DecodeContext, kind: RecordKind = RecordKind.POSITION) -> Record:
    rec = Record(fix_time=blocks.time(r, ctx), kind=kind)
    blocks.gps(r, rec)
    return rec


def gps_only(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """0x10 and 0x1E (JI09, a multi-cell block follows that is not kept)."""
    return [_fix(r, ctx)]


# --- 0x11 / 0x12 and their model-specific tails, told apart by content length --------------------


def _signed_magnitude(value: int, sign_bit: int) -> int:
    magnitude = value & ((1 << sign_bit) - 1)
    return -magnitude if value >> sign_bit & 1 else magnitude


def _tail_vxt01(r: Reader, attrs: Attributes) -> None:
    """Terminal info, external power (0.01 V), GSM level, alarm extension."""
    blocks.terminal_info(r.u8(), attrs)
    attrs["power"] = r.u16() / 100
    attrs["rssi"] = r.u8()


def _tail_s5(r: Reader, attrs: Attributes) -> None:
    """Terminal info, power, GSM level, alarm, oil, temperature (sign bit 7), odometer (10 m)."""
    blocks.terminal_info(r.u8(), attrs)
    attrs["power"] = r.u16() / 100
    attrs["rssi"] = r.u8()
    blocks.alarm_code(r.u8(), attrs)
    attrs["oil"] = r.u16()
    attrs["temp1"] = _signed_magnitude(r.u8(), 7)
    attrs["odometer"] = r.u32() * 10


def _card(r: Reader) -> str:
    return r.bytes(r.u8()).decode("ascii", "replace").strip()


def _tail_card(r: Reader, attrs: Attributes) -> None:
    """GT06E with card reader: odometer, sized card number, alarm, swiped flag."""
    attrs["odometer"] = r.u32()
    attrs["card"] = _card(r)


def _tail_wetrust(r: Reader, attrs: Attributes) -> None:
    """Odometer, sized card number, alarm flag, card status, driving time."""
    attrs["odometer"] = r.u32()
    attrs["card"] = _card(r)
    if r.u8():
        attrs["alarm"] = "general"
    attrs["cardStatus"] = r.u8()
    attrs["drivingTime"] = r.u16()


def _tail_benway(r: Reader, attrs: Attributes) -> None:
    """A status word: bit 15 ACC, bit 14 input 2, bit 12 selects temperature or ADC."""
    mask = r.u16()
    attrs["ignition"] = bool(mask & 0x8000)
    attrs["in2"] = bool(mask & 0x4000)
    if mask & 0x1000:
        value = mask & 0x1FF
        attrs["temp1"] = -value if mask & 0x200 else value
    else:
        value = mask & 0x3FF
        attrs["adc1"] = value if mask & 0x2000 else value / 10


# content length -> what follows the standard 26 bytes of GPS and cell
_GPS_LBS_TAILS: dict[int, Tail] = {
    28: _tail_benway,  # length byte 0x21
    31: _tail_vxt01,  # 0x24
    36: _tail_wetrust,  # 0x29
    38: _tail_s5,  # 0x2B
}
_CARD_FROM = 108  # 0x71 and longer: GT06E card reader
_IMEI_FIRST = 34  # QH302R: the IMEI (8) precedes the GPS block


def gps_lbs(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """0x12 (and 0x11): GPS block, serving cell, then a model-specific tail."""
    size = r.remaining
    if size == 0:
        return []  # an empty location packet: nothing to record
    if env.protocol == M.GPS_LBS and size == _IMEI_FIRST:
        r.skip(8)
    rec = _fix(r, ctx)
    if r.remaining >= 7:
        # 0x11 captures carry a 2-byte MNC and a 4-byte cell id (302-720 is Rogers, Canada)
        old = env.protocol == M.GPS_LBS_OLD
        blocks.cell(r, rec.attributes, mnc2=old, cid_size=4 if old else 3)
    tail = _GPS_LBS_TAILS.get(size) if env.protocol == M.GPS_LBS else None
    if tail is None and env.protocol == M.GPS_LBS and size >= _CARD_FROM:
        tail = _tail_card
    if tail is not None:
        tail(r, rec.attributes)
    return [rec]


# --- 0x22 / 0xA0 ---------------------------------------------------------------------------------

_SEEWORLD_22 = 42  # length byte 0x2F: adds odometer, travel time, temperature, humidity
_NT20 = 55  # length byte 0x3C


def _nt20(r: Reader, ctx: DecodeContext) -> list[Record]:
    """0x22 of the NT20: location source, IMEI, device time, GPS, sized LBS, terminal info,
    power (0.01 V), battery (%), GSM level, alarm, language, odometer (3 bytes), working time
    (3 bytes, minutes)."""
    r.skip(1 + 8 + 6)
    rec = _fix(r, ctx)
    attrs = rec.attributes
    blocks.sized_lbs(r, attrs)
    blocks.terminal_info(r.u8(), attrs)
    attrs["power"] = r.u16() / 100
    attrs["batteryLevel"] = r.u8()
    attrs["rssi"] = r.u8()
    blocks.alarm_code(r.u8(), attrs)
    r.skip(1)
    attrs["odometer"] = r.u24()
    attrs["hours"] = r.u24() * 60_000
    return [rec]


def gps_lbs_2(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """0x22 / 0xA0: GPS block, cell, ACC, upload mode, re-upload flag, optional mileage."""
    size = r.remaining
    if env.protocol == M.GPS_LBS_2 and size == _NT20:
        return _nt20(r, ctx)
    rec = _fix(r, ctx)
    attrs = rec.attributes
    seeworld = env.protocol == M.GPS_LBS_2 and size == _SEEWORLD_22
    blocks.cell(r, attrs, wide=env.protocol in _FOUR_G, cid_size=4 if seeworld else 3)
    if r.remaining >= 3:
        attrs["ignition"] = r.u8() == 1
        attrs["uploadMode"] = r.u8()
        attrs["archive"] = r.u8() == 1  # re-uploaded from the device's buffer
    if r.remaining >= 4:
        attrs["odometer"] = r.u32()  # metres
    if seeworld:
        r.skip(4)  # travel time
        attrs["temp1"] = _signed_magnitude(r.u16(), 15) / 100
        attrs["humidity"] = r.u16() / 100
    return [rec]


# --- alarms: 0x16 / 0x26 / 0x27 / 0xA4 -----------------------------------------------------------

_VXT01_ALARM = 31  # 0x16 with length 0x24: no LBS length byte, no alarm code
_SEEWORLD_ALARM = 33  # 0x16/0x26 with length 0x26: 4-byte cell id


def alarm(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """GPS block, sized LBS block, status block, fence number (0x27, 0xA4)."""
    size = r.remaining
    rec = _fix(r, ctx, RecordKind.EVENT)
    attrs = rec.attributes
    if size == _VXT01_ALARM and env.protocol == M.ALARM:
        blocks.cell(r, attrs)
        blocks.terminal_info(r.u8(), attrs)
        blocks.battery_level(r.u8(), attrs)
        attrs["rssi"] = r.u8()
        return [rec]
    fence = 1 if env.protocol in _WITH_FENCE else 0
    if r.u8() == 0:  # no cell: firmware pads the block with zeros up to the status block
        r.skip(max(0, r.remaining - _STATUS_SIZE - fence))
    else:
        r.pos -= 1
        cid_size = 4 if size == _SEEWORLD_ALARM else 3
        blocks.sized_lbs(r, attrs, wide=env.protocol in _FOUR_G, cid_size=cid_size)
    blocks.status_block(r, attrs, family=blocks.model(ctx))
    if fence and r.remaining >= 1:
        number = r.u8()
        if number != _NO_FENCE:
            attrs["geofence"] = number + 1  # the device counts from 0
    return [rec]


# --- other GPS-bearing types ---------------------------------------------------------------------


def rfid(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """0x17 with length 0x28: GPS, cell, an 8-byte card id, validity."""
    rec = _fix(r, ctx)
    blocks.cell(r, rec.attributes)
    rec.attributes["driverUniqueId"] = r.bytes(8).hex()
    return [rec]


def ibutton(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """0x61: IMEI, GPS, cell (4-byte id), a 6-byte iButton id given as a decimal number."""
    r.skip(8)
    rec = _fix(r, ctx)
    blocks.cell(r, rec.attributes, cid_size=4)
    rec.attributes["driverUniqueId"] = str(r.uint(6))
    return [rec]


def _modules(r: Reader, attrs: Attributes) -> None:
    """Module id(2), size(1), value: 0x27 power, 0x2E odometer; the rest are skipped."""
    while r.remaining >= 3:
        module, size = r.u16(), r.u8()
        if module == 0x27 and size == 2:
            attrs["power"] = r.u16() / 100
        elif module == 0x2E and size == 4:
            attrs["odometer"] = r.u32()
        else:
            r.skip(min(size, r.remaining))


def gps_lbs_3(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """0x37: GPS, cell, ACC, event, re-upload flag, then sized modules."""
    rec = _fix(r, ctx)
    attrs = rec.attributes
    blocks.cell(r, attrs)
    attrs["ignition"] = r.u8() > 0
    attrs["event"] = r.u8()
    attrs["archive"] = r.u8() > 0
    _modules(r, attrs)
    return [rec]


def gps_lbs_8(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """0x38: GPS, upload mode, re-upload, then a cell led by its radio type (3+: 4G widths)."""
    rec = _fix(r, ctx)
    attrs = rec.attributes
    attrs["uploadMode"] = r.u8()
    attrs["archive"] = r.u8() > 0
    four_g = r.u8() >= 3
    blocks.cell(r, attrs, wide=four_g)
    r.skip(2 if four_g else 1)  # signal
    return [rec]


def lw4g(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """0xA2 with length 0x40 (LW4G): GPS, 4G cell, network, status with power, odometer, hours,
    terminal id, inputs."""
    rec = _fix(r, ctx)
    attrs = rec.attributes
    blocks.cell(r, attrs, wide=True)
    r.skip(1)  # network indicator
    blocks.terminal_info(r.u8(), attrs)
    attrs["power"] = r.u16() / 100
    blocks.battery_level(r.u8(), attrs)
    attrs["rssi"] = r.u8()
    blocks.alarm_code(r.u8(), attrs)
    r.skip(1)  # language
    attrs["odometer"] = r.u32()
    attrs["hours"] = r.u32() * 1000
    r.skip(8)  # terminal id
    attrs["input"] = r.u16()
    return [rec]


def fence_single(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """0xA3 (GK310): GPS, fence byte, 4G cell, status block."""
    rec = _fix(r, ctx, RecordKind.EVENT)
    r.skip(1)
    blocks.cell(r, rec.attributes, wide=True)
    blocks.status_block(r, rec.attributes)
    return [rec]


def x1_gps(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """0x34 (X1): data/alarm word, GPS, terminal info, odometer, cell, driver id, battery,
    power, port info, inputs, outputs, then the ADCs that the port info counts."""
    r.skip(4)
    rec = _fix(r, ctx)
    attrs = rec.attributes
    r.skip(2)
    attrs["odometer"] = r.u32()
    blocks.cell(r, attrs, cid_size=4)
    driver = r.u32()
    if driver:
        attrs["driverUniqueId"] = str(driver)
    attrs["battery"] = r.u16() / 100
    attrs["power"] = r.u16() / 100
    ports = r.u32()
    attrs["input"] = r.u8()
    attrs["output"] = r.u8()
    for i in range(1, (ports >> 20 & 0x0F) + 1):
        if r.remaining < 2:
            break
        attrs[f"adc{i}"] = r.u16() / 100
    return [rec]


def sl4x(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """0x31 / 0x32 (SL4X, 78 78): GPS; 0x31: cell (2-byte MNC, 4-byte id), ACC, event,
    re-upload, [odometer]; 0x32: the same cell behind a length byte, status block; then the
    altitude (m). The captures' cell ids and altitudes agree across both types."""
    rec = _fix(r, ctx)
    attrs = rec.attributes
    if env.protocol == M.GPS_LBS_STATUS_4:
        r.skip(1)  # LBS length
        blocks.cell(r, attrs, mnc2=True, cid_size=4)
        blocks.status_block(r, attrs)
    else:
        blocks.cell(r, attrs, mnc2=True, cid_size=4)
        attrs["ignition"] = r.u8() > 0
        attrs["event"] = r.u8()
        attrs["archive"] = r.u8() > 0
        if r.remaining > 2:
            attrs["odometer"] = r.u32()
    if r.remaining >= 2:
        rec.altitude = float(r.i16())
    return [rec]


_AZ735_ALARMS = {0xA2: "lowBattery", 0xA3: "lowBattery", 0xA4: "general", 0xA5: "door"}
_AZ735_ARMED = {0xA0: True, 0xA1: False}


def az735(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """0x32 / 0x33 (AZ735, 79 79): date-time, sized GPS (0: none), sized LBS and its signal,
    sized extra cells, sized WiFi, status, sized extension."""
    rec = Record(fix_time=blocks.time(r, ctx))
    if r.u8():
        blocks.gps(r, rec)
    attrs = rec.attributes
    if r.remaining and r.u8():
        r.pos -= 1
        blocks.sized_lbs(r, attrs)
        attrs["rssi"] = r.u8()
    r.skip(r.u8())
    r.skip(r.u8())
    status = r.u8()
    attrs["status"] = status
    if env.protocol == M.WIFI_5:
        rec.kind = RecordKind.EVENT
        if status in _AZ735_ARMED:
            attrs["armed"] = _AZ735_ARMED[status]
        if status in _AZ735_ALARMS:
            attrs["alarm"] = _AZ735_ALARMS[status]
    if not rec.has_position and rec.kind == RecordKind.POSITION:
        rec.kind = RecordKind.STATUS
    return [rec]


def sr411(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """0x24 with length 0x2E (SR411 mini): GPS, cell, ACC, power, battery."""
    rec = _fix(r, ctx)
    attrs = rec.attributes
    blocks.cell(r, attrs)
    attrs["ignition"] = r.u8() > 0
    attrs["power"] = r.u16() / 100
    attrs["battery"] = r.u16() / 100
    return [rec]
