"""TK103 clones' comma-separated layout, `(<id>,<type>,<field>,...)`, to Records.

Sources: traccar Tk103ProtocolDecoderTest frames (captures, used as data) for the fields, and a
public TK103 protocol summary for what the ZC reports announce (constants.ZC_EVENTS). Position
types (BP05, ZC07, the ZC alarm and ignition reports, DW30/DW3B) carry
`ddmmyy,A|V,DDMM.MMMMN|S,DDDMM.MMMME|W,speed,hhmmss,course[,altitude,satellites,...]`;
DW50/DW51/DW5B a serving cell and Wi-Fi list `mcc,mnc,lac,cid,n,<n access points>,ddmmyy,hhmmss`;
ZC20 a battery report `ddmmyy,hhmmss,...`; ZC03 a text answer `ddmmyy,hhmmss,$text$`.
Dates here are day first, unlike the `(<id>BR00...)` layout. Knows nothing about replies.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.model import Record, RecordKind
from fleetwire.protocols._time import device_clock_to_utc
from fleetwire.protocols.base import DecodeContext

from .constants import ZC_EVENTS
from .constants import Alternative as A
from .framing import Frame

Decoder = Callable[[Frame, DecodeContext], list[Record]]

_COORD = re.compile(r"(\d{0,3})(\d\d\.\d+)([NSEW])")


def _time(ddmmyy: str, hhmmss: str, ctx: DecodeContext) -> datetime:
    try:
        t = datetime(
            2000 + int(ddmmyy[4:6]), int(ddmmyy[2:4]), int(ddmmyy[:2]),
            int(hhmmss[:2]), int(hhmmss[2:4]), int(hhmmss[4:6]), tzinfo=UTC,
        )  # fmt: skip
    except ValueError as e:
        raise InvalidField(f"bad date/time {ddmmyy} {hhmmss}") from e
    return device_clock_to_utc(t, ctx)


def _coordinate(text: str, limit: int) -> float:
    m = _COORD.fullmatch(text)
    if m is None:
        raise InvalidField(f"bad coordinate {text!r}")
    minutes = float(m.group(2))
    value = int(m.group(1) or 0) + minutes / 60
    if minutes >= 60 or value > limit:
        raise InvalidField(f"coordinate out of range {text!r}")
    return -value if m.group(3) in "SW" else value


def _number(text: str, what: str) -> float:
    try:
        return float(text)
    except ValueError as e:
        raise InvalidField(f"bad {what} {text!r}") from e


def _fields(frame: Frame, least: int) -> list[str]:
    f = frame.body.split(",")
    if len(f) < least:
        raise TruncatedFrame(f"{frame.command} with {len(f)} of {least} fields")
    return f


def _position(frame: Frame, ctx: DecodeContext) -> list[Record]:
    f = _fields(frame, 7)
    if f[1] not in ("A", "V"):
        raise InvalidField(f"bad validity {f[1]!r}")
    rec = Record(fix_time=_time(f[0], f[5], ctx))
    rec.valid = f[1] == "A"
    latitude, longitude = _coordinate(f[2], 90), _coordinate(f[3], 180)
    if rec.valid or latitude or longitude:  # zeros without a fix: no position at all
        speed, course = _number(f[4], "speed"), _number(f[6], "course")
        if course > 360 or speed >= 1000:
            raise InvalidField(f"speed/course out of range: {frame.body[:60]!r}")
        rec.latitude, rec.longitude, rec.speed, rec.course = latitude, longitude, speed, course
    else:
        rec.kind = RecordKind.STATUS
    if len(f) >= 9 and f[8].isdigit() and not f[7].startswith("L"):  # altitude, satellites
        rec.altitude = _number(f[7], "altitude")
        rec.satellites = int(f[8])
    event = ZC_EVENTS.get(frame.command)
    if event is not None:
        key, value = event
        rec.attributes[key] = value
        if key == "alarm":
            rec.kind = RecordKind.EVENT
    return [rec]


def _cells(frame: Frame, ctx: DecodeContext) -> list[Record]:
    """DW5x: the serving cell (decimal), a Wi-Fi list, the time last."""
    f = _fields(frame, 7)
    try:
        mcc, mnc, lac, cid = (int(x) for x in f[:4])
    except ValueError as e:
        raise InvalidField(f"bad cell {frame.body[:40]!r}") from e
    attrs: dict[str, object] = {"mcc": mcc, "mnc": mnc, "lac": lac, "cid": cid}
    return [Record(fix_time=_time(f[-2], f[-1], ctx), kind=RecordKind.STATUS, attributes=attrs)]


def _battery(frame: Frame, ctx: DecodeContext) -> list[Record]:
    """ZC20: its time. A public summary names the numbers after it (battery level, battery and
    power voltage, installed) but not their units ("6,392,65535,255"), so none is guessed."""
    f = _fields(frame, 2)
    return [Record(fix_time=_time(f[0], f[1], ctx), kind=RecordKind.STATUS)]


def _answer(frame: Frame, ctx: DecodeContext) -> list[Record]:
    """ZC03: a command's text answer between '$' signs."""
    f = frame.body.split(",", 2)
    if len(f) < 3:
        raise TruncatedFrame("text answer without its text")
    attrs: dict[str, object] = {"result": f[2].strip("$")}
    return [Record(fix_time=_time(f[0], f[1], ctx), kind=RecordKind.STATUS, attributes=attrs)]


DECODERS: dict[str, Decoder] = {
    A.LOGIN: _position,
    A.POSITION_ZC07: _position,
    **dict.fromkeys(ZC_EVENTS, _position),
    A.POSITION_DW30: _position,
    A.POSITION_DW3B: _position,
    A.CELLS_DW50: _cells,
    A.CELLS_DW51: _cells,
    A.CELLS_DW5B: _cells,
    A.BATTERY: _battery,
    A.ANSWER: _answer,
}
