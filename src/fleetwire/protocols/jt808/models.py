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


def _jc371_event(value: bytes, rec: Record) -> None:
    if len(value) == 0x14 and value[0] in _JC371_EVENTS:
        add_alarm(rec, _JC371_EVENTS[value[0]])


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
