"""What a Wialon IPS packet means to the gateway: identity, the exact answer, the record count.

Checks the envelope, the field counts and the v2.0 CRC (a mismatch raises ChecksumNack, which
carries the protocol's checksum-error answer) and remembers the login's protocol version in the
session, which tells whether a driver message ends in a CRC. No field is parsed here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from fleetwire.errors import InvalidField
from fleetwire.protocols.base import FrameKind, Session, Transport, Uplink

from .constants import (
    BLACK_BOX_BAD_CRC,
    DATA_BAD_CRC,
    DATA_FIELDS,
    DATA_OK,
    LOGIN_BAD_CRC,
    LOGIN_OK,
    LOGIN_REJECTED,
    LOGIN_V1_FIELDS,
    LOGIN_V2_FIELDS,
    MAX_ID_LENGTH,
    MESSAGE_BAD_CRC,
    MESSAGE_OK,
    PING_OK,
    SESSION_VERSION,
    SHORT_DATA_BAD_CRC,
    SHORT_DATA_OK,
    SHORT_FIELDS,
    VERSION_2,
    PacketType,
)
from .framing import Packet, black_box, crc_matches, fields, image_part, open_packet, verify

_VERSION: Final = re.compile(rb"\d+\.\d+")
_ID: Final = re.compile(rb"[\x21-\x7e]{1,%d}" % MAX_ID_LENGTH)

Inspector = Callable[[Packet, Session], Uplink]


def login(body: bytes) -> tuple[str, str]:
    """(protocol version, device id) of a login, its v2.0 CRC checked."""
    parts = body.split(b";")
    if len(parts) == LOGIN_V2_FIELDS and _VERSION.fullmatch(parts[0]):
        verify(body[: len(body) - len(parts[-1])], parts[-1], LOGIN_BAD_CRC)
        version, uid = parts[0].decode(), parts[1]
    elif len(parts) == LOGIN_V1_FIELDS:
        version, uid = "1.1", parts[0]
    else:
        raise InvalidField(f"login of {len(parts)} fields")
    if not _ID.fullmatch(uid):
        raise InvalidField(f"bad device id {uid[:MAX_ID_LENGTH]!r}")
    return version, uid.decode("ascii")


def message_text(body: bytes, version: str | None) -> bytes:
    """A driver message without its CRC. After a v2.0 login the CRC is required; otherwise
    (v1.1, or a frame read without its session) a last ';' field is taken for a CRC only when
    it is one and matches, since the text itself may hold ';'."""
    head, sep, last = body.rpartition(b";")
    if version == VERSION_2 or (sep and crc_matches(head + sep, last)):
        if not sep:
            raise InvalidField("v2.0 message without its CRC")
        verify(head + sep, last, MESSAGE_BAD_CRC)
        return head
    return body


def _login(p: Packet, session: Session) -> Uplink:
    version, uid = login(p.body)
    session.state[SESSION_VERSION] = version
    return Uplink(FrameKind.LOGIN, unique_id=uid, ack=LOGIN_OK, reject=LOGIN_REJECTED, records=1)


def _short(p: Packet, session: Session) -> Uplink:
    fields(p.body, (SHORT_FIELDS,), SHORT_DATA_BAD_CRC)
    return Uplink(FrameKind.DATA, unique_id=p.unique_id, ack=SHORT_DATA_OK, records=1)


def _data(p: Packet, session: Session) -> Uplink:
    fields(p.body, (DATA_FIELDS,), DATA_BAD_CRC)
    return Uplink(FrameKind.DATA, unique_id=p.unique_id, ack=DATA_OK, records=1)


def _black_box(p: Packet, session: Session) -> Uplink:
    n = len(black_box(p.body, BLACK_BOX_BAD_CRC))
    return Uplink(FrameKind.DATA, unique_id=p.unique_id, ack=b"#AB#%d\r\n" % n, records=n)


def _ping(p: Packet, session: Session) -> Uplink:
    return Uplink(FrameKind.HEARTBEAT, unique_id=p.unique_id, ack=PING_OK, store=False)


def _message(p: Packet, session: Session) -> Uplink:
    message_text(p.body, session.state.get(SESSION_VERSION))
    return Uplink(FrameKind.DATA, unique_id=p.unique_id, ack=MESSAGE_OK, records=1)


def _image(p: Packet, session: Session) -> Uplink:
    """One part of a snapshot: answered `#AI#<part>;1`, the last part `#AI#1`."""
    index, count = image_part(p)
    ack = b"#AI#1\r\n" if index + 1 >= count else b"#AI#%d;1\r\n" % index
    return Uplink(FrameKind.OTHER, unique_id=p.unique_id, ack=ack)


def _answer(p: Packet, session: Session) -> Uplink:
    return Uplink(FrameKind.REPLY, unique_id=p.unique_id)


_BY_TYPE: Final[dict[str, Inspector]] = {
    PacketType.LOGIN: _login,
    PacketType.SHORT_DATA: _short,
    PacketType.DATA: _data,
    PacketType.BLACK_BOX: _black_box,
    PacketType.PING: _ping,
    PacketType.MESSAGE: _message,
    PacketType.IMAGE: _image,
    PacketType.ANSWER_MESSAGE: _answer,
}


def inspect(frame: bytes, session: Session) -> Uplink:
    p = open_packet(frame, udp=session.transport is Transport.UDP)
    handler = _BY_TYPE.get(p.type)
    if handler is None:  # tachograph files, answers we do not know: kept, not answered
        return Uplink(FrameKind.OTHER, unique_id=p.unique_id)
    return handler(p, session)
