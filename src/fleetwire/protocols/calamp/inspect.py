"""What an LM Direct message means to the gateway, from its Options and Message Headers only.

Owns identity (the Mobile ID of the Options Header), the frame kind per message type, and the
exact reply: for an "Acknowledged Request" an Acknowledge message (type 1) that echoes the
sequence number and the acknowledged message type, behind an Options Header carrying the
device's own Mobile ID (and its type). No body field is parsed here; the protocol has no
checksum, so the header and length checks are what gate an ACK.
"""

from __future__ import annotations

from typing import Final, NamedTuple

from fleetwire.protocols.base import FrameKind, Session, Uplink

from .constants import ACK_OK, MessageType, ServiceType
from .framing import Message, message_header, mobile_id_text, options_header, read_message


class _Policy(NamedTuple):
    kind: FrameKind
    records: int  # records the message carries, for counters


_POLICY: Final[dict[int, _Policy]] = {
    MessageType.NULL: _Policy(FrameKind.HEARTBEAT, 0),
    MessageType.ACK: _Policy(FrameKind.REPLY, 0),
    MessageType.EVENT_REPORT: _Policy(FrameKind.DATA, 1),
    MessageType.ID_REPORT: _Policy(FrameKind.LOGIN, 0),  # sent at power-up and on request
    MessageType.USER_DATA: _Policy(FrameKind.DATA, 1),
    MessageType.MINI_EVENT_REPORT: _Policy(FrameKind.DATA, 1),
}
_OTHER: Final = _Policy(FrameKind.OTHER, 0)
# ACK/NAK code ACK, the spare byte, App Version: the guide leaves the server's version free
_ACK_TAIL: Final = bytes((ACK_OK, 0, 0, 0, 0))


def acknowledge(msg: Message) -> bytes:
    """The Acknowledge message for ``msg``: a "Response to an Acknowledged Request" of type
    ACK/NAK with the same sequence number, whose body names the acknowledged message type."""
    return b"".join(
        (
            options_header(msg.mobile_id, msg.mobile_id_type),
            message_header(ServiceType.RESPONSE, MessageType.ACK, msg.sequence),
            bytes((msg.type,)),
            _ACK_TAIL,
        )
    )


def inspect(frame: bytes, session: Session) -> Uplink:
    msg = read_message(frame)
    policy = _POLICY.get(msg.type, _OTHER)
    unique_id = None if msg.mobile_id is None else mobile_id_text(msg.mobile_id)
    # Any acknowledged request is ACKed, whatever its type: the ACK says "received", and the
    # LMU resends an unACKed message until its retry count runs out.
    ack = acknowledge(msg) if msg.service == ServiceType.ACKNOWLEDGED else b""
    return Uplink(kind=policy.kind, unique_id=unique_id, ack=ack, records=policy.records)
