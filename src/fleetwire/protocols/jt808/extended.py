"""Vendor extended data carried inside one location item: the 0xEB block of sub-items
(``length(2) id(2) value``, the length counting the id), which some firmware uses for a
time-zone string instead, and the "$OBD-RT" text line of OBD dongles (item 0xE6 and
transparent data 0x41).

Sub-item meanings come from real captures with the values a mature decoder publishes for them
(traccar HuabaoProtocolDecoderTest; numbered in tests/protocols/jt808/captures.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from fleetwire.errors import InvalidField
from fleetwire.model import Record
from fleetwire.protocols._text import finite


def _number(raw: str) -> float | None:
    """A vendor's decimal text, or None: one bad field leaves the rest of the item readable."""
    try:
        return finite(raw)
    except InvalidField:
        return None


def _iccid_bcd(value: bytes, rec: Record) -> None:
    digits = value.hex().rstrip("f")  # capture #23: 19 digits padded with F
    if digits.isdigit():
        rec.attributes["iccid"] = digits


def _iccid_text(value: bytes, rec: Record) -> None:
    text = value.rstrip(b"\x00").decode("ascii", "replace")
    if text.isalnum():
        rec.attributes["iccid"] = text


def _battery_mv(value: bytes, rec: Record) -> None:
    if len(value) == 2:  # capture #5: 0FA5 is 4.005 V, the internal battery
        rec.attributes["battery"] = int.from_bytes(value, "big") / 1000
    elif len(value) == 4:  # Jt808 capture #1: 00002DB4 is 11.7 V, the vehicle supply
        rec.attributes["power"] = int.from_bytes(value, "big") / 1000


def add_alarm(rec: Record, name: str) -> None:
    current = rec.attributes.get("alarm")
    names = current.split(",") if isinstance(current, str) else []
    if name not in names:
        rec.attributes["alarm"] = ",".join([*names, name])


# Alarm words whose bits are active low (all ones: nothing). One bit each is fixed by a pair
# of captures of one device that differ in that bit alone and the alarm the reference decoder
# reads from it (Jt808ProtocolDecoderTest: removal for 0089 bit 12, vibration for 00C5 bit 6).
_ACTIVE_LOW: Final = {0x0089: {12: "removing"}, 0x00C5: {6: "vibration"}}


# 00C5 bits 23-24: the motion state, 0 moving, 1 still (capture #99: 00, moving)
_MOTION_SHIFT: Final = 23
_MOTION_STATES: Final = {0: True, 1: False}


def _alarm_word(sub: int) -> Callable[[bytes, Record], None]:
    def put(value: bytes, rec: Record) -> None:
        if len(value) == 4:
            word = int.from_bytes(value, "big")
            for bit, name in _ACTIVE_LOW[sub].items():
                if not word >> bit & 1:
                    add_alarm(rec, name)
            if sub == 0x00C5 and (word >> _MOTION_SHIFT & 3) in _MOTION_STATES:
                rec.attributes["motion"] = _MOTION_STATES[word >> _MOTION_SHIFT & 3]

    return put


def _power(value: bytes, rec: Record) -> None:
    if len(value) == 2:  # capture #58: 1D46 is 74.94 V
        rec.attributes["power"] = int.from_bytes(value, "big") / 100


def _level(value: bytes, rec: Record) -> None:
    if len(value) == 1 and value[0] <= 100:  # captures #24 and #44
        rec.attributes["batteryLevel"] = value[0]


def _fuel_tenths(value: bytes, rec: Record) -> None:
    if len(value) >= 2:  # capture #64: 0377 is 88.7
        rec.attributes["fuel1"] = int.from_bytes(value[0:2], "big") / 10


def _fuel_text(value: bytes, rec: Record) -> None:
    fuel = _number(value.decode("ascii", "replace"))  # capture #63: "001.47"
    if fuel is not None:
        rec.attributes["fuel2"] = fuel


_SUB_ITEMS: Final[dict[int, Callable[[bytes, Record], None]]] = {
    0x0001: _fuel_tenths,
    0x0023: _fuel_text,
    0x002D: _battery_mv,
    0x0089: _alarm_word(0x0089),
    0x00A8: _level,
    0x00B2: _iccid_bcd,
    0x00C5: _alarm_word(0x00C5),
    0x00CE: _power,
    0x00E1: _level,
    0x00FB: _iccid_text,
}


def decode(value: bytes, rec: Record) -> None:
    """An 0xEB item: a time-zone string ("UTC+08:00", capture #6) or sub-items."""
    if value[:3] == b"UTC" and value.isascii():
        rec.attributes["timezone"] = value.decode("ascii").rstrip("\x00")
        return
    pos, end = 0, len(value)
    while end - pos >= 4:
        size = int.from_bytes(value[pos : pos + 2], "big")
        if size < 2 or pos + 2 + size > end:
            return
        sub = int.from_bytes(value[pos + 2 : pos + 4], "big")
        handler = _SUB_ITEMS.get(sub)
        if handler is not None:
            handler(value[pos + 4 : pos + 2 + size], rec)
        pos += 2 + size


# "$OBD-RT" fields whose meaning the captures fix: rpm (capture #7: 55.000) and fuel used in
# litres (capture #15: 565.96). The others are left alone until a document names them.
_OBD_FIELDS: Final = {2: "rpm", 12: "fuelUsed"}


def obd_text(value: bytes, rec: Record) -> None:
    text = value.decode("ascii", "replace").strip()
    if not text.startswith("$OBD-RT"):
        return
    fields = text.split(",")
    for index, key in _OBD_FIELDS.items():
        number = _number(fields[index]) if index < len(fields) else None
        if number is not None:
            rec.attributes[key] = number
