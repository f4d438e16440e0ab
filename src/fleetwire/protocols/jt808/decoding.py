"""JT/T 808 frame bodies to Records: one small decoder per message id, found through a table.

Owns the body layouts (location basic information and its additional items, batch upload,
registration, 2019 authentication, the terminal's general response) and their mapping to the
shared attribute vocabulary. The envelope is checked again here, so a frame that fails its check
code never yields records. Sub-packaged and encrypted bodies yield none: reassembly spans frames
and belongs to a layer that sees them all. Knows nothing about replies or sessions.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Final

from fleetwire.errors import InvalidField
from fleetwire.model import Attributes, Record, RecordKind
from fleetwire.protocols._binary import Reader, bcd
from fleetwire.protocols._time import device_clock_to_utc
from fleetwire.protocols.base import DecodeContext
from fleetwire.sanity import require

from .constants import (
    ALARM_BITS,
    DEFAULT_TIMEZONE_HOURS,
    RESULTS,
    STATUS_ACC,
    STATUS_OIL_CUT,
    STATUS_POSITIONED,
    STATUS_SOUTH,
    STATUS_WEST,
)
from .constants import MessageType as M
from .framing import Envelope, open_frame

Decoder = Callable[[Envelope, DecodeContext], list[Record]]

_COORD_SCALE: Final = 1_000_000
_MAX_SPEED: Final = 999.9  # km/h; a 16-bit tenth beyond this is a broken field
_BATCH_BLIND_AREA: Final = 1  # 0x0704 type 1: stored while out of coverage, sent late


# --- shared blocks ------------------------------------------------------------------------------


def _time(r: Reader, ctx: DecodeContext) -> datetime:
    """BCD YYMMDDhhmmss in the device's zone: GMT+8 by the standard, the ``timezone`` option
    (hours) when set. All zeros (no clock yet): the receive time stands in."""
    raw = r.bytes(6)
    if not any(raw):
        return ctx.received
    d = bcd(raw)
    try:
        t = datetime(
            2000 + int(d[0:2]), int(d[2:4]), int(d[4:6]),
            int(d[6:8]), int(d[8:10]), int(d[10:12]), tzinfo=UTC,
        )  # fmt: skip
    except ValueError as e:
        raise InvalidField(f"bad date-time {raw.hex()}") from e
    return device_clock_to_utc(t, ctx, DEFAULT_TIMEZONE_HOURS)


def _alarms(flags: int) -> str | None:
    names: list[str] = []
    for bit, name in ALARM_BITS.items():
        if flags >> bit & 1 and name not in names:
            names.append(name)
    return ",".join(names) or None


def _set_satellites(v: int, rec: Record) -> None:
    if v < 100:  # the sanity bound: a larger count is a vendor's other use of the id
        rec.satellites = v


def _set_adc(v: int, rec: Record) -> None:
    rec.attributes["adc1"] = v & 0xFFFF
    rec.attributes["adc2"] = v >> 16


def _setter(key: str, mul: int = 1, div: int = 1) -> Callable[[int, Record], None]:
    def put(v: int, rec: Record) -> None:
        rec.attributes[key] = v * mul / div if div != 1 else v * mul

    return put


# Additional location items (2013 table 27): id -> (size, setter). An id whose size differs
# from the standard's is some vendor's reuse of it and is skipped, as are unknown ids.
_ITEMS: Final[dict[int, tuple[int, Callable[[int, Record], None]]]] = {
    0x01: (4, _setter("odometer", mul=100)),  # 1/10 km -> m
    0x02: (2, _setter("fuel", div=10)),  # 1/10 L
    0x03: (2, _setter("obdSpeed", div=10)),  # tachograph speed, 1/10 km/h
    0x25: (4, _setter("input")),  # extended vehicle signal bits
    0x2A: (2, _setter("io42")),  # IO status bits (deep sleep, sleep, ...)
    0x2B: (4, _set_adc),  # analog: AD0 low word, AD1 high word
    0x30: (1, _setter("rssi")),
    0x31: (1, _set_satellites),
}


def _items(r: Reader, rec: Record) -> None:
    """Items to the end of the body. One that overruns it ends the list: the check code vouches
    for the frame, and captured firmware pads the body with zeros that read as items."""
    while r.remaining >= 2:
        item, size = r.u8(), r.u8()
        if size > r.remaining:
            return
        value = r.bytes(size)
        known = _ITEMS.get(item)
        if known is not None and known[0] == size:
            known[1](int.from_bytes(value, "big"), rec)


def _location(r: Reader, ctx: DecodeContext) -> Record:
    """The 28-byte basic information, then additional items up to the reader's end."""
    alarm, status = r.u32(), r.u32()
    lat, lon = r.u32() / _COORD_SCALE, r.u32() / _COORD_SCALE
    altitude, speed, course = r.i16(), r.u16() / 10, r.u16()
    if lat > 90 or lon > 180 or course > 360 or speed > _MAX_SPEED:
        raise InvalidField(f"out of range: lat {lat} lon {lon} course {course} speed {speed}")
    rec = Record(fix_time=_time(r, ctx), valid=bool(status & STATUS_POSITIONED))
    if rec.valid or lat or lon:  # zeros without a fix: no position at all, not (0, 0)
        rec.latitude = -lat if status & STATUS_SOUTH else lat
        rec.longitude = -lon if status & STATUS_WEST else lon
        rec.altitude = float(altitude)
        rec.speed = speed
        rec.course = float(course)
    attrs = rec.attributes
    attrs["status"] = status
    attrs["ignition"] = bool(status & STATUS_ACC)
    attrs["blocked"] = bool(status & STATUS_OIL_CUT)
    names = _alarms(alarm)
    if names:
        attrs["alarm"] = names
    _items(r, rec)
    if names:
        rec.kind = RecordKind.EVENT
    elif not rec.has_position:
        rec.kind = RecordKind.STATUS
    return rec


