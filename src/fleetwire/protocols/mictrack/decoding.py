"""Mictrack lines to Records: standard GPS reports (R0) and heartbeats (RH) with their fix,
WiFi and cell reports (R1, Y1, R2, R3, R12, R13) as status records with the serving cell,
low-altitude reports (one record per fix), command results. Field orders: constants.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.model import Attributes, Record, RecordKind
from fleetwire.protocols import _nmea
from fleetwire.protocols._text import finite, integer
from fleetwire.protocols._time import device_clock_to_utc
from fleetwire.protocols.base import DecodeContext

from .constants import CELL, GPS, HEARTBEAT, WIFI, WIFI_CELL
from .messages import Kind, Line, open_line

_CELL = re.compile(r"\d+,\d+,\d+,\d+(,\d+)?")


def _need(body: list[str], n: int, what: str) -> None:
    if len(body) < n:
        raise TruncatedFrame(f"{what} with {len(body)} parts, needs {n}")


def _time(text: str, ctx: DecodeContext) -> datetime:
    try:
        t = datetime.strptime(text, "%y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError as e:
        raise InvalidField(f"bad time {text!r}") from e
    return device_clock_to_utc(t, ctx)


def _tail(parts: list[str], a: Attributes) -> None:
    """<event>+<battery mV>+<n> at the end of every report."""
    a["event"] = integer(parts[0])
    a["battery"] = integer(parts[1]) / 1000


def _degrees(text: str, limit: float) -> float:
    value = finite(text)
    if abs(value) > limit:
        raise InvalidField(f"coordinate {text!r} out of range")
    return value


def _fix(body: list[str], ctx: DecodeContext) -> Record:
    """<event>+<time>+<lat>+<lon>+<speed km/h>+<course>+<satellites>+<mV>+<n> (R0, RH)."""
    _need(body, 9, "GPS report")
    lat, lon = _degrees(body[2], 90), _degrees(body[3], 180)
    rec = Record(fix_time=_time(body[1], ctx))
    if lat or lon:
        rec.valid = True
        rec.latitude, rec.longitude = lat, lon
        rec.speed, rec.course = finite(body[4]), finite(body[5])
    else:
        rec.kind = RecordKind.STATUS  # a heartbeat without a fix: zeros in every field
    rec.satellites = integer(body[6])
    a = rec.attributes
    a["event"] = integer(body[0])
    a["battery"] = integer(body[7]) / 1000
    return rec


def _cell(text: str, a: Attributes) -> None:
    if _CELL.fullmatch(text) is None:
        raise InvalidField(f"bad cell {text!r}")
    mnc, cid, lac, mcc = (int(x) for x in text.split(",")[:4])
    a.update(mcc=mcc, mnc=mnc, lac=lac, cid=cid)


def _network(line: Line, ctx: DecodeContext) -> Record:
    """<time>+[<wifi list>+][<cell>+]<event>+<mV>+<n>: a status record (no fix)."""
    body = line.body
    _need(body, 4, f"{line.type} report")
    rec = Record(fix_time=_time(body[0], ctx), kind=RecordKind.STATUS)
    if line.type in CELL:
        _cell(body[1], rec.attributes)
    elif line.type in WIFI_CELL:
        _need(body, 5, f"{line.type} report")
        _cell(body[2], rec.attributes)
    _tail(body[-3:], rec.attributes)
    return rec


def _standard(line: Line, ctx: DecodeContext) -> list[Record]:
    if line.type in (GPS, HEARTBEAT):
        return [_fix(line.body, ctx)]
    if line.type in WIFI | CELL | WIFI_CELL:
        return [_network(line, ctx)]
    return []


def _low_altitude(line: Line, ctx: DecodeContext) -> list[Record]:
    """Each fix `<hhmmss.ss>,<A|V>,<lat>,<N|S>,<lon>,<E|W>,<speed knots>,<course>,<altitude>,
    <ddmmyy>`: RMC's fields with the altitude before the date."""
    out = []
    for fix in line.body:
        f = fix.split(",")
        if len(f) < 10:
            raise TruncatedFrame(f"low-altitude fix with {len(f)} fields")
        rec = _nmea.receiver_rmc([*f[:8], f[9]], ctx)
        rec.altitude = finite(f[8]) if f[8].strip() else None
        out.append(rec)
    return out


def _result(line: Line, ctx: DecodeContext) -> list[Record]:
    return [Record(ctx.received, RecordKind.STATUS, attributes={"result": line.body[0]})]


DECODERS: dict[Kind, Callable[[Line, DecodeContext], list[Record]]] = {
    Kind.STANDARD: _standard,
    Kind.LOW_ALTITUDE: _low_altitude,
    Kind.RESULT: _result,
}


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    line = open_line(frame)
    return DECODERS[line.kind](line, ctx)
