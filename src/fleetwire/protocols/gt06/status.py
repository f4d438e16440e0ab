"""GT06 heartbeats and status packets (0x13, 0x23): records without a position, time of
receipt.

Layouts: Concox GT06 / JM-VL03 documents.
"""

from __future__ import annotations

from fleetwire.model import Attributes, Record, RecordKind
from fleetwire.protocols._binary import Reader
from fleetwire.protocols.base import DecodeContext

from . import blocks
from .framing import Envelope


def _status(attrs: Attributes, ctx: DecodeContext) -> list[Record]:
    return [Record(fix_time=ctx.received, kind=RecordKind.STATUS, attributes=attrs)]


def status(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """0x13 heartbeat: terminal info, voltage level, GSM level, [alarm, language]. Other
    lengths are model-specific layouts: only the terminal info byte is common to them."""
    attrs: Attributes = {}
    size = r.remaining
    blocks.terminal_info(r.u8(), attrs)
    if 2 <= size <= 5:
        blocks.battery_level(r.u8(), attrs)
        if size >= 3:
            attrs["rssi"] = r.u8()
        if size >= 4:
            blocks.alarm_code(r.u8(), attrs)
    return _status(attrs, ctx)


def heartbeat(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """0x23 heartbeat: terminal info, battery voltage (0.01 V), GSM level, alarm, language."""
    attrs: Attributes = {}
    blocks.terminal_info(r.u8(), attrs)
    attrs["battery"] = r.u16() / 100
    attrs["rssi"] = r.u8()
    if r.remaining >= 1:
        blocks.alarm_code(r.u8(), attrs)
    return _status(attrs, ctx)
