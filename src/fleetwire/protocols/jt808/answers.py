"""Terminal messages that answer the platform: the general response (0x0001). Each becomes a
status record that carries ``result``."""

from __future__ import annotations

from fleetwire.model import Record
from fleetwire.protocols._binary import Reader
from fleetwire.protocols.base import DecodeContext

from .blocks import status_record
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
