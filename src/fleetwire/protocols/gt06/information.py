"""GT06 login, command answers (0x15, 0x21), information packets (0x94 and its sub-types) and
peripheral transparent data (0x9B): records without a position unless the text carries one.

Layouts: Concox GT06N / JM-VL03 documents (0x15, 0x21, 0x94 sub-types 0x00, 0x04, 0x05, 0x0A);
the other sub-types and the 0x9B payloads from real captures (traccar Gt06ProtocolDecoderTest,
used as data).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.model import Attributes, Record, RecordKind
from fleetwire.protocols._binary import Reader
from fleetwire.protocols.base import DecodeContext

from . import blocks
from .constants import InfoType
from .framing import Envelope

_ICCID_REPLY = re.compile(r"<ICCID:(\d{19,20})")
# 0x21 answer to WHERE#: "Current position!Lat:N54.739332,Lon:E25.273270,Course:126.53,
# Speed:0.0000,DateTime:2017-05-26  10:27:47"
_POSITION_REPLY = re.compile(
    r"Current position!Lat:([NS])(\d+\.\d+),Lon:([EW])(\d+\.\d+),Course:(\d+\.\d+),"
    r"Speed:(\d+\.\d+),DateTime:(\d{4})-(\d\d)-(\d\d) +(\d\d):(\d\d):(\d\d)"
)
_FUEL = re.compile(r"!AIOIL,\d+,\d+\.\d+,(\d+\.\d+),[^,]+,\d{4},(\d+\.\d+),[01],")
_STATUS_KEYS = {"ALM1": "alarm1Status", "ALM2": "alarm2Status", "ALM3": "alarm3Status",
                "STA1": "otherStatus", "DYD": "engineStatus"}  # fmt: skip


def _status(attrs: Attributes, ctx: DecodeContext) -> list[Record]:
    return [Record(fix_time=ctx.received, kind=RecordKind.STATUS, attributes=attrs)]


def login(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """No record: the login names the device (inspect read the IMEI and answers it) and the
    connection's start is the gateway's session record, which the worker makes deviceOnline of;
    the type identity code newer firmware adds says nothing a fleet uses."""
    r.skip(8)
    return []


def _text(raw: bytes, codec: str = "ascii") -> str:
    return raw.decode(codec, "replace").replace("\x00", "").strip()


def _answer(text: str, ctx: DecodeContext) -> list[Record]:
    """An answer's text; an ICCID or a position in it becomes what it is."""
    iccid = _ICCID_REPLY.match(text)
    if iccid:
        return _status({"iccid": iccid.group(1)}, ctx)
    m = _POSITION_REPLY.match(text)
    if m is None:
        return _status({"result": text}, ctx)
    ns, lat, ew, lon, course, speed, *t = m.groups()
    year, month, day, hour, minute, second = map(int, t)
    try:
        fix = datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError as e:
        raise InvalidField(f"bad date-time in {text!r}") from e
    rec = Record(fix_time=fix, valid=True, course=float(course), speed=float(speed))
    rec.latitude = float(lat) * (-1 if ns == "S" else 1)
    rec.longitude = float(lon) * (-1 if ew == "W" else 1)
    if abs(rec.latitude) > 90 or abs(rec.longitude) > 180:
        raise InvalidField(f"position out of range in {text!r}")
    return [rec]


