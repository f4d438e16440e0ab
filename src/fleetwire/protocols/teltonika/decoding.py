"""Teltonika frames to Records: AVL data (Codec 8, 8 Extended, 16) and text replies (12/13/14).

One record parser serves the three AVL codecs, parameterised by a table of field widths; the text
codecs share one reader. Checks the envelope again (the worker may decode frames the gateway
never ACKed) and raises only DeviceErrors; an unknown codec decodes to no records.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, Final, NamedTuple

from fleetwire.errors import DeviceError, InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols._binary import Reader, bcd
from fleetwire.protocols.base import DecodeContext, Transport
from fleetwire.protocols.teltonika.constants import Codec, MessageType
from fleetwire.protocols.teltonika.framing import (
    is_imei_packet,
    is_keepalive,
    read_imei_packet,
    read_udp_header,
    unwrap_tcp,
)
from fleetwire.protocols.teltonika.gh3000 import gh3000_record
from fleetwire.protocols.teltonika.io_elements import put_io, put_variable_io, tachograph_driver
from fleetwire.sanity import require

_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_MAX_SATELLITES: Final = 99
_MAX_MS: Final = (datetime(9999, 12, 31, tzinfo=UTC) - _EPOCH) // timedelta(milliseconds=1)
_YEAR_2000: Final = 946684800  # s; a Codec 13 time before this is not a 4-byte timestamp
# timestamp, priority, longitude, latitude, altitude, angle, satellites, speed
_GPS: Final = ">QBiihHBH"
_VALUE_FORMATS: Final = ((1, "B"), (2, "H"), (4, "I"), (8, "Q"))


class Layout(NamedTuple):
    """One AVL codec's record shape, as structs read a whole part at a time (a read per field
    costs more than the field itself)."""

    head: struct.Struct  # GPS element, event id, Codec 16's generation type, total IO count
    generation: bool
    group_count: struct.Struct  # the per-group element count
    elements: tuple[tuple[int, struct.Struct], ...]  # (value size, IO id + value) per group
    variable: bool  # Codec 8E: a last group of length-prefixed elements
    wide: bool = False  # Codec 8 with a group of 16-byte values after the 8-byte one


def _layout(event_id: str, generation: bool, count: str, io_id: str, variable: bool) -> Layout:
    head = struct.Struct(_GPS + event_id + ("B" if generation else "") + count)
    elements = tuple((size, struct.Struct(">" + io_id + f)) for size, f in _VALUE_FORMATS)
    return Layout(head, generation, struct.Struct(">" + count), elements, variable)


_LAYOUTS: Final[dict[int, Layout]] = {
    Codec.C8: _layout(event_id="B", generation=False, count="B", io_id="B", variable=False),
    Codec.C8E: _layout(event_id="H", generation=False, count="H", io_id="H", variable=True),
    Codec.C16: _layout(event_id="H", generation=True, count="B", io_id="H", variable=False),
}

_C8_WIDE: Final = _LAYOUTS[Codec.C8]._replace(wide=True)
_WIDE_ELEMENT: Final = struct.Struct(">B16s")


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    if is_keepalive(frame):
        return []
    if ctx.transport is Transport.UDP:
        start, end = read_udp_header(frame).data_start, len(frame)
    elif is_imei_packet(frame):
        read_imei_packet(frame)  # a login carries no record, but it must still be well formed
        return []
    else:
        start, end = unwrap_tcp(frame)
    decoder = _DECODERS.get(frame[start])
    if decoder is None:
        return []
    records = decoder(frame, Reader(frame, start, end), ctx)
    if ctx.options:
        tachograph_driver(records, ctx.options.get("model"))
    return records


def _utc_ms(ms: int) -> datetime:
    if ms > _MAX_MS:
        raise InvalidField(f"timestamp {ms} ms")
    return _EPOCH + timedelta(milliseconds=ms)


def _decode_avl(frame: bytes, r: Reader, ctx: DecodeContext) -> list[Record]:
    start = r.pos
    codec = r.u8()
    try:
        return _records(r, _LAYOUTS[codec])
    except DeviceError as plain:
        if codec != Codec.C8:
            raise
        # FM4 firmware with 16-byte IO elements enabled sends a fifth IO group; only when the
        # plain reading does not fit the packet is it read that way (the fast path stays one)
        r.pos = start + 1
        try:
            return _records(r, _C8_WIDE)
        except DeviceError:
            raise plain from None


def _records(r: Reader, layout: Layout | None) -> list[Record]:
    """The records between the two counts: AVL records of ``layout``, or GH3000 ones (None)."""
    n1 = r.u8()
    if layout is None:
        records = [gh3000_record(r) for _ in range(n1)]
    else:
        records = [_record(r, layout) for _ in range(n1)]
    n2 = r.u8()
    if n1 != n2:
        raise InvalidField(f"record counts {n1} and {n2} differ")
    if r.remaining:
        raise InvalidField(f"{r.remaining} bytes after the last record")
    return records


def _record(r: Reader, layout: Layout) -> Record:
    head = r.unpack(layout.head)
    ts, priority, lon, lat, alt, angle, sats, speed, event = head[:9]
    attributes: dict[str, Any] = {"priority": priority, "sat": sats}
    if sats > _MAX_SATELLITES:
        # some firmware fills the byte with flags (0xF8 seen) while the fix is good
        del attributes["sat"]
    if event:
        attributes["event"] = event
    if layout.generation:
        attributes["generationType"] = head[9]
    # the head's total element count is left unread: the group counts below are what matter
    for size, element in layout.elements:
        for io_id, value in r.counted(layout.group_count, element):
            put_io(attributes, io_id, value, size)
    if layout.wide:
        for io_id, value in r.repeated(_WIDE_ELEMENT, r.u8()):
            attributes[f"io{io_id}"] = value.hex()
    if layout.variable:
        for _ in range(r.u16()):
            io_id = r.u16()
            put_variable_io(attributes, io_id, r.bytes(r.u16()))
    # checked here too: an insane record fails the plain Codec 8 reading, then decode tries wide IO
    return require(Record(
        fix_time=_utc_ms(ts),
        kind=RecordKind.POSITION,
        valid=sats > 0,
        latitude=lat / 1e7,
        longitude=lon / 1e7,
        altitude=float(alt),
        speed=float(speed),
        course=float(angle),
        satellites=sats if sats <= _MAX_SATELLITES else None,
        attributes=attributes,
    ))  # fmt: skip


def _decode_gh3000(frame: bytes, r: Reader, ctx: DecodeContext) -> list[Record]:
    r.skip(1)
    return _records(r, None)


def _text(payload: bytes) -> str:
    """Printable ASCII as text; anything else (binary answers exist) as hex."""
    if payload.isascii() and all(c >= 0x20 or c in b"\r\n\t" for c in payload):
        return payload.decode("ascii")
    return payload.hex()


def _status(time: datetime, result: str) -> list[Record]:
    return [Record(fix_time=time, kind=RecordKind.STATUS, attributes={"result": result})]


def _read_message(r: Reader) -> tuple[int, bytes]:
    """Codec id, quantity, type, size-prefixed payload, quantity: the text codecs' shape."""
    r.skip(2)
    msg_type = r.u8()
    payload = r.bytes(r.u32())
    r.skip(1)
    if r.remaining:
        raise InvalidField(f"{r.remaining} bytes after the message")
    return msg_type, payload


