"""GoSafe messages to Records: one Record per `$`-separated record, each block decoded through
the table in blocks.py; the message shape (framing.Shape) picks the record layout through a
table too.

Record (GS06/GS16/GS26/GS56): `<hhmmssDDMMYY>,<event hex>,<TAG:...>,<TAG:...>...`. The event
code becomes `event` (an int) and makes the record an EVENT; which codes are alarms is not
known without the vendor document, so none is mapped to `alarm`. A record time of all zeros
(the later records of a GS56 batch) falls back to the receive time. Heartbeats and command
answers carry no record: they decode to nothing. Knows nothing about replies (inspect.py).
"""

from __future__ import annotations

from collections.abc import Callable

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext

from .blocks import BLOCKS, LEGACY_BLOCKS, Block
from .constants import FIELD_SEP, NO_TIME, RECORD_SEP, VALUE_SEP
from .fields import clock, hexadecimal
from .framing import Shape, open_message

Layout = Callable[[str, DecodeContext], list[Record]]


def _blocks(fields: list[str], table: dict[str, Block], rec: Record, ctx: DecodeContext) -> None:
    for block in fields:
        if not block:
            continue  # some firmware ends the record with a ','
        tag, colon, value = block.partition(":")
        if not colon:
            raise InvalidField(f"block without a tag: {block[:20]!r}")
        decoder = table.get(tag)
        if decoder is not None:
            decoder(value.split(VALUE_SEP), rec, ctx)


def _finish(rec: Record) -> Record:
    if "event" in rec.attributes:
        rec.kind = RecordKind.EVENT
    elif rec.has_position:
        rec.kind = RecordKind.POSITION
    return rec


def _record(text: str, ctx: DecodeContext) -> Record:
    fields = text.split(FIELD_SEP)
    when = fields[0]
    if len(fields) < 2 or len(when) != 12:
        raise InvalidField(f"bad record head {text[:24]!r}")
    rec = Record(fix_time=ctx.received, kind=RecordKind.STATUS)
    if when != NO_TIME:
        rec.fix_time = clock(when[:6], when[6:], ctx)
    event = hexadecimal(fields[1].strip())
    if event is not None:
        rec.attributes["event"] = event
    _blocks(fields[2:], BLOCKS, rec, ctx)
    return _finish(rec)


def _records(body: str, ctx: DecodeContext) -> list[Record]:
    return [_record(text, ctx) for text in body.split(RECORD_SEP)]


def _legacy(body: str, ctx: DecodeContext) -> list[Record]:
    rec = Record(fix_time=ctx.received, kind=RecordKind.STATUS)
    _blocks(body.split(FIELD_SEP), LEGACY_BLOCKS, rec, ctx)
    return [_finish(rec)]


LAYOUTS: dict[Shape, Layout] = {Shape.RECORDS: _records, Shape.LEGACY: _legacy}


def _decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    m = open_message(frame)
    layout = LAYOUTS.get(m.shape)
    return layout(m.body, ctx) if layout is not None else []


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    """Records of one frame (checked against the sanity rules by the protocol base class)."""
    return _decode(frame, ctx)
