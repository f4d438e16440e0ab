"""What a Navis frame means to the gateway, from its envelope only.

Navis adds two NTCB messages to what it shares with Navtelecom (the navtelecom package's
inspect handles `*>S`, `*>FLEX`, FLEX messages and the 0x7F ping): `*>T` (one record) is
answered `*<T` + the record's index (u32 LE) and `*>A` (count + records) `*<A` + the count, each
in an NTCB packet with recipient and sender swapped (facts of traccar/traccar
NavisProtocolDecoder.java). The envelope's XOR checksums prove the body whole; the records are
checked against their formats by decode(), so a record of a format without a published layout
is stored and dead-lettered with its reason rather than refused.
"""

from __future__ import annotations

from typing import Final

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.protocols.base import FrameKind, Session, Uplink
from fleetwire.protocols.navtelecom import inspect as ntcb
from fleetwire.protocols.navtelecom.constants import PREAMBLE
from fleetwire.protocols.navtelecom.framing import Ntcb, build_ntcb, open_ntcb

from .constants import ARRAY, ARRAY_REPLY, SINGLE, SINGLE_REPLY
from .records import record_format

_PREFIX: Final = len(SINGLE)
_INDEX: Final = 4


def _reply(p: Ntcb, body: bytes) -> bytes:
    return build_ntcb(p.sender, p.recipient, body)


def single_index(body: bytes) -> bytes:
    """The index bytes of a `*>T` record (after its one- or two-byte format)."""
    _, at = record_format(body, _PREFIX)
    if at + _INDEX > len(body):
        raise TruncatedFrame(f"*>T of {len(body)} bytes has no record index")
    return body[at : at + _INDEX]


def array_count(body: bytes) -> int:
    if len(body) <= _PREFIX + 1:
        raise TruncatedFrame(f"*>A of {len(body)} bytes")
    count = body[_PREFIX]
    if count == 0:
        raise InvalidField("*>A of no records")
    return count


def _records(p: Ntcb) -> Uplink | None:
    if p.body.startswith(SINGLE):
        ack = _reply(p, SINGLE_REPLY + single_index(p.body))
        return Uplink(FrameKind.DATA, ack=ack, records=1)
    if p.body.startswith(ARRAY):
        count = array_count(p.body)
        return Uplink(FrameKind.DATA, ack=_reply(p, ARRAY_REPLY + bytes((count,))), records=count)
    return None


def inspect(frame: bytes, session: Session) -> Uplink:
    if frame[:1] == PREAMBLE[:1]:
        up = _records(open_ntcb(frame))
        if up is not None:
            return up
    return ntcb.inspect(frame, session)
