"""Small checked parsers for GoSafe field values: decimals, integers, hex, coordinates, the
record clock. Each returns None for an empty field and raises InvalidField for anything else
that is not what the field holds, so a block decoder never sees a ValueError."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from fleetwire.errors import InvalidField
from fleetwire.protocols._time import device_clock_to_utc
from fleetwire.protocols.base import DecodeContext

_DECIMAL = re.compile(r"[+-]?\d{1,12}(?:\.\d{1,9})?")
_INT = re.compile(r"[+-]?\d{1,12}")
_HEX = re.compile(r"[0-9A-Fa-f]{1,16}")
_LAT = re.compile(r"([NS])(\d{1,2}(?:\.\d{1,9})?)")
_LON = re.compile(r"([EW])(\d{1,3}(?:\.\d{1,9})?)")


def at(values: list[str], i: int) -> str:
    return values[i].strip() if i < len(values) else ""


def decimal(text: str) -> float | None:
    if not text:
        return None
    if _DECIMAL.fullmatch(text) is None:
        raise InvalidField(f"not a number: {text[:20]!r}")
    return float(text)


def integer(text: str) -> int | None:
    if not text:
        return None
    if _INT.fullmatch(text) is None:
        raise InvalidField(f"not an integer: {text[:20]!r}")
    return int(text)


def hexadecimal(text: str) -> int | None:
    if not text:
        return None
    if _HEX.fullmatch(text) is None:
        raise InvalidField(f"not hexadecimal: {text[:20]!r}")
    return int(text, 16)


def latitude(text: str) -> float:
    m = _LAT.fullmatch(text)
    if m is None or float(m.group(2)) > 90:
        raise InvalidField(f"bad latitude {text[:20]!r}")
    value = float(m.group(2))
    return -value if m.group(1) == "S" else value


def longitude(text: str) -> float:
    m = _LON.fullmatch(text)
    if m is None or float(m.group(2)) > 180:
        raise InvalidField(f"bad longitude {text[:20]!r}")
    value = float(m.group(2))
    return -value if m.group(1) == "W" else value


def clock(hms: str, dmy: str, ctx: DecodeContext) -> datetime:
    """`hhmmss` + `DDMMYY` of the device clock, UTC in every capture (traccar issue #1231
    logs the record time 08:29:45 as 11:29:45 EEST); the ``timezone`` option can shift it."""
    text = hms + dmy
    if len(text) != 12 or not text.isdigit():
        raise InvalidField(f"bad record time {text[:20]!r}")
    hh, mi, ss, dd, mo, yy = (int(text[i : i + 2]) for i in range(0, 12, 2))
    try:
        t = datetime(2000 + yy, mo, dd, hh, mi, ss, tzinfo=UTC)
    except ValueError as e:
        raise InvalidField(f"bad record time {text!r}") from e
    return device_clock_to_utc(t, ctx)
