"""Which AIS-140 packet a frame is, found from its fields rather than from one vendor's header:
vendors put different headers (`$NRM`, `$Header`, `$RLP`, `$,C`, `$,03`, `$EPB` ...) and extra
fields before the IMEI, but the standard's fields around the IMEI are the same for all:

- tracking (normal, alert and history packets): `<packet type>,[<alert id>,]<L|H>,<IMEI>,...`
- emergency: `<EMR|SEM>,<IMEI>,<NM|SP>,<date time>,...`
- login: `LGN` before the IMEI, or after it the firmware, `AIS140` and the last location
- health: `HBT`/`HLM` before the IMEI (or the `$,02` numbering of some firmware)

Owns opening a frame (text up to its `*`, fields) and that classification; knows nothing about
field values (decoding.py).
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import NamedTuple

from fleetwire.errors import FramingError, TruncatedFrame

from .constants import (
    EMERGENCY_TYPES,
    HEALTH_HEADERS,
    HISTORY,
    LIVE,
    LOGIN_HEADER,
    START,
)

_IMEI = re.compile(r"\d{15}")
_TYPE = re.compile(r"[A-Z]{2}")
_ALERT = re.compile(r"\d{1,2}")
_HEMISPHERES = frozenset({"N", "S"})
_PROTOCOL_NAME = "AIS140"
_SEARCH = 12  # the IMEI is among the first fields of every packet


class Kind(StrEnum):
    LOGIN = "login"
    TRACKING = "tracking"
    EMERGENCY = "emergency"
    HEALTH = "health"
    OTHER = "other"


class Message(NamedTuple):
    kind: Kind
    fields: list[str]  # every comma-separated field after the `$`, the header first
    imei_at: int  # index of the IMEI field; -1 when the packet carries none

    @property
    def imei(self) -> str | None:
        return self.fields[self.imei_at] if self.imei_at >= 0 else None


def body(frame: bytes) -> str:
    """The packet's text between `$` and its `*` (or its end). Latin-1, never an error: a
    binary checksum byte may stand before the `*`, and operator names are free text."""
    if not frame or frame[0] != START:
        raise FramingError(f"not an AIS-140 packet: {frame[:8].hex()}")
    text = frame.decode("latin-1")
    star = text.find("*", 1)
    if star < 0:
        star = len(text.rstrip("\r\n"))
    return text[1:star]


def open_message(frame: bytes) -> Message:
    fields = body(frame).split(",")
    if len(fields) < 3:
        raise TruncatedFrame(f"AIS-140 packet of {len(fields)} fields")
    k = next((i for i in range(min(len(fields), _SEARCH)) if _IMEI.fullmatch(fields[i])), -1)
    return Message(_kind(fields, k), fields, k)


def _kind(f: list[str], k: int) -> Kind:
    if k < 0:
        return Kind.OTHER
    before = f[:k]
    if LOGIN_HEADER in before:
        return Kind.LOGIN
    if before and before[-1] in EMERGENCY_TYPES:
        return Kind.EMERGENCY
    if k >= 2 and f[k - 1] in (LIVE, HISTORY):
        if _TYPE.fullmatch(f[k - 2]):
            return Kind.TRACKING
        if k >= 3 and _ALERT.fullmatch(f[k - 2]) and _TYPE.fullmatch(f[k - 3]):
            return Kind.TRACKING
    if HEALTH_HEADERS & set(before) or before[:2] == ["", "02"]:
        return Kind.HEALTH
    after = f[k + 1 :]
    if before[:2] == ["", "01"] or _PROTOCOL_NAME in after or _HEMISPHERES & set(after):
        return Kind.LOGIN
    return Kind.OTHER
