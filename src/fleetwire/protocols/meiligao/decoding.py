"""Meiligao frame content to Records: one small decoder per message type, found through a table.

Owns the position text of Annex 1 (a GPRMC sentence without its "$GPRMC," head, then
"|HDOP|altitude|state|AD1,AD2,...|base id|CSQ|journey|satellites", later fields optional) and its
mapping to the shared vocabulary. The envelope is checked again here, so a frame that fails its
CRC never yields records. Knows nothing about replies (inspect.py) or sessions.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from fleetwire.errors import InvalidField
from fleetwire.model import Attributes, Record, RecordKind
from fleetwire.protocols._text import finite
from fleetwire.protocols._time import device_clock_to_utc
from fleetwire.protocols._units import KNOTS
from fleetwire.protocols.base import DecodeContext

from .constants import ALARMS
from .constants import MessageType as M
from .framing import open_frame

Decoder = Callable[[bytes, DecodeContext], list[Record]]

_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")
_CELL_MIN = 16  # MCC(4 hex) MNC(4 hex) LAC(4 hex) CI(4+ hex)


def _text(data: bytes) -> str:
    try:
        return data.decode("ascii")
    except UnicodeDecodeError as e:
        raise InvalidField("non-ASCII position text") from e


def _hex(text: str) -> int:
    if not text or any(c not in _HEX_DIGITS for c in text):
        raise InvalidField(f"bad hex number {text!r}")
    return int(text, 16)


def _coordinate(value: str, hemisphere: str, letters: str, limit: int) -> float:
    """(d)ddmm.mmmm and its hemisphere letter (``letters``: positive, negative) to signed
    decimal degrees."""
    raw = finite(value)
    degrees = int(raw // 100)
    minutes = raw - degrees * 100
    result = degrees + minutes / 60
    if raw < 0 or minutes >= 60 or result > limit or hemisphere not in (letters[0], letters[1]):
        raise InvalidField(f"bad coordinate {value!r} {hemisphere!r}")
    return -result if hemisphere == letters[1] else result


def _time(hms: str, dmy: str, ctx: DecodeContext) -> datetime:
    """hhmmss[.sss] and ddmmyy, UTC unless the device option ``timezone`` (hours) says so."""
    if len(dmy) != 6 or not dmy.isdigit() or len(hms) < 6 or not hms[:6].isdigit():
        raise InvalidField(f"bad date-time {dmy!r} {hms!r}")
    year = int(dmy[4:6])
    year += 1900 if year >= 80 else 2000  # GPS receivers of 1999 still report then
    try:
        t = datetime(year, int(dmy[2:4]), int(dmy[0:2]), int(hms[0:2]), int(hms[2:4]),
                     int(hms[4:6]), tzinfo=UTC)  # fmt: skip
    except ValueError as e:
        raise InvalidField(f"bad date-time {dmy!r} {hms!r}") from e
    return device_clock_to_utc(t, ctx)


def rmc(sentence: str, ctx: DecodeContext) -> Record:
    """time, A/V, lat, N/S, lon, E/W, speed (knots), course, date[, variation ...][*CS]."""
    f = sentence.split("*", 1)[0].split(",")
    if len(f) < 9:
        raise InvalidField(f"position with {len(f)} fields")
    rec = Record(fix_time=_time(f[0], f[8], ctx), valid=f[1] == "A")
    lat = _coordinate(f[2], f[3], "NS", 90)
    lon = _coordinate(f[4], f[5], "EW", 180)
    if rec.valid or lat or lon:
        rec.latitude, rec.longitude = lat, lon
        rec.speed = finite(f[6]) * KNOTS if f[6] else 0.0
        rec.course = finite(f[7]) if f[7] else 0.0
        if not (0 <= rec.speed < 1000 and 0 <= rec.course <= 360):
            raise InvalidField(f"speed {f[6]} or course {f[7]} out of range")
    else:
        rec.kind = RecordKind.STATUS
    return rec


def _cell(text: str, a: Attributes) -> None:
    if len(text) >= _CELL_MIN:
        a.update(mcc=_hex(text[0:4]), mnc=_hex(text[4:8]), lac=_hex(text[8:12]),
                 cid=_hex(text[12:]))  # fmt: skip


def _extras(parts: list[str], rec: Record) -> None:
    """HDOP, altitude, state, AD list, then (V2.0 and later) base id, CSQ, journey, satellites.
    Older firmware puts a decimal journey right after the AD list: that form is not decoded."""
    a = rec.attributes
    if len(parts) > 0 and parts[0]:
        a["hdop"] = finite(parts[0])
    if len(parts) > 1 and parts[1]:
        rec.altitude = finite(parts[1])
    if len(parts) > 2 and parts[2]:
        a["status"] = _hex(parts[2])
    if len(parts) > 3:
        for i, ad in enumerate(parts[3].split(","), 1):
            if ad:
                a[f"adc{i}"] = _hex(ad)
    if len(parts) > 4 and len(parts[4]) >= _CELL_MIN:
        _cell(parts[4], a)
        if len(parts) > 5 and parts[5]:
            a["rssi"] = _hex(parts[5])
        if len(parts) > 6 and parts[6]:
            a["odometer"] = _hex(parts[6])
        if len(parts) > 7 and parts[7]:
            rec.satellites = _hex(parts[7])
            if rec.satellites >= 100:
                raise InvalidField(f"satellites {rec.satellites}")


def position(text: str, ctx: DecodeContext) -> Record:
    parts = text.split("|")
    rec = rmc(parts[0], ctx)
    _extras(parts[1:], rec)
    return rec


def _position(data: bytes, ctx: DecodeContext) -> list[Record]:
    return [position(_text(data), ctx)]


def _alarm(data: bytes, ctx: DecodeContext) -> list[Record]:
    if not data:
        raise InvalidField("alarm without its code")
    rec = position(_text(data[1:]), ctx)
    rec.attributes["event"] = data[0]
    alarm = ALARMS.get(data[0])
    if alarm:
        rec.attributes["alarm"] = alarm
        rec.kind = RecordKind.EVENT
    return [rec]


def _batch(data: bytes, ctx: DecodeContext) -> list[Record]:
    """0x6688: a count byte, then positions separated by '\\', each behind a NUL byte."""
    if not data:
        raise InvalidField("empty position batch")
    chunks = [c.lstrip(b"\x00") for c in data[1:].split(b"\\")]
    if len(chunks) != data[0]:
        raise InvalidField(f"batch says {data[0]} positions, holds {len(chunks)}")
    return [position(_text(c), ctx) for c in chunks]


def _rfid(data: bytes, ctx: DecodeContext) -> list[Record]:
    """0x9966: card data (not decoded), then '|hhmmss,ddmmyy,lat,N,lon,E' of a valid fix."""
    bar = data.rfind(b"|")
    if bar < 0:
        raise InvalidField("RFID report without a position")
    f = _text(data[bar + 1 :]).split(",")
    if len(f) != 6:
        raise InvalidField(f"RFID position with {len(f)} fields")
    rec = Record(fix_time=_time(f[0], f[1], ctx), valid=True)
    rec.latitude = _coordinate(f[2], f[3], "NS", 90)
    rec.longitude = _coordinate(f[4], f[5], "EW", 180)
    return [rec]


def _reply(data: bytes, ctx: DecodeContext) -> list[Record]:
    printable = all(0x20 <= b < 0x7F for b in data)
    text = data.decode("ascii") if printable else data.hex()  # binary answers: hex
    return [Record(ctx.received, RecordKind.STATUS, attributes={"result": text.strip()})]


DECODERS: dict[int, Decoder] = {
    # a login (0x5000) carries nothing but the id the session already has: no record
    M.POSITION: _position,
    M.POSITION_LOGGED: _position,
    M.TRACK_ON_DEMAND: _position,  # the answer to a position request
    M.ALARM: _alarm,
    M.POSITION_BATCH: _batch,
    M.RFID: _rfid,
    M.TRACK_BY_INTERVAL: _reply,
    M.OUTPUT_CONTROL: _reply,
    M.SERIAL_AND_IMEI: _reply,
}


def _decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    env = open_frame(frame)
    decoder = DECODERS.get(env.type)
    if decoder is None:
        return []
    return decoder(frame[env.start : env.end], ctx)


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    """Records of one frame (checked against the sanity rules by the protocol base class)."""
    return _decode(frame, ctx)