def string_info(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """0x15: command length, server flag(4), ASCII text, language(2). The command length is
    unreliable in captures (0 on some firmware), so the text is what lies between."""
    if r.remaining < 7:
        raise TruncatedFrame(f"string information of {r.remaining} bytes")
    r.skip(5)
    return _answer(_text(r.bytes(r.remaining - 2)), ctx)


def command_reply(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """0x21: server flag(4), encoding (1 ASCII, 2 UTF-16BE), text."""
    r.skip(4)
    codec = "utf-16-be" if r.u8() == 2 else "ascii"
    return _answer(_text(r.bytes(r.remaining), codec), ctx)


# --- 0x94 information sub-types ------------------------------------------------------------------


def _power(r: Reader, attrs: Attributes, ctx: DecodeContext) -> Record | None:
    attrs["power"] = r.u16() / 100  # external supply, 0.01 V
    return None


def _status_sync(r: Reader, attrs: Attributes, ctx: DecodeContext) -> Record | None:
    """ "ALM1=C5;ALM2=CC;ALM3=5C;STA1=C0;DYD=01;SOS=...;ICCID=...;" (hex status bytes)."""
    for item in _text(r.bytes(r.remaining)).split(";"):
        key, _, value = item.partition("=")
        name = _STATUS_KEYS.get(key)
        if name is not None:
            try:
                attrs[name] = int(value, 16)
            except ValueError:
                continue
        elif key == "ICCID" and value:
            attrs["iccid"] = value.rstrip("Ff")
    return None


def _door(r: Reader, attrs: Attributes, ctx: DecodeContext) -> Record | None:
    """Door state byte (bit 0 open, bit 2 input), led by the date-time on later firmware."""
    rec = None
    if r.remaining >= 7:
        rec = Record(fix_time=blocks.time(r, ctx), kind=RecordKind.STATUS, attributes=attrs)
    flags = r.u8()
    attrs["door"] = bool(flags & 0x01)
    attrs["in1"] = bool(flags & 0x04)
    return rec


def _iccid(r: Reader, attrs: Attributes, ctx: DecodeContext) -> Record | None:
    r.skip(16)  # IMEI and IMSI
    attrs["iccid"] = r.bytes(10).hex().replace("f", "")  # BCD, padded with F nibbles
    return None


def _network(r: Reader, attrs: Attributes, ctx: DecodeContext) -> Record | None:
    if r.remaining == 1:
        attrs["networkTechnology"] = "4G" if r.u8() else "2G"
    elif r.remaining == 2:
        attrs["power"] = r.u16() / 100
    return None


def _fuel(r: Reader, attrs: Attributes, ctx: DecodeContext) -> Record | None:
    """ "!AIOIL,..." fuel sensor sentence, led by a 6-byte date-time on some firmware."""
    raw = r.bytes(r.remaining)
    start = raw.find(b"!", 0, 7)  # the sentence, or a 6-byte date-time and then the sentence
    m = _FUEL.match(_text(raw[start:])) if start >= 0 else None
    if m:
        attrs["temp1"] = float(m.group(1))
        attrs["fuel"] = float(m.group(2))
    return None


def _rfid(r: Reader, attrs: Attributes, ctx: DecodeContext) -> Record | None:
    """Card reader: printable "RFID:<id>" text, or header, type, 4-byte id, checksum, footer."""
    raw = r.bytes(r.remaining)
    if raw[:1].isalpha():
        attrs["serial"] = _text(raw)
    elif len(raw) >= 6:
        attrs["driverUniqueId"] = raw[2:6].hex()
    return None


def _temp_humidity(r: Reader, attrs: Attributes, ctx: DecodeContext) -> Record | None:
    attrs["temp1"] = r.i32() / 10
    attrs["humidity"] = r.i32() / 10
    return None


_INFO: dict[int, Callable[[Reader, Attributes, DecodeContext], Record | None]] = {
    InfoType.POWER: _power,
    InfoType.STATUS_SYNC: _status_sync,
    InfoType.DOOR: _door,
    InfoType.ICCID: _iccid,
    InfoType.NETWORK: _network,
    InfoType.FUEL: _fuel,
    InfoType.RFID: _rfid,
    InfoType.TEMP_HUMIDITY: _temp_humidity,
}


def info(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """0x94. The 78 78 form carries only the external voltage; the 79 79 form a sub-type byte,
    then its content. A sub-type we cannot read is the device's news we cannot use yet: kept
    as a dead letter so a later decoder can replay it."""
    attrs: Attributes = {}
    if not env.long:
        _power(r, attrs, ctx)
        return _status(attrs, ctx)
    sub = r.u8()
    read = _INFO.get(sub)
    if read is None:
        raise InvalidField(f"information sub-type {sub:02x} is not decoded yet")
    rec = read(r, attrs, ctx)
    if not attrs:
        raise InvalidField(f"information sub-type {sub:02x}: nothing readable in it")
    return [rec] if rec is not None else _status(attrs, ctx)


def serial_data(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """0x9B: peripheral type, then its data passed through: text when printable, else hex."""
    r.skip(1)
    raw = r.bytes(r.remaining)
    printable = all(0x20 <= b < 0x7F or b in b"\r\n\t" for b in raw)
    return _status({"result": raw.decode("ascii").strip() if printable else raw.hex()}, ctx)
