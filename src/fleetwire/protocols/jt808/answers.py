"""Terminal messages that answer the platform or carry free-form data: the general response
(0x0001), parameter and attribute answers (0x0104, 0x0107), the waybill text some firmware uses
for command answers (0x0701), the text answer of 0x6006 (vendor), and driver identification
(0x0702). Each becomes a status record; a command answer carries ``result``."""

from __future__ import annotations

from typing import Final

from fleetwire.model import Attributes, Record, RecordKind
from fleetwire.protocols._binary import Reader, bcd
from fleetwire.protocols.base import DecodeContext

from .blocks import device_time, lines, status_record, text
from .constants import RESULTS
from .framing import Envelope


def _reader(env: Envelope) -> Reader:
    return Reader(env.data, env.start, env.end)


def general(env: Envelope, ctx: DecodeContext) -> list[Record]:
    """0x0001: the answer to one of our commands: its serial, its id, the result."""
    r = _reader(env)
    serial, msg_id, result = r.u16(), r.u16(), r.u8()
    return status_record(
        ctx,
        {
            "result": RESULTS.get(result, f"result {result}"),
            "commandId": msg_id,
            "commandSerial": serial,
        },
    )


# Parameters (JT/T 808-2013 table 12) a terminal's answer also gets as attributes, with the
# names the reference decoder gives them: id -> (name, multiplier; 0 for text).
_PARAMETERS: Final[dict[int, tuple[str, int]]] = {
    0x0001: ("heartbeatInterval", 1),  # seconds
    0x0010: ("apn", 0),  # main server APN
    0x0013: ("server", 0),  # main server address
    0x0018: ("port", 1),  # server TCP port
    0x0027: ("ignitionOffInterval", 1),  # report interval while asleep, seconds
    0x0029: ("ignitionOnInterval", 1),  # default report interval, seconds
    0x0055: ("speedLimit", 1),  # km/h
    0x0056: ("speedLimitDuration", 1),  # seconds over the limit before the alarm
    0x0080: ("odometer", 100),  # vehicle odometer, 1/10 km -> m
}


def parameters(env: Envelope, ctx: DecodeContext) -> list[Record]:
    """0x0104: our query's serial, count(1), then {id(4), length(1), value}: the result lists
    them as ``id=value`` (text values as text, others as numbers or hex); the parameters of
    _PARAMETERS are attributes too."""
    r = _reader(env)
    serial, count = r.u16(), r.u8()
    pairs: list[str] = []
    attrs: Attributes = {}
    for _ in range(count):
        if r.remaining < 5:
            break
        param, size = r.u32(), r.u8()
        value = r.bytes(min(size, r.remaining))
        shown = text(value, "gbk") if size > 4 else ""
        number = int.from_bytes(value, "big") if size <= 4 else None
        if not shown:
            shown = str(number) if number is not None else value.hex()
        pairs.append(f"{param:04X}={shown}")
        named = _PARAMETERS.get(param)
        if named is not None:
            key, scale = named
            if scale == 0 and shown and number is None:
                attrs[key] = shown
            elif scale and number is not None:
                attrs[key] = number * scale
    attrs["result"] = ",".join(pairs)
    attrs["commandSerial"] = serial
    return status_record(ctx, attrs)


def attributes(env: Envelope, ctx: DecodeContext) -> list[Record]:
    """0x0107: type(2) maker(5|11) model(20|30) terminal id(7|30) ICCID(10 BCD), then the
    hardware and firmware versions, each length-prefixed (2013 and 2019 sizes)."""
    r = _reader(env)
    sizes = (11, 30, 30) if env.version is not None else (5, 20, 7)
    r.skip(2)
    attrs: Attributes = {}
    for key, size in zip(("manufacturer", "model", "terminalId"), sizes, strict=True):
        value = text(r.bytes(size))
        if value:
            attrs[key] = value
    iccid = bcd(r.bytes(10)).lstrip("0") if r.remaining >= 10 else ""
    if iccid.isdigit():
        attrs["iccid"] = iccid
    for key in ("versionHw", "versionFw"):
        if r.remaining < 1:
            break
        value = text(r.bytes(min(r.u8(), r.remaining)))
        if value:
            attrs[key] = value
    attrs["result"] = ",".join(f"{k}={v}" for k, v in attrs.items())
    return status_record(ctx, attrs)


def waybill(env: Envelope, ctx: DecodeContext) -> list[Record]:
    """0x0701: length(4) then the content; command answers arrive this way on some firmware
    ("MD,SET CONFIG OK!", capture #10)."""
    r = _reader(env)
    size = r.u32()
    content = lines(r.bytes(min(size, r.remaining)))
    return status_record(ctx, {"result": content} if content else {})


def vendor_text(env: Envelope, ctx: DecodeContext) -> list[Record]:
    """0x6006: a type byte, then the answer's text (capture #16: the version query)."""
    content = lines(env.data[env.start + 1 : env.end])
    return status_record(ctx, {"result": content} if content else {})


def unicode_text(env: Envelope, ctx: DecodeContext) -> list[Record]:
    """0x1300: a flag word, then the answer in UTF-16BE ending in CR (Jt808ProtocolDecoderTest:
    "Set OK!")."""
    raw = env.data[env.start + 2 : env.end]
    content = raw[: len(raw) // 2 * 2].decode("utf-16-be", "replace").rstrip("\x00\r\n")
    ok = content.isprintable() and "\ufffd" not in content
    return status_record(ctx, {"result": content} if content and ok else {})


def driver(env: Envelope, ctx: DecodeContext) -> list[Record]:
    """0x0702 (2013 table 79): status(1: 1 card in, 2 card out), time(6); with a card in:
    read result(1: 0 read), name length(1) + name (GBK), qualification certificate code(20),
    authority length(1) + authority, validity(4 BCD); 2019 adds the driver's id number(20)."""
    r = _reader(env)
    status = r.u8()
    rec = Record(fix_time=device_time(r.bytes(6), ctx), kind=RecordKind.STATUS)
    attrs = rec.attributes
    attrs["event"] = status
    if status == 1 and r.remaining >= 2 and r.u8() == 0:
        name = text(r.bytes(min(r.u8(), r.remaining)), "gbk")
        if name:
            attrs["driver"] = name
        if r.remaining >= 20:
            code = text(r.bytes(20))
            if code:
                attrs["driverUniqueId"] = code
                attrs["cardCode"] = code  # the name the reference decoder gives it
    return [rec]