def _text(raw: bytes, codec: str = "ascii") -> str:
    """A fixed-size text field without its padding; "" when it holds binary instead."""
    text = raw.decode(codec, "replace").replace("\x00", "").strip()
    return text if text.isprintable() and "\ufffd" not in text else ""


def _status(ctx: DecodeContext, attrs: Attributes) -> list[Record]:
    return [Record(fix_time=ctx.received, kind=RecordKind.STATUS, attributes=attrs)]


# --- one decoder per message id -----------------------------------------------------------------


def _reader(env: Envelope) -> Reader:
    return Reader(env.data, env.start, env.end)


def _location_report(env: Envelope, ctx: DecodeContext) -> list[Record]:
    return [_location(_reader(env), ctx)]


def _location_answer(env: Envelope, ctx: DecodeContext) -> list[Record]:
    """0x0201: the serial of our 0x8201 query, then a location report body."""
    r = _reader(env)
    r.skip(2)
    return [_location(r, ctx)]


def _batch(env: Envelope, ctx: DecodeContext) -> list[Record]:
    """0x0704: count(2), type(1: blind-area back-fill), then count x {length(2), 0x0200 body}."""
    r = _reader(env)
    count, kind = r.u16(), r.u8()
    records: list[Record] = []
    for _ in range(count):
        size = r.u16()
        start = r.pos
        r.skip(size)
        rec = _location(Reader(env.data, start, start + size), ctx)
        rec.attributes["archive"] = kind == _BATCH_BLIND_AREA
        records.append(rec)
    return records


def _register(env: Envelope, ctx: DecodeContext) -> list[Record]:
    """0x0100: province(2) city(2) maker, model, terminal id, plate colour(1), plate (GBK).
    Field sizes: 5/8/7 (2011), 5/20/7 (2013), 11/30/30 (2019); 2011 and 2013 differ only in
    length, and a 2013 body is at least 37 bytes before the plate."""
    r = _reader(env)
    if env.version is not None:
        sizes = (11, 30, 30)
    elif r.remaining >= 37:
        sizes = (5, 20, 7)
    else:
        sizes = (5, 8, 7)
    r.skip(4)  # province and city codes
    attrs: Attributes = {}
    for key, size in zip(("manufacturer", "model", "terminalId"), sizes, strict=True):
        value = _text(r.bytes(size))
        if value:
            attrs[key] = value
    attrs["plateColor"] = r.u8()
    plate = _text(r.bytes(r.remaining), "gbk")
    if plate:
        attrs["plate"] = plate
    return _status(ctx, attrs)


def _auth(env: Envelope, ctx: DecodeContext) -> list[Record]:
    """0x0102: the auth code alone before 2019 (nothing to keep); 2019 adds the IMEI and the
    software version after a length-prefixed code."""
    if env.version is None:
        return []
    r = _reader(env)
    r.skip(r.u8())
    attrs: Attributes = {}
    imei = _text(r.bytes(15))
    if imei:
        attrs["imei"] = imei
    version = _text(r.bytes(20))
    if version:
        attrs["versionFw"] = version
    return _status(ctx, attrs)


def _terminal_response(env: Envelope, ctx: DecodeContext) -> list[Record]:
    """0x0001: the answer to one of our commands: its serial, its id, the result."""
    r = _reader(env)
    serial, msg_id, result = r.u16(), r.u16(), r.u8()
    return _status(
        ctx,
        {
            "result": RESULTS.get(result, f"result {result}"),
            "commandId": msg_id,
            "commandSerial": serial,
        },
    )


def _nothing(env: Envelope, ctx: DecodeContext) -> list[Record]:
    """Heartbeat and logout: empty bodies; the reply and the raw log are all they need."""
    return []


DECODERS: dict[int, Decoder] = {
    M.LOCATION: _location_report,
    M.LOCATION_ANSWER: _location_answer,
    M.LOCATION_BATCH: _batch,
    M.REGISTER: _register,
    M.AUTH: _auth,
    M.TERMINAL_RESPONSE: _terminal_response,
    M.HEARTBEAT: _nothing,
    M.LOGOUT: _nothing,
}


def _decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    env = open_frame(frame)
    if env.subpackaged or env.encrypted:
        return []
    decoder = DECODERS.get(env.msg_id)
    if decoder is None:
        return []
    return decoder(env, ctx)


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    # Altitude is read signed (below sea level exists; the standard's WORD would make the same
    # values tens of kilometres high): past -1,000 m it is the device's error, like any other
    # value the fields can hold and no fix can have
    return [require(rec) for rec in _decode(frame, ctx)]
