"""What one T55 line is: an identification line (the id it names), or a data line (the id
before or after its sentence, if any, and the sentence), or something else. Owns opening a
line; knows nothing about field values (decoding.py).
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import NamedTuple

from fleetwire.errors import FramingError, InvalidField

from .constants import DEVID, GPFID, IMEI_EQUALS, IMEI_SPACE, PCPTI, PGID

_BARE_ID = re.compile(r"[0-9A-Fa-f]{8,20}")
_TRAILER_ID = re.compile(r"\d{15}")
_PREFIX = re.compile(r"[0-9A-Za-z/,]{1,40}")
_SENTENCE = re.compile(r"\$[A-Z]{2}[A-Z]{3}")
_QZE = "QZE"


class Kind(StrEnum):
    IDENTITY = "identity"
    SENTENCE = "sentence"  # $<talker><type>,...: RMC, GGA, RMA, GPIOP, TRCCR, or unknown
    QZE = "qze"
    OTHER = "other"


class Line(NamedTuple):
    kind: Kind
    unique_id: str | None
    name: str  # sentence type without the talker ("RMC", "IOP", "CCR"...), or ""
    fields: list[str]  # the sentence's fields after its name, up to its "*"


def text_of(frame: bytes) -> str:
    try:
        text = frame.decode("ascii").rstrip("\r\n")
    except UnicodeDecodeError as e:
        raise InvalidField("non-ASCII line") from e
    if not text or "\r" in text or "\n" in text:
        raise FramingError("not one T55 line")
    return text


def _identity(text: str) -> str | None:
    """The id an identification line names; None when the line is not one."""
    head, _, rest = text.partition(",")
    value = rest.split("*", 1)[0].strip()
    if head in (PGID, GPFID):
        return value or None
    if head == PCPTI:
        return value.split(",", 1)[0].strip() or None
    if head == DEVID:
        return value.removeprefix("0x").upper() or None
    for prefix in (IMEI_EQUALS, IMEI_SPACE):
        if text.startswith(prefix):
            return text[len(prefix) :].strip() or None
    if _BARE_ID.fullmatch(text):
        return text
    return None


def _prefix_id(prefix: str) -> str | None:
    """`<id>`, `<id>,` or `<n>/<id>/` before the sentence: the last non-empty part."""
    if not prefix:
        return None
    if _PREFIX.fullmatch(prefix) is None:
        raise InvalidField(f"bad id before the sentence {prefix[:20]!r}")
    parts = [p for p in re.split(r"[/,]", prefix) if p]
    return parts[-1] if parts else None


def open_line(frame: bytes) -> Line:
    text = text_of(frame)
    uid = _identity(text)
    if uid is not None:
        return Line(Kind.IDENTITY, uid, "", [])
    if text.startswith(_QZE + ","):
        fields = text.split(",")
        return Line(Kind.QZE, fields[1].strip() or None, _QZE, fields[2:])
    at = text.find("$")
    if at < 0 or _SENTENCE.match(text, at) is None:
        return Line(Kind.OTHER, None, "", [])
    uid = _prefix_id(text[:at])
    body, star, tail = text[at:].partition("*")
    fields = body.split(",")
    if uid is None and star:
        uid = next((t.strip() for t in tail.split(",") if _TRAILER_ID.fullmatch(t.strip())), None)
    return Line(Kind.SENTENCE, uid, fields[0][3:], fields[1:])
