"""What one Mictrack line is and whose: a standard report `MT;<n>;<IMEI>;<type>;<body>`, a
low-altitude report `<IMEI>$<fix>[$<fix>...]`, or a command result `[<IMEI> ]<name>=<result>!`.
Owns opening a line; knows nothing about field values (decoding.py).
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import NamedTuple

from fleetwire.errors import FramingError, InvalidField

from .constants import RESULT_END, STANDARD

_IMEI = re.compile(r"\d{15}")
_RESULT = re.compile(r"(?:(\d{15}) )?([A-Za-z0-9_]+=[^!]*)!")


class Kind(StrEnum):
    STANDARD = "standard"
    LOW_ALTITUDE = "low altitude"
    RESULT = "result"


class Line(NamedTuple):
    kind: Kind
    unique_id: str | None
    type: str  # the standard report's type (R0, R1 ...); "" otherwise
    body: list[str]  # standard: body split at "+"; low altitude: the fixes; result: [text]


def open_line(frame: bytes) -> Line:
    try:
        text = frame.decode("ascii").rstrip("\r\n")
    except UnicodeDecodeError as e:
        raise InvalidField("non-ASCII line") from e
    if not text or "\r" in text or "\n" in text:
        raise FramingError("not one Mictrack line")
    if text.startswith(STANDARD + ";"):
        parts = text.split(";", 4)
        if len(parts) != 5 or _IMEI.fullmatch(parts[2]) is None:
            raise InvalidField(f"bad standard report head {text[:40]!r}")
        return Line(Kind.STANDARD, parts[2], parts[3], parts[4].split("+"))
    imei, dollar, fixes = text.partition("$")
    if dollar and _IMEI.fullmatch(imei):
        return Line(Kind.LOW_ALTITUDE, imei, "", fixes.split("$"))
    m = _RESULT.fullmatch(text)
    if m is not None and text.endswith(RESULT_END):
        return Line(Kind.RESULT, m.group(1), "", [m.group(2)])
    raise InvalidField(f"not a Mictrack line: {text[:40]!r}")
