"""Telic messages -> Records. A position report (an all-digit first field, then comma-separated
fields, constants.Field) gives one position; the connect message (`|`-separated) and the
command answers (letters after the id, e.g. TLOC, TTUV) give none: their layouts are not known
well enough to read (no document), and they are kept in the raw log for replay.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.model import Record, RecordKind
from fleetwire.protocols._text import integer
from fleetwire.protocols.base import DecodeContext

from .constants import (
    EVENT_DIGITS,
    FIX_VALID,
    HEAD_DIGITS,
    HELLO_SEPARATOR,
    MICRO_DIGITS,
    MIN_FIELDS,
    SCALE_LONG,
    SCALE_SHORT,
    SEPARATOR,
    Field,
)
from .framing import text_of


def is_report(text: str) -> bool:
    head = text.split(SEPARATOR, 1)[0]
    return SEPARATOR in text and head.isdigit() and len(head) > HEAD_DIGITS + EVENT_DIGITS


def unit_id(text: str) -> str:
    """The device id of any message: the digits after the 4-digit head, up to the first
    non-digit; in a report, without the 2-digit event code that ends the first field."""
    if is_report(text):
        return text.split(SEPARATOR, 1)[0][HEAD_DIGITS:-EVENT_DIGITS]
    rest = text[HEAD_DIGITS:]
    n = len(rest) - len(rest.lstrip("0123456789"))
    if not n or (HELLO_SEPARATOR not in text and SEPARATOR not in text):
        raise InvalidField(f"no device id in {text[:24]!r}")
    return rest[:n]


def clock(text: str) -> datetime:
    """ddMMyyHHmmss, UTC."""
    if len(text) != 12 or not text.isdigit():
        raise InvalidField(f"bad time {text!r}")
    try:
        return datetime.strptime(text, "%d%m%y%H%M%S").replace(tzinfo=UTC)
    except ValueError as e:
        raise InvalidField(f"bad time {text!r}") from e


def coordinate(text: str, limit: int) -> float:
    digits = text.lstrip("-")
    if not digits.isdigit() or not text.isascii():
        raise InvalidField(f"bad coordinate {text!r}")
    value = integer(text) / (SCALE_LONG if len(digits) >= MICRO_DIGITS else SCALE_SHORT)
    if abs(value) > limit:
        raise InvalidField(f"coordinate {text!r} out of range")
    return value


def _optional(text: str) -> int | None:
    return integer(text) if text else None


def _report(f: list[str], ctx: DecodeContext) -> Record:
    if len(f) < MIN_FIELDS:
        raise TruncatedFrame(f"report of {len(f)} fields, needs {MIN_FIELDS}")
    fix = _optional(f[Field.FIX]) or 0
    rec = Record(
        fix_time=clock(f[Field.FIX_TIME]),
        kind=RecordKind.POSITION,
        valid=fix in FIX_VALID,
        latitude=coordinate(f[Field.LATITUDE], 90),
        longitude=coordinate(f[Field.LONGITUDE], 180),
    )
    speed, course = _optional(f[Field.SPEED]), _optional(f[Field.COURSE])
    rec.speed = float(speed) if speed is not None else None
    if course is not None:
        if course > 360:
            raise InvalidField(f"course {course}")
        rec.course = float(course)
    rec.satellites = _optional(f[Field.SATELLITES])
    altitude = _optional(f[Field.ALTITUDE])
    rec.altitude = float(altitude) if altitude is not None else None
    a: dict[str, Any] = {"event": integer(f[Field.HEAD][-EVENT_DIGITS:])}
    odometer = _optional(f[Field.ODOMETER])
    if odometer is not None:
        a["odometer"] = odometer
    if f[Field.OPERATOR]:
        a["operator"] = integer(f[Field.OPERATOR])
    for key, i in (("input", Field.INPUTS), ("output", Field.OUTPUTS)):
        bits = f[i]
        if bits and set(bits) <= {"0", "1"}:
            a[key] = int(bits, 2)
    if len(f) > Field.ANALOG1 and f[Field.ANALOG1]:
        a["adc1"] = integer(f[Field.ANALOG1])  # its unit depends on the firmware (constants)
    rec.attributes = a
    return rec


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    text = text_of(frame)
    if not is_report(text):
        unit_id(text)  # a message without an id is malformed, not merely unknown
        return []
    return [_report(text.split(SEPARATOR), ctx)]
