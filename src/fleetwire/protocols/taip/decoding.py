"""TAIP sentences to Records: the message id picks the layout (layouts.py), then the Syrus
extended tags add what they carry.

Extended tags (DCT Syrus `;TAG=value` after the data, seen in captures): SV satellites in use,
BL backup battery mV, VO virtual odometer (metres), AD analog input mV; the others (IO, CF,
IX, FF, CVnn, AL) are kept as they are under their tag name in lower case, their units not
being published. Messages that carry no position (AL altitude only, ST status, answers to
commands) and queries or settings give no record. Knows nothing about replies (inspect.py).
"""

from __future__ import annotations

from fleetwire.errors import InvalidField
from fleetwire.model import Record
from fleetwire.protocols.base import DecodeContext

from .constants import REPORT
from .layouts import LAYOUTS
from .sentence import parse


def _number(tag: str, text: str) -> int:
    if not text.isdigit() or len(text) > 12:
        raise InvalidField(f"bad {tag} value {text!r}")
    return int(text)


def _tags(tags: dict[str, str], rec: Record) -> None:
    a = rec.attributes
    for key, value in tags.items():
        if key == "SV":
            rec.satellites = _number(key, value)
        elif key == "BL":
            a["battery"] = _number(key, value) / 1000
        elif key == "VO":
            a["odometer"] = _number(key, value)
        elif key == "AD":
            a["adc1"] = _number(key, value)
        elif key.isalnum():
            a[key.lower()] = value


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    s = parse(frame)
    layout = LAYOUTS.get(s.message)
    if s.qualifier != REPORT or layout is None:
        return []
    rec = layout(s.data, ctx)
    _tags(s.tags, rec)
    return [rec]
