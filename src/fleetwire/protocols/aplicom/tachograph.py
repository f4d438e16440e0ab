"""E (tachograph) packets: the fields their selector names, read in order into attributes.

Layout, from public descriptions of the format and checked on the five captured E packets: the
tachograph's own clock lands on the packet's time, the VIN reads WDB906605S1234567, the driver
cards read as 16-character card numbers behind a slot and a nation byte, and every packet's
fields end where the selector says. Selector bit 16 (driver records) and what follows it are
kept in the raw log, not decoded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from fleetwire.protocols._binary import Reader

from .constants import TachoSel

_CARD_NUMBER: Final = 16
_CARD_SIZE: Final = 22  # slot, nation, card number, 4 bytes more
_VIN_SIZE: Final = 18
_REGISTRATION_SIZE: Final = 15  # nation, 13 characters, a terminator
_NOT_AVAILABLE: Final = 0xFFFF
_DISTANCE_STEP: Final = 5  # metres per unit of the odometer and trip fields
_SPEED_STEP: Final = 256  # 1/256 km/h
_RPM_STEP: Final = 8  # 1/8 rpm


def _text(raw: bytes) -> str:
    return raw.split(b"\x00", 1)[0].decode("latin-1").strip()


def _card(r: Reader, key: str, a: dict[str, Any]) -> None:
    raw = r.bytes(_CARD_SIZE)
    number = _text(raw[2 : 2 + _CARD_NUMBER])
    if raw[0] and number.isprintable() and number:
        a[key] = number


def _distance(r: Reader, key: str, a: dict[str, Any]) -> None:
    a[key] = r.u32() * _DISTANCE_STEP


def _optional_u16(r: Reader, key: str, step: int, a: dict[str, Any]) -> None:
    value = r.u16()
    if value != _NOT_AVAILABLE:
        a[key] = value / step


# (selector bit, reader), in the order the fields follow each other
_FIELDS: Final[tuple[tuple[int, Callable[[Reader, dict[str, Any]], None]], ...]] = (
    (TachoSel.TACHO_TIME, lambda r, a: r.skip(8)),  # the tachograph's clock
    (TachoSel.STATES, lambda r, a: a.__setitem__("tachographStates", r.u32())),
    (TachoSel.SPEED, lambda r, a: _optional_u16(r, "obdSpeed", _SPEED_STEP, a)),
    (TachoSel.ODOMETER, lambda r, a: _distance(r, "odometer", a)),
    (TachoSel.TRIP, lambda r, a: _distance(r, "tripOdometer", a)),
    (TachoSel.K_FACTOR, lambda r, a: a.__setitem__("kFactor", r.u16())),
    (TachoSel.RPM, lambda r, a: _optional_u16(r, "rpm", _RPM_STEP, a)),
    (TachoSel.EXTRA, lambda r, a: r.skip(2)),
    (TachoSel.VIN, lambda r, a: a.__setitem__("vin", _text(r.bytes(_VIN_SIZE)))),
    (TachoSel.REGISTRATION, lambda r, a: a.__setitem__(
        "registration", _text(r.bytes(_REGISTRATION_SIZE)[1:]))),
    (TachoSel.CARD1, lambda r, a: _card(r, "driverUniqueId", a)),
    (TachoSel.CARD2, lambda r, a: _card(r, "coDriverUniqueId", a)),
)  # fmt: skip


def read(r: Reader, selector: int, a: dict[str, Any]) -> None:
    """The fields after the packet's time, into ``a``; empty texts are left out."""
    for bit, field in _FIELDS:
        if selector & bit:
            field(r, a)
    for key in ("vin", "registration"):
        if a.get(key) == "":
            del a[key]
