"""Navis frames to Records: NTCB `*>T`/`*>A` records (records.py), FLEX records with the
fields Navis reads (flex.py), and what Navis shares with Navtelecom (command answers; login,
negotiation and pings carry no record)."""

from __future__ import annotations

from fleetwire.errors import InvalidField
from fleetwire.model import Record
from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.navtelecom import decoding as ntcb
from fleetwire.protocols.navtelecom.constants import FLEX_START, PREAMBLE
from fleetwire.protocols.navtelecom.framing import open_ntcb

from .constants import ARRAY, SINGLE
from .flex import READERS
from .inspect import array_count
from .records import read_record


def _ntcb_records(body: bytes, ctx: DecodeContext) -> list[Record] | None:
    if body.startswith(SINGLE):
        count, pos = 1, len(SINGLE)
    elif body.startswith(ARRAY):
        count, pos = array_count(body), len(ARRAY) + 1
    else:
        return None
    records = []
    for _ in range(count):
        rec, pos = read_record(body, pos, ctx.received)
        records.append(rec)
    if pos != len(body):
        raise InvalidField(f"{len(body) - pos} bytes after the last record")
    return records


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    """Records of one frame (checked against the sanity rules by the protocol base class)."""
    if frame[:1] == bytes((FLEX_START,)):
        return ntcb.flex_records(frame, ctx, READERS)
    if frame[:1] == PREAMBLE[:1]:
        records = _ntcb_records(open_ntcb(frame).body, ctx)
        if records is not None:
            return records
    return ntcb.decode(frame, ctx)
