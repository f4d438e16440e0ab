"""Terminal messages of the standard about events and media (JT/T 808-2013 sections 8.25-8.54):
upgrade result (0x0108), event report (0x0301), question answer (0x0302), vehicle control
answer (0x0500, with a location), CAN bus data (0x0705), multimedia event (0x0800) and
multimedia data (0x0801, with the location at capture time). Media bytes themselves are not
kept: the raw log holds them."""

from __future__ import annotations

from typing import Final

from fleetwire.model import Attributes, Record
from fleetwire.protocols._binary import Reader
from fleetwire.protocols.base import DecodeContext

from .blocks import status_record
from .framing import Envelope
from .location import location

_UPGRADE_RESULTS: Final = {0: "success", 1: "failure", 2: "cancelled"}
_MEDIA_TYPES: Final = {0: "image", 1: "audio", 2: "video"}
_MEDIA_HEADER: Final = 8  # id(4) type(1) format(1) event(1) channel(1)
_BASIC_LOCATION: Final = 28


def upgrade_result(env: Envelope, ctx: DecodeContext) -> list[Record]:
    """0x0108: upgrade type(1: 0 terminal, 12 IC card reader, 52 GNSS module), result(1)."""
    r = Reader(env.data, env.start, env.end)
    kind, result = r.u8(), r.u8()
    text = _UPGRADE_RESULTS.get(result, f"result {result}")
    return status_record(ctx, {"result": f"upgrade {kind}: {text}"})


def event_report(env: Envelope, ctx: DecodeContext) -> list[Record]:
    """0x0301: the id of the event the driver chose from those we set (0x8301)."""
    return status_record(ctx, {"event": Reader(env.data, env.start, env.end).u8()})


def question_answer(env: Envelope, ctx: DecodeContext) -> list[Record]:
    """0x0302: the serial of our question (0x8302), then the id of the chosen answer."""
    r = Reader(env.data, env.start, env.end)
    serial, answer = r.u16(), r.u8()
    return status_record(ctx, {"result": str(answer), "commandSerial": serial})


def control_answer(env: Envelope, ctx: DecodeContext) -> list[Record]:
    """0x0500: the serial of our vehicle control (0x8500), then a location report body."""
    serial = Reader(env.data, env.start, env.end).u16()
    rec = location(env.data, env.start + 2, env.end, ctx)
    rec.attributes["commandSerial"] = serial
    return [rec]


def _media(r: Reader) -> Attributes:
    media_id, kind, fmt, event, channel = r.u32(), r.u8(), r.u8(), r.u8(), r.u8()
    return {
        "mediaId": media_id,
        "mediaType": _MEDIA_TYPES.get(kind, str(kind)),
        "mediaFormat": fmt,
        "event": event,
        "channel": channel,
    }


def media_event(env: Envelope, ctx: DecodeContext) -> list[Record]:
    """0x0800: media id(4), type(1: image, audio, video), format(1), event(1), channel(1)."""
    return status_record(ctx, _media(Reader(env.data, env.start, env.end)))


def media_data(env: Envelope, ctx: DecodeContext) -> list[Record]:
    """0x0801: the 0x0800 fields, the basic location at capture time, then the media bytes
    (not decoded: the raw log keeps them)."""
    attrs = _media(Reader(env.data, env.start, env.end))
    at = env.start + _MEDIA_HEADER
    rec = location(env.data, at, min(at + _BASIC_LOCATION, env.end), ctx)
    rec.attributes.update(attrs)
    return [rec]


_CAN_ID_MASK: Final = 0x1FFFFFFF  # bits 0-28; 29-31: collection mode, frame type, channel
_CAN_ITEM: Final = 12  # id(4) + data(8)


def can_data(env: Envelope, ctx: DecodeContext) -> list[Record]:
    """0x0705 (2013 table 80): count(2), receive time of the first item(5: hhmmss + ms, BCD,
    no date: the receive time stands in), then count x {CAN id(4), data(8)}: each frame's
    data as hex under ``can<ID>`` (the bus id in hex)."""
    r = Reader(env.data, env.start, env.end)
    count = r.u16()
    r.skip(5)
    attrs: Attributes = {}
    for _ in range(min(count, r.remaining // _CAN_ITEM)):
        can_id = r.u32() & _CAN_ID_MASK
        attrs[f"can{can_id:X}"] = r.bytes(8).hex()
    return status_record(ctx, attrs)


_SAMPLE: Final = 12  # time(6) x(2) y(2) z(2)


def _sign_magnitude(raw: int) -> int:
    return -(raw & 0x7FFF) if raw & 0x8000 else raw


def acceleration(env: Envelope, ctx: DecodeContext) -> list[Record]:
    """0x2070 (vendor): accelerometer samples {time(6 BCD), x, y, z}, each axis a 16-bit
    sign-and-magnitude word (traccar HuabaoProtocolDecoderTest capture #53: 800E is -14), kept
    as ``gSensor`` "[[x,y,z],...]"."""
    r = Reader(env.data, env.start, env.end)
    samples = []
    while r.remaining >= _SAMPLE:
        r.skip(6)
        x, y, z = (_sign_magnitude(r.u16()) for _ in range(3))
        samples.append(f"[{x},{y},{z}]")
    return status_record(ctx, {"gSensor": "[" + ",".join(samples) + "]"} if samples else {})
