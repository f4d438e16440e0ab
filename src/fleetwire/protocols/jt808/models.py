"""Per-model readings of the location message, chosen by the decode option ``model`` (README:
``[protocols.jt808.decode] model = "..."``): firmware that gives a standard bit or a vendor item
another meaning. Each reading is fixed by real captures of that model with the values a mature
decoder reads for them (traccar Jt808ProtocolDecoderTest, numbered in
tests/protocols/jt808/captures.py); nothing here applies without the option."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final

from fleetwire.model import Record
from fleetwire.protocols.base import DecodeContext

from .extended import add_alarm

Handler = Callable[[bytes, Record], None]

_MV710G_DOOR: Final = 1 << 16  # status bit 16: door open (captures #88, #89)
_MV710G_DOOR_ALARM: Final = 1 << 16  # item 0x57 (8 bytes), bit 16: door alarm (#89)
_AL300_MOVEMENT_BIT: Final = 1 << 16  # alarm bit 16 means movement on AL300 (#90)
# JC371 item 0xE8: its first byte says what happened (captures #109 SOS, #110 vibration)
_JC371_EVENTS: Final = {0x0C: "sos", 0x04: "vibration"}


def _mv710g_alarms(value: bytes, rec: Record) -> None:
    if len(value) == 8 and int.from_bytes(value, "big") & _MV710G_DOOR_ALARM:
        add_alarm(rec, "door")


_JC371_STATE: Final = b"\x20\x03"  # a state block: length(1) then the fields below
_JC371_LEVELS: Final = range(1, 7)  # battery state 1-6, sixths of a full battery


def _jc371_event(value: bytes, rec: Record) -> None:
    """Item 0xE8: an event (captures #109, #110), or the 2003 state block: charging(1),
    battery state(1), battery(2, 1/100 V), signal(1), supply(2, 1/100 V) (capture #108:
    01 05 019F 03 0190 is charging, 83%, 4.15 V)."""
    if len(value) == 0x14 and value[0] in _JC371_EVENTS:
        add_alarm(rec, _JC371_EVENTS[value[0]])
    elif value[:2] == _JC371_STATE and len(value) >= 10:
        attrs = rec.attributes
        attrs["charge"] = value[3] == 1
        if value[4] in _JC371_LEVELS:
            attrs["batteryLevel"] = value[4] * 100 // 6
        attrs["battery"] = int.from_bytes(value[5:7], "big") / 100
        attrs.setdefault("rssi", value[7])  # the standard item 0x30 says it first
        attrs["power"] = int.from_bytes(value[8:10], "big") / 100


ITEMS: Final[dict[str, dict[int, Handler]]] = {
    "MV710G": {0x57: _mv710g_alarms},
    "JC371": {0xE8: _jc371_event},
}
ALARM_BITS: Final[dict[str, dict[int, str]]] = {"AL300": {16: "movement"}}


def model(ctx: DecodeContext) -> str | None:
    value = ctx.options.get("model")
    return value.upper() if isinstance(value, str) else None


def items(ctx: DecodeContext) -> Mapping[int, Handler]:
    name = model(ctx)
    return ITEMS.get(name, {}) if name else {}


def alarm_bits(ctx: DecodeContext) -> Mapping[int, str]:
    name = model(ctx)
    return ALARM_BITS.get(name, {}) if name else {}


def status(ctx: DecodeContext, word: int, rec: Record) -> None:
    """Status-word readings of a model."""
    if model(ctx) == "MV710G":
        rec.attributes["door"] = bool(word & _MV710G_DOOR)


__all__ = ["ITEMS", "alarm_bits", "items", "model", "status"]
