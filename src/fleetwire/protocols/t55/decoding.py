"""T55 lines to Records: RMC, GGA and RMA sentences (through the shared NMEA readers),
`$GPIOP` inputs, outputs and voltages, `$TRCCR` and `QZE` positions. Identification lines and
sentences of other types give none. Knows nothing about sessions.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.model import Record, RecordKind
from fleetwire.protocols import _nmea
from fleetwire.protocols._text import finite
from fleetwire.protocols._time import device_clock_to_utc
from fleetwire.protocols._units import KNOTS
from fleetwire.protocols.base import DecodeContext

from .lines import Kind, Line, open_line


def _need(f: list[str], n: int, what: str) -> None:
    if len(f) < n:
        raise TruncatedFrame(f"{what} with {len(f)} fields, needs {n}")


def _decimal(value: str, limit: float) -> float:
    v = finite(value.strip())
    if abs(v) > limit:
        raise InvalidField(f"coordinate {value!r} out of range")
    return v


def _stamp(text: str, fmt: str, ctx: DecodeContext) -> datetime:
    try:
        t = datetime.strptime(text.strip(), fmt).replace(tzinfo=UTC)
    except ValueError as e:
        raise InvalidField(f"bad date/time {text!r}") from e
    return device_clock_to_utc(t, ctx)


def _iop(f: list[str], ctx: DecodeContext) -> list[Record]:
    """`$GPIOP,<inputs bits>,<outputs bits>,<adc1..4>,<power V>,<battery V>`."""
    _need(f, 8, "GPIOP")
    rec = Record(fix_time=ctx.received, kind=RecordKind.STATUS)
    a = rec.attributes
    try:
        a["input"], a["output"] = int(f[0], 2), int(f[1], 2)
    except ValueError as e:
        raise InvalidField(f"bad input/output bits {f[0]!r} {f[1]!r}") from e
    for i in range(4):
        a[f"adc{i + 1}"] = finite(f[2 + i])
    a["power"], a["battery"] = finite(f[6]), finite(f[7])
    return [rec]


def _trccr(f: list[str], ctx: DecodeContext) -> list[Record]:
    """`$TRCCR,<yyyyMMddHHmmss.sss>,<A|V>,<lat>,<lon>,<speed knots>,<course>,<altitude>,...`
    (decimal degrees, signed)."""
    _need(f, 7, "TRCCR")
    rec = Record(fix_time=_stamp(f[0][:14], "%Y%m%d%H%M%S", ctx), valid=f[1].strip() == "A")
    rec.latitude, rec.longitude = _decimal(f[2], 90), _decimal(f[3], 180)
    rec.speed = round(finite(f[4]) * KNOTS, 3)
    rec.course, rec.altitude = finite(f[5]), finite(f[6])
    return [rec]


def _qze(f: list[str], ctx: DecodeContext) -> list[Record]:
    """`QZE,<id>,<n>,<ddMMyyyy>,<HHmmss>,<lat>,<lon>,<speed>,<course>,<A|V>,...` (decimal
    degrees; one capture, speed 0: its unit is not known, km/h is assumed)."""
    _need(f, 8, "QZE")
    rec = Record(fix_time=_stamp(f[1] + f[2], "%d%m%Y%H%M%S", ctx), valid=f[7].strip() == "A")
    rec.latitude, rec.longitude = _decimal(f[3], 90), _decimal(f[4], 180)
    rec.speed, rec.course = finite(f[5]), finite(f[6])
    return [rec]


Reader = Callable[[list[str], DecodeContext], list[Record]]
SENTENCES: dict[str, Reader] = {
    "RMC": lambda f, ctx: [_nmea.receiver_rmc(f, ctx)],
    "GGA": lambda f, ctx: [_nmea.gga(f, ctx)],
    "RMA": lambda f, ctx: [_nmea.rma(f, ctx)],
    "IOP": _iop,
    "CCR": _trccr,
}


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    """An identification line whose context holds the sentence sent before it (inspect.py)
    gives that sentence's records."""
    line: Line = open_line(frame)
    if line.kind == Kind.IDENTITY:
        if not ctx.context or open_line(ctx.context).kind == Kind.IDENTITY:
            return []
        return decode(ctx.context, ctx)
    if line.kind == Kind.QZE:
        return _qze(line.fields, ctx)
    if line.kind != Kind.SENTENCE:
        return []
    reader = SENTENCES.get(line.name)
    return reader(line.fields, ctx) if reader is not None else []