def _decode_codec12(frame: bytes, r: Reader, ctx: DecodeContext) -> list[Record]:
    msg_type, payload = _read_message(r)
    if msg_type != MessageType.RESPONSE:
        return []  # a command echoed back at us is nothing to record
    return _status(ctx.received, _text(payload))


def _decode_codec13(frame: bytes, r: Reader, ctx: DecodeContext) -> list[Record]:
    # The vendor text says the size counts the 4-byte timestamp; field captures also show it
    # outside the size, and one vendor example uses an 8-byte millisecond time. Accept all three.
    r.skip(3)
    size = r.u32()
    outside = r.remaining - 1 - size
    if outside not in (0, 4) or (outside == 0 and size < 4):
        raise InvalidField(f"Codec 13 size {size} with {r.remaining - 1} payload bytes")
    seconds = r.u32()
    time = _EPOCH + timedelta(seconds=seconds)
    if seconds < _YEAR_2000 and outside == 0 and size >= 8:
        r.pos -= 4
        time = _utc_ms(r.u64())
    text = _text(r.bytes(r.remaining - 1))
    r.skip(1)
    fields = text.split("|")
    if fields[0] == "GTSL" and len(fields) > 4 and fields[4]:
        # a driver card/key report: GTSL|<type>|<state>|<slot>|<driver id>|...
        return [Record(fix_time=time, kind=RecordKind.STATUS,
                       attributes={"driverUniqueId": fields[4], "result": text})]  # fmt: skip
    return _status(time, text)


def _decode_codec14(frame: bytes, r: Reader, ctx: DecodeContext) -> list[Record]:
    msg_type, payload = _read_message(r)
    if msg_type not in (MessageType.RESPONSE, MessageType.NACK):
        return []
    if len(payload) < 8:
        raise InvalidField(f"Codec 14 payload of {len(payload)} bytes has no IMEI")
    bcd(payload[:8])  # the device echoes its IMEI; check it is one
    if msg_type == MessageType.NACK:
        return _status(ctx.received, "nack")
    return _status(ctx.received, _text(payload[8:]))


_DECODERS: Final[dict[int, Callable[[bytes, Reader, DecodeContext], list[Record]]]] = {
    Codec.GH3000: _decode_gh3000,
    Codec.C8: _decode_avl,
    Codec.C8E: _decode_avl,
    Codec.C16: _decode_avl,
    Codec.C12: _decode_codec12,
    Codec.C13: _decode_codec13,
    Codec.C14: _decode_codec14,
}
