"""T880x frames to Records: one small decoder per message type, found through a table.

Owns the location/alarm (through layouts.py by family header and form), BLE peripheral (ble.py),
network information and command-answer contents; a login or heartbeat carries nothing a record
needs (the session marks the device online) and decodes to no record. Encrypted (0x62/0x64) and
the peripheral messages (BLE, RS232, driver behaviour ...) decode to nothing: they are kept in
the raw log and acknowledged. Knows nothing about replies (inspect.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Final

from fleetwire.errors import InvalidField
from fleetwire.model import Attributes, Record, RecordKind
from fleetwire.protocols._binary import Reader
from fleetwire.protocols.base import DecodeContext

from .ble import decode_ble
from .constants import (
    ENVELOPE_SIZE,
    LAYOUT_ASSET,
    LAYOUT_OBD,
    LAYOUT_VEHICLE,
    LAYOUT_VEHICLE_2,
    Header,
    MessageType,
)
from .framing import Envelope, open_frame
from .layouts import PARSERS

Decoder = Callable[[Envelope, bytes, DecodeContext], list[Record]]

LAYOUTS: Final[dict[int, str]] = {
    Header.VEHICLE_OLD: LAYOUT_VEHICLE,
    Header.VEHICLE: LAYOUT_VEHICLE,
    Header.OBD: LAYOUT_OBD,
    Header.ASSET: LAYOUT_ASSET,
}
# The OBD family alone sends its sensor locations in the location layout.
_SENSOR_TYPES: Final = frozenset({MessageType.SENSOR_LOCATION, MessageType.SENSOR_ALARM})
_SECOND_FORM: Final = frozenset({MessageType.LOCATION_2, MessageType.ALARM_2})


def _status(ctx: DecodeContext, attrs: Attributes | None = None) -> list[Record]:
    return [Record(fix_time=ctx.received, kind=RecordKind.STATUS, attributes=attrs or {})]


def _location(env: Envelope, c: bytes, ctx: DecodeContext) -> list[Record]:
    layout = LAYOUTS[env.header]
    if env.type in _SENSOR_TYPES and layout != LAYOUT_OBD:
        return []  # other families use a different sensor layout, not decoded
    if env.type in _SECOND_FORM:
        if layout != LAYOUT_VEHICLE:
            return []  # the second form of the OBD and asset families is not sourced here
        layout = LAYOUT_VEHICLE_2
    return [PARSERS[layout](c)]


def _ble(env: Envelope, c: bytes, ctx: DecodeContext) -> list[Record]:
    return [decode_ble(c)]


def _network(env: Envelope, c: bytes, ctx: DecodeContext) -> list[Record]:
    """Date-time, then length-prefixed operator (UTF-16LE), access technology, band, IMSI and
    ICCID (ASCII). 0x05 is network information on the asset family only."""
    if env.type == MessageType.NETWORK_ASSET and env.header != Header.ASSET:
        return []  # the vehicle families' 0x05 is a driver-behaviour report
    r = Reader(c)
    raw = r.bytes(6)
    try:
        fix_time = datetime.strptime("20" + raw.hex(), "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError as e:
        raise InvalidField(f"bad date-time {raw.hex()}") from e
    attrs: Attributes = {}
    for name, codec in (
        ("operator", "utf-16-le"),
        ("network", "ascii"),
        ("band", "ascii"),
        ("imsi", "ascii"),
        ("iccid", "ascii"),
    ):
        if not r.remaining:
            break
        text = r.bytes(r.u8()).decode(codec, "replace").strip("\x00 ")
        if text:
            attrs[name] = text
    return [Record(fix_time=fix_time, kind=RecordKind.STATUS, attributes=attrs)]


def _reply(env: Envelope, c: bytes, ctx: DecodeContext) -> list[Record]:
    """A command answer: a kind byte, then text, UTF-16LE on the newer models."""
    if not c:
        return []
    text = c[1:]
    wide = len(text) >= 2 and text[1] == 0 and text[0] != 0
    result = text.decode("utf-16-le" if wide else "latin-1", "replace").rstrip("\x00").strip()
    return _status(ctx, {"result": result})


DECODERS: Final[dict[int, Decoder]] = {
    MessageType.LOCATION: _location,
    MessageType.LOCATION_2: _location,
    MessageType.ALARM_2: _location,
    MessageType.BLE: _ble,
    MessageType.ALARM: _location,
    MessageType.SENSOR_LOCATION: _location,
    MessageType.SENSOR_ALARM: _location,
    MessageType.NETWORK: _network,
    MessageType.NETWORK_ASSET: _network,
    MessageType.COMMAND: _reply,
}


def _decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    env = open_frame(frame)
    decoder = DECODERS.get(env.type)
    if decoder is None:
        return []
    return decoder(env, frame[ENVELOPE_SIZE:], ctx)


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    """Records of one frame (checked against the sanity rules by the protocol base class)."""
    return _decode(frame, ctx)
