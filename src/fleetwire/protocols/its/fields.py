"""AIS-140 field parsers: dates in the three shapes vendors send, signed coordinates, numbers.

Every parser raises InvalidField for a value no device sends; an empty field is "not sent" and
gives None. Knows nothing about packet layouts.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.protocols._text import finite, integer
from fleetwire.protocols._time import device_clock_to_utc
from fleetwire.protocols.base import DecodeContext

_DIGITS = re.compile(r"\d+")
_HEX = re.compile(r"[0-9A-Fa-f]{1,8}")
_SIGNS = {"N": 1, "S": -1, "E": 1, "W": -1}


def field(f: list[str], i: int) -> str:
    if i >= len(f):
        raise TruncatedFrame(f"AIS-140 packet has {len(f)} fields, needs {i + 1}")
    return f[i].strip()


def when(f: list[str], i: int, ctx: DecodeContext) -> tuple[datetime, int]:
    """The date and time at f[i] and the index after them: `ddMMyyyy,HHmmss`, `ddMMyy,HHmmss`,
    `ddMMyyyyHHmmss`, or `dd,MM,yyyy,HH,mm,ss` (captures). All zeros is a device that has had
    no fix since it started: the receive time stands in."""
    first = field(f, i)
    if len(first) == 14:
        text, nxt = first, i + 1
    elif len(first) == 2:
        parts = [field(f, j) for j in range(i, i + 6)]
        text, nxt = "".join(parts[:2]) + parts[2].rjust(4, "0") + "".join(parts[3:]), i + 6
    else:
        date, clock = first, field(f, i + 1)
        if len(date) == 6:
            date = date[:4] + "20" + date[4:]
        text, nxt = date + clock, i + 2
    if len(text) != 14 or _DIGITS.fullmatch(text) is None:
        raise InvalidField(f"bad date/time {text!r}")
    if int(text[:8]) == 0:
        return ctx.received, nxt
    try:
        t = datetime(
            int(text[4:8]), int(text[2:4]), int(text[:2]),
            int(text[8:10]), int(text[10:12]), int(text[12:14]), tzinfo=UTC,
        )  # fmt: skip
    except ValueError as e:
        raise InvalidField(f"bad date/time {text!r}") from e
    return device_clock_to_utc(t, ctx), nxt


def coordinate(value: str, hemisphere: str, limit: float) -> float:
    """Decimal degrees and their hemisphere letter (AIS-140 sends degrees, not NMEA minutes)."""
    sign = _SIGNS.get(hemisphere.strip())
    if sign is None:
        raise InvalidField(f"bad hemisphere {hemisphere!r}")
    degrees = finite(value.strip())
    if not 0 <= degrees <= limit:
        raise InvalidField(f"coordinate {value!r} out of range")
    return sign * degrees


def number(text: str) -> float | None:
    text = text.strip()
    return finite(text) if text else None


def whole(text: str) -> int | None:
    text = text.strip()
    return integer(text) if text else None


def hex_number(text: str) -> int | None:
    """A LAC or cell id: hex in every capture; anything else (`x`, empty) is not sent."""
    text = text.strip()
    return int(text, 16) if _HEX.fullmatch(text) else None


def flag(text: str) -> bool | None:
    text = text.strip()
    if text in ("0", "1"):
        return text == "1"
    return None
