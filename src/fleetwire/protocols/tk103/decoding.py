"""TK103 frames to Records: one small decoder per command word, found through a table.

The GPS block shared by BP04/BP05/BR0x/BO01 (vendor document, "feedback" message):
`YYMMDD A|V DDMM.MMMM N|S DDDMM.MMMM E|W speed(5, km/h) HHMMSS course(6) io(8) L mileage(hex)`.
Captures show firmware variations the parser accepts: spaces for leading zeros, a 4-digit
longitude degree-minute part, a course without its point, a comma before the io field, and
extra data after the mileage. Besides the document's commands: BP02 and BQ81 (an alarm) put
comma fields before the block, BZ00/BP05 may carry `{mcc,mnc,lac,cid}` cell lists; the comma
layout is comma.py's. Knows nothing about replies (inspect.py) or sessions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.model import Record, RecordKind
from fleetwire.protocols._time import device_clock_to_utc
from fleetwire.protocols.base import DecodeContext

from . import comma
from .constants import ALARMS, EXTRA_ALARMS
from .constants import Command as C
from .framing import Frame, open_frame

Decoder = Callable[[Frame, DecodeContext], list[Record]]

_GPS = re.compile(
    r"(\d{6})([AV])([ \d]{1,2}\d{2}\.\d{3,5})([NS])([ \d]{1,3}\d{2}\.\d{3,5})([EW])"
    r"([ \d.]{5})(\d{6})([ \d.]{6})(,?)([0-9A-Fa-f]{8})?(?:L([0-9A-Fa-f]{1,8}))?"
)
_LOGIN_ID = 15  # BP05: "000" + device id, or an IMEI, before the GPS block
_VIN = re.compile(r"[0-9A-HJ-NPR-Z]{17}")
_BRACED_CELL = re.compile(r"\{(\d+),(\d+),(\d+),(\d+)\}")


def _number(text: str, what: str) -> float:
    text = text.replace(" ", "0")
    try:
        return float(text)
    except ValueError as e:
        raise InvalidField(f"bad {what} {text!r}") from e


def _degrees(text: str) -> float:
    """DDMM.MMMM / DDDMM.MMMM: the two digits before the point are the whole minutes."""
    text = text.replace(" ", "0")
    point = text.index(".")
    minutes = float(text[point - 2 :])
    if minutes >= 60:
        raise InvalidField(f"minutes {minutes} out of range")
    return int(text[: point - 2] or 0) + minutes / 60


def _time(yymmdd: str, hhmmss: str, ctx: DecodeContext) -> datetime:
    try:
        t = datetime(
            2000 + int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:]),
            int(hhmmss[:2]), int(hhmmss[2:4]), int(hhmmss[4:]), tzinfo=UTC,
        )  # fmt: skip
    except ValueError as e:
        raise InvalidField(f"bad date/time {yymmdd} {hhmmss}") from e
    return device_clock_to_utc(t, ctx)


def gps_block(text: str, ctx: DecodeContext) -> Record:
    m = _GPS.match(text)
    if m is None:
        raise TruncatedFrame(f"no GPS block in {text[:40]!r}")
    date, valid, lat, ns, lon, ew, speed, hhmmss, course, comma, io, mileage = m.groups()
    no_clock = date[2:4] == "00" or date[4:] == "00"  # e.g. 000007: the unit never had a fix
    rec = Record(fix_time=ctx.received if no_clock else _time(date, hhmmss, ctx))
    rec.valid = valid == "A"
    latitude, longitude = _degrees(lat), _degrees(lon)
    if latitude > 90 or longitude > 180:
        raise InvalidField(f"position out of range: {m.group(0)!r}")
    if rec.valid or latitude or longitude:  # zeros without a fix: no position at all
        rec_speed, rec_course = _number(speed, "speed"), _number(course, "course")
        if rec_course > 360 or rec_speed >= 1000:
            raise InvalidField(f"speed/course out of range: {m.group(0)!r}")
        rec.latitude = -latitude if ns == "S" else latitude
        rec.longitude = -longitude if ew == "W" else longitude
        rec.speed, rec.course = rec_speed, rec_course  # km/h on the wire
    else:
        rec.kind = RecordKind.STATUS
    if io:
        rec.attributes["ioStatus"] = io  # eight status characters; meaning varies by model
        if comma:  # this firmware's last three: the fuel level, hex (a public TK103 summary;
            rec.attributes["fuelLevel"] = int(io[5:], 16)  # a capture read as fuelLevel 0)
    if mileage:
        rec.attributes["odometer"] = int(mileage, 16)  # metres, hex
    return rec


def _position(frame: Frame, ctx: DecodeContext) -> list[Record]:
    return [gps_block(frame.body, ctx)]


def _login(frame: Frame, ctx: DecodeContext) -> list[Record]:
    """BP05: 15 characters of identity, then the GPS block (or, without a fix, a cell list)."""
    if len(frame.body) < _LOGIN_ID:
        raise TruncatedFrame(f"login body of {len(frame.body)} characters")
    rest = frame.body[_LOGIN_ID:]
    if rest.startswith(",{"):
        return [_braced_cells(rest, ctx)]
    return [gps_block(rest, ctx)]


def _after_fields(frame: Frame, n: int) -> list[str]:
    """The body's n comma-led fields, then the rest (the GPS block)."""
    f = frame.body.split(",", n + 1)
    if len(f) < n + 2 or f[0]:
        raise TruncatedFrame(f"{frame.command} with fewer than {n} fields before its fix")
    return f[1:]


