"""GT06 heartbeats and status packets (0x13 and its model-specific lengths, 0x23, 0x36, the
short 0xA3): records without a position, time of receipt.

Layouts: Concox GT06 / JM-VL03 documents for the 5-byte 0x13; the OBD6 (14-byte), 16-byte and
Jimi IoT 0x36 layouts from real captures (traccar Gt06ProtocolDecoderTest, used as data).
"""

from __future__ import annotations

from collections.abc import Callable

from fleetwire.model import Attributes, Record, RecordKind
from fleetwire.protocols._binary import Reader
from fleetwire.protocols.base import DecodeContext

from . import blocks
from .constants import Model
from .framing import Envelope

_OBD6 = 14  # length byte 0x13
_WITH_TEMPERATURE = 16  # length byte 0x15
_OBD6_TEMP_MODE = 4


def _status(attrs: Attributes, ctx: DecodeContext) -> list[Record]:
    return [Record(fix_time=ctx.received, kind=RecordKind.STATUS, attributes=attrs)]


def _obd6(r: Reader, attrs: Attributes) -> None:
    """Signal word (GPS + GLONASS satellites, GSM level), alarm, language, battery percentage,
    mode, power (0.01 V), reserved, working time, [temperature (0.1 C) in mode 4]."""
    signal = r.u16()
    attrs["sat"] = (signal >> 10 & 0x3F) + (signal >> 5 & 0x1F)
    attrs["rssi"] = signal & 0x1F
    blocks.alarm_code(r.u8(), attrs)
    r.skip(1)
    attrs["batteryLevel"] = r.u8()
    mode = r.u8()
    attrs["power"] = r.u16() / 100
    r.skip(3)
    if mode == _OBD6_TEMP_MODE and r.remaining >= 2:
        attrs["temp1"] = r.i16() / 10


def _with_temperature(r: Reader, attrs: Attributes) -> None:
    """Content byte, satellites(2), alarm, language, battery percentage, mode, working voltage,
    reserved, working count, working time, temperature (0.1 C, bit 15 set: above zero)."""
    r.skip(5)
    attrs["batteryLevel"] = r.u8()
    r.skip(8)
    value = r.u16()
    magnitude = (value & 0x7FFF) / 10
    attrs["temp1"] = magnitude if value & 0x8000 else -magnitude


def status(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """0x13 heartbeat: terminal info, voltage level, GSM level, [alarm, language]. Longer
    layouts are model-specific and told apart by their length."""
    attrs: Attributes = {}
    size = r.remaining
    if size == _WITH_TEMPERATURE:
        _with_temperature(r, attrs)
        return _status(attrs, ctx)
    blocks.terminal_info(r.u8(), attrs)
    family = blocks.model(ctx)
    if size == _OBD6:
        _obd6(r, attrs)
    elif size == _STANDARD and family is not None:
        _MODEL_TAILS[family](r, attrs)
    elif 2 <= size <= _STANDARD:
        blocks.battery_level(r.u8(), attrs)
        if size >= 3:
            attrs["rssi"] = r.u8()
        if size >= 4:
            blocks.alarm_code(r.u8(), attrs)
    return _status(attrs, ctx)


# The 5-byte 0x13 of the models the decode option ``model`` names (after the terminal info).
def _tail_lw(r: Reader, attrs: Attributes) -> None:
    """Voltage level, GSM level, then power (0.1 V) in the low 12 bits of the last word."""
    blocks.battery_level(r.u8(), attrs)
    attrs["rssi"] = r.u8()
    attrs["power"] = (r.u16() & 0x0FFF) / 10


def _tail_seeworld(r: Reader, attrs: Attributes) -> None:
    """Voltage level, GSM level, power in whole volts, language."""
    blocks.battery_level(r.u8(), attrs)
    attrs["rssi"] = r.u8()
    attrs["power"] = float(r.u8())


def _tail_r11(r: Reader, attrs: Attributes) -> None:
    """Power (0.01 V), GSM level, alarm."""
    attrs["power"] = r.u16() / 100
    attrs["rssi"] = r.u8()
    blocks.alarm_code(r.u8(), attrs)


_STANDARD = 5
_MODEL_TAILS: dict[Model, Callable[[Reader, Attributes], None]] = {
    Model.LW: _tail_lw,
    Model.SEEWORLD: _tail_seeworld,
    Model.R11: _tail_r11,
}


def heartbeat(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """0x23 heartbeat: terminal info, battery voltage (0.01 V), GSM level, alarm, language."""
    attrs: Attributes = {}
    blocks.terminal_info(r.u8(), attrs)
    attrs["battery"] = r.u16() / 100
    attrs["rssi"] = r.u8()
    if r.remaining >= 1:
        blocks.alarm_code(r.u8(), attrs)
    return _status(attrs, ctx)


def status_modules(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """0x36 (Jimi IoT 4G): status block, then modules of id(2), size(1), value: 0x18 battery
    (0.01 V), 0x27 external power (0.01 V), 0x6A battery percentage; others skipped."""
    attrs: Attributes = {}
    blocks.status_block(r, attrs)
    while r.remaining >= 3:
        module, size = r.u16(), r.u8()
        if module == 0x18 and size == 2:
            attrs["battery"] = r.u16() / 100
        elif module == 0x27 and size == 2:  # JM-LL301 document example; H08E capture
            attrs["power"] = r.u16() / 100
        elif module == 0x6A and size == 1:
            attrs["batteryLevel"] = r.u8()
        else:
            r.skip(min(size, r.remaining))
    return _status(attrs, ctx)


def short_status(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """0xA3 with length 0x0C (SeeWorld): terminal info, voltage level, GSM level, alarm."""
    attrs: Attributes = {}
    blocks.status_block(r, attrs, language=False)
    return _status(attrs, ctx)
