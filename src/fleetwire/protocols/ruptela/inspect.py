"""What a Ruptela frame means to the gateway, from its envelope and command id only.

Checks length, CRC and IMEI (every packet carries the IMEI, so every frame identifies the
device) and gives the exact reply: command 100 for records (1 and 68), 115 for identification,
109 for trouble codes, 116 for heartbeats, each with value 01 (accepted). No record is parsed here.
"""

from __future__ import annotations

from typing import Final, NamedTuple

from fleetwire.errors import TruncatedFrame
from fleetwire.protocols.base import FrameKind, Session, Uplink

from .constants import ACK_OK, Command, ServerCommand
from .framing import open_frame, server_packet


class _Policy(NamedTuple):
    kind: FrameKind
    ack: bytes


_RECORDS_ACK: Final = server_packet(ServerCommand.RECORDS_ACK, bytes((ACK_OK,)))  # 0002640113BC
_POLICY: Final[dict[int, _Policy]] = {
    Command.RECORDS: _Policy(FrameKind.DATA, _RECORDS_ACK),
    Command.EXTENDED_RECORDS: _Policy(FrameKind.DATA, _RECORDS_ACK),
    Command.IDENTIFICATION: _Policy(
        FrameKind.LOGIN, server_packet(ServerCommand.IDENTIFICATION_ACK, bytes((ACK_OK,)))
    ),
    Command.HEARTBEAT: _Policy(
        FrameKind.HEARTBEAT, server_packet(ServerCommand.HEARTBEAT_ACK, bytes((ACK_OK,)))
    ),
    Command.DTCS: _Policy(FrameKind.DATA, server_packet(ServerCommand.DTCS_ACK, bytes((ACK_OK,)))),
    Command.SMS_VIA_GPRS_RESPONSE: _Policy(FrameKind.REPLY, b""),
    Command.DEVICE_CONFIGURATION: _Policy(FrameKind.REPLY, b""),
    Command.DEVICE_VERSION: _Policy(FrameKind.REPLY, b""),
    Command.FIRMWARE_UPDATE: _Policy(FrameKind.REPLY, b""),
    Command.SET_IO: _Policy(FrameKind.REPLY, b""),
}
_OTHER: Final = _Policy(FrameKind.OTHER, b"")
_RECORD_COMMANDS: Final = frozenset({Command.RECORDS, Command.EXTENDED_RECORDS})


def inspect(frame: bytes, session: Session) -> Uplink:
    env = open_frame(frame)
    policy = _POLICY.get(env.command, _OTHER)
    records = 0
    if env.command in _RECORD_COMMANDS:
        # records left (1), number of records (1): the ACK must not go out for a packet that
        # cannot even say how many records it holds
        if env.end - env.start < 2:
            raise TruncatedFrame("records packet without a record count")
        records = frame[env.start + 1]
    elif env.command == Command.DTCS:
        if env.end <= env.start:
            raise TruncatedFrame("trouble codes packet without a count")
        records = frame[env.start]  # the number of trouble codes
    elif policy.kind is FrameKind.REPLY:
        records = 1
    return Uplink(kind=policy.kind, unique_id=env.imei, ack=policy.ack, records=records)