def _position_extra(frame: Frame, ctx: DecodeContext) -> list[Record]:
    """BP02: `,G,<n>,` then the GPS block (captures only; the two fields have no public meaning)."""
    return [gps_block(_after_fields(frame, 2)[-1], ctx)]


def _alarm_extra(frame: Frame, ctx: DecodeContext) -> list[Record]:
    """BQ81: `,ALARM,<code>,<value>,` then the GPS block."""
    f = _after_fields(frame, 3)
    rec = gps_block(f[-1], ctx)
    rec.kind = RecordKind.EVENT
    rec.attributes["alarm"] = EXTRA_ALARMS.get(f[1], "general")
    return [rec]


def _alarm(frame: Frame, ctx: DecodeContext) -> list[Record]:
    """BO01: one alarm-code character, then the GPS block."""
    if not frame.body:
        raise TruncatedFrame("alarm without its code")
    rec = gps_block(frame.body[1:], ctx)
    rec.kind = RecordKind.EVENT
    rec.attributes["alarm"] = ALARMS.get(frame.body[0], "general")
    return [rec]


def _handshake(frame: Frame, ctx: DecodeContext) -> list[Record]:
    """BP00 carries only the id: the reply and the raw log are all it needs."""
    return []


def _vin(frame: Frame, ctx: DecodeContext) -> list[Record]:
    if _VIN.fullmatch(frame.body) is None:
        raise InvalidField(f"bad VIN {frame.body[:20]!r}")
    return [Record(fix_time=ctx.received, kind=RecordKind.STATUS, attributes={"vin": frame.body})]


def _braced_cells(text: str, ctx: DecodeContext) -> Record:
    """`,{mcc,mnc,lac,cid}\\n{...}...,io`, all decimal: the serving cell is the first."""
    m = _BRACED_CELL.search(text)
    if m is None:
        raise InvalidField(f"bad cell list {text[:40]!r}")
    mcc, mnc, lac, cid = (int(x) for x in m.groups())
    attrs: dict[str, object] = {"mcc": mcc, "mnc": mnc, "lac": lac, "cid": cid}
    return Record(fix_time=ctx.received, kind=RecordKind.STATUS, attributes=attrs)


def _cells(frame: Frame, ctx: DecodeContext) -> list[Record]:
    """BZ00: `,mcc,mnc,{lac,cid[,rssi]}...` with LAC and cell id in hex; the serving cell.
    Newer firmware sends `,{mcc,mnc,lac,cid}` groups in decimal, one a line."""
    if frame.body.startswith(",{"):
        return [_braced_cells(frame.body, ctx)]
    f = frame.body.split(",")
    if len(f) < 5:
        raise TruncatedFrame("cell report without a cell")
    try:
        mcc, mnc, lac, cid = int(f[1]), int(f[2]), int(f[3], 16), int(f[4], 16)
    except ValueError as e:
        raise InvalidField(f"bad cell {frame.body[:40]!r}") from e
    attrs = {"mcc": mcc, "mnc": mnc, "lac": lac, "cid": cid}
    return [Record(fix_time=ctx.received, kind=RecordKind.STATUS, attributes=attrs)]


DECODERS: dict[str, Decoder] = {
    C.HANDSHAKE: _handshake,
    C.LOGIN: _login,
    C.POSITION_ANSWER: _position,
    C.FEEDBACK: _position,
    C.FEEDBACK_ISOCHRONOUS: _position,
    C.FEEDBACK_END: _position,
    C.ALARM: _alarm,
    C.VIN: _vin,
    C.CELLS: _cells,
    C.POSITION_EXTRA: _position_extra,
    C.ALARM_EXTRA: _alarm_extra,
}


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    """Records of one frame (checked against the sanity rules by the protocol base class)."""
    f = open_frame(frame)
    decoder = (comma.DECODERS if f.alternative else DECODERS).get(f.command)
    if decoder is None:
        return []
    return decoder(f, ctx)
