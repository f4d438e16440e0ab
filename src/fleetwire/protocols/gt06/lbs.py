"""GT06 message types without a GPS fix: cell lists and LBS status. The serving cell goes into
the record; the neighbours are not kept, since the record model has no place for them yet.

Layouts: Concox GT06 / JM-VL03 documents.
"""

from __future__ import annotations

from fleetwire.model import Record, RecordKind
from fleetwire.protocols._binary import Reader
from fleetwire.protocols.base import DecodeContext

from . import blocks
from .constants import MessageType as M
from .framing import Envelope


def lbs_multi(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """0x18 / 0x28 / 0xA1: date-time, serving cell, then neighbours (not kept)."""
    rec = Record(fix_time=blocks.time(r, ctx), kind=RecordKind.STATUS)
    blocks.cell(r, rec.attributes, wide=env.protocol == M.LBS_MULTI_4G)
    return [rec]


def lbs_status(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """0x19 (13-byte layout only): serving cell and status block, no time of its own."""
    if r.remaining != 13:
        return []
    rec = Record(fix_time=ctx.received, kind=RecordKind.STATUS)
    blocks.cell(r, rec.attributes)
    blocks.status_block(r, rec.attributes)
    return [rec]
