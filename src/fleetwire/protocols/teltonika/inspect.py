"""What a Teltonika frame means to the gateway, from its envelope and first data bytes only.

Owns identity (IMEI packet, UDP header), the exact replies (IMEI accept/reject, the 4-byte record
count, the UDP ACK) and the checks that decide whether a frame may be ACKed (CRC, n1 == n2).
Must stay cheap: no record is parsed here.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from typing import Final

from fleetwire.errors import InvalidField
from fleetwire.protocols.base import FrameKind, Session, Transport, Uplink
from fleetwire.protocols.teltonika.constants import (
    IMEI_ACCEPT,
    IMEI_REJECT,
    UDP_ACK_LENGTH,
    UDP_ACK_TYPE,
    Codec,
    MessageType,
)
from fleetwire.protocols.teltonika.framing import (
    is_imei_packet,
    is_keepalive,
    read_imei_packet,
    read_udp_header,
    unwrap_tcp,
)

_U32: Final = struct.Struct(">I")
_UDP_ACK: Final = struct.Struct(">HHBBB")
_AVL_CODECS: Final = frozenset({Codec.C8, Codec.C8E, Codec.C16, Codec.GH3000})
# Device-originated messages of the text codecs; a Codec 12/14 *command* never comes from a
# device. Codec 13 examples in the vendor document carry type 0x05, so any type is a reply there.
_REPLY_TYPES: Final[dict[int, frozenset[int] | None]] = {
    Codec.C12: frozenset({MessageType.RESPONSE}),
    Codec.C13: None,
    Codec.C14: frozenset({MessageType.RESPONSE, MessageType.NACK}),
}
_HEARTBEAT: Final = Uplink(FrameKind.HEARTBEAT, store=False)
_OTHER: Final = Uplink(FrameKind.OTHER)
_REPLY: Final = Uplink(FrameKind.REPLY)


def inspect(frame: bytes, session: Session) -> Uplink:
    if is_keepalive(frame):
        return _HEARTBEAT
    return _BY_TRANSPORT.get(session.transport, _inspect_tcp)(frame)


def _inspect_tcp(frame: bytes) -> Uplink:
    if is_imei_packet(frame):
        imei = read_imei_packet(frame)
        return Uplink(FrameKind.LOGIN, unique_id=imei, ack=IMEI_ACCEPT, reject=IMEI_REJECT)
    start, end = unwrap_tcp(frame)
    codec = frame[start]
    if codec in _AVL_CODECS:
        n = _record_count(frame, start, end)
        return Uplink(FrameKind.DATA, ack=_U32.pack(n), records=n)
    return _text_kind(frame, start, codec)


def _inspect_udp(frame: bytes) -> Uplink:
    header = read_udp_header(frame)
    start, end = header.data_start, len(frame)
    codec = frame[start]
    if codec in _AVL_CODECS:
        n = _record_count(frame, start, end)
        ack = _UDP_ACK.pack(UDP_ACK_LENGTH, header.packet_id, UDP_ACK_TYPE, header.avl_packet_id, n)
        return Uplink(FrameKind.DATA, unique_id=header.imei, ack=ack, records=n)
    kind = _text_kind(frame, start, codec).kind
    return Uplink(kind, unique_id=header.imei)


def _record_count(frame: bytes, start: int, end: int) -> int:
    n1, n2 = frame[start + 1], frame[end - 1]
    if n1 != n2:
        raise InvalidField(f"record counts {n1} and {n2} differ")
    return n1


def _text_kind(frame: bytes, start: int, codec: int) -> Uplink:
    if codec not in _REPLY_TYPES:
        return _OTHER  # unknown codec: kept in the raw log, not ACKed
    types = _REPLY_TYPES[codec]
    # codec, quantity, type: unwrap/read_udp_header guarantee at least three data bytes
    if types is None or frame[start + 2] in types:
        return _REPLY
    return _OTHER


_BY_TRANSPORT: Final[dict[Transport, Callable[[bytes], Uplink]]] = {
    Transport.TCP: _inspect_tcp,
    Transport.UDP: _inspect_udp,
}
