"""UPRO messages -> Records: the `A` block gives a position; a message without one but with a
time (`E`), a cell list (`X`) or status blocks gives a status record; a bare header (`*MG20...,
AH`) gives none. The message type (BA, AB, AH, AS ...) goes to ``event``. Blocks whose meaning
no capture pins down (B, C, F, K, R, T, V, ...) are kept in the raw log, not guessed.
"""

from __future__ import annotations

from datetime import UTC, datetime

from fleetwire.errors import InvalidField
from fleetwire.model import Attributes, Record, RecordKind
from fleetwire.protocols._text import integer
from fleetwire.protocols._units import KNOTS
from fleetwire.protocols.base import DecodeContext

from .constants import (
    CELL_SEPARATOR,
    E_TIME,
    FLAG_EAST,
    FLAG_NORTH,
    FLAG_VALID,
    GPS_SIZE,
)
from .framing import open_message


def _text(value: bytes, what: str) -> str:
    if not value.isascii() or not value.decode("ascii").isprintable():
        raise InvalidField(f"binary {what} block")
    return value.decode("ascii")


def _time(text: str, layout: str = "%d%m%y%H%M%S") -> datetime:
    """ddmmyyhhmmss (the A block's date and time, put together), or another ``layout``."""
    if len(text) != 12 or not text.isdigit():
        raise InvalidField(f"bad time {text!r}")
    try:
        return datetime.strptime(text, layout).replace(tzinfo=UTC)
    except ValueError as e:
        raise InvalidField(f"bad time {text!r}") from e


def _degrees(text: str, limit: int) -> float:
    value = integer(text[:-6]) + integer(text[-6:]) / 10000 / 60
    if value > limit or integer(text[-6:]) >= 600000:
        raise InvalidField(f"bad coordinate {text!r}")
    return value


def _gps(value: bytes) -> Record:
    a = _text(value, "GPS")
    if len(a) != GPS_SIZE or not a.isdigit():
        raise InvalidField(f"GPS block {a!r}")
    flags = int(a[23])
    lat, lon = _degrees(a[6:14], 90), _degrees(a[14:23], 180)
    return Record(
        fix_time=_time(a[28:] + a[:6]),
        kind=RecordKind.POSITION,
        valid=bool(flags & FLAG_VALID),
        latitude=lat if flags & FLAG_NORTH else -lat,
        longitude=lon if flags & FLAG_EAST else -lon,
        speed=int(a[24:26]) * KNOTS,
        course=int(a[26:28]) * 10.0,
    )


def _cells(text: str, attrs: Attributes) -> None:
    """`mcc,mnc,lac,cid,rssi;lac,cid,rssi...`: the serving cell (the first) as attributes."""
    first = text.split(CELL_SEPARATOR, 1)[0].split(",")
    if len(first) >= 4:
        mcc, mnc, lac, cid = (integer(x) for x in first[:4])
        attrs.update(mcc=mcc, mnc=mnc, lac=lac, cid=cid)


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    msg = open_message(frame)
    b = msg.blocks
    if not b:
        return []
    attrs: Attributes = {"event": msg.type}
    if "M" in b:
        attrs["batteryLevel"] = integer(_text(b["M"], "battery")) / 10
    if "X" in b and b"," in b["X"] and not b["X"].startswith(b"("):
        _cells(_text(b["X"], "cell"), attrs)
    if "A" in b:
        rec = _gps(b["A"])
        rec.attributes = attrs
        return [rec]
    when = _time(_text(b["E"], "time"), E_TIME) if "E" in b else ctx.received
    return [Record(fix_time=when, kind=RecordKind.STATUS, attributes=attrs)]
