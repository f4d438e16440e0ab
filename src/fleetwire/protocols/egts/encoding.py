"""Commands to EGTS terminals: the commands service's EGTS_SR_COMMAND_DATA of type CT_COM, in
an application packet numbered on the connection's counters. ``custom`` sends the operator's
text as EGTS_RAW_DATA (data in the terminal's own format; its text commands), and
``rebootDevice`` is EGTS_RESTART (GOST 33465, command codes). The terminal confirms the packet
with EGTS_PT_RESPONSE and answers with a CT_COMCONF command record (inspect.py: a reply).
"""

from __future__ import annotations

import struct
from typing import Final

from fleetwire.errors import UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols._commands import printable_text
from fleetwire.protocols.base import Session

from .constants import COMMAND_RAW_DATA, COMMAND_RESTART, CT_COM, PacketType, Service, Sub
from .framing import build_packet
from .inspect import PID, RN, next_number
from .records import build_record, subrecord

COMMANDS: Final = frozenset({"custom", "rebootDevice"})
_CID = "cid"
# CT/CCT, CID, SID, flags (no charset, no authorisation code), ADR, SZ/ACT, CCD
_COMMAND: Final = struct.Struct("<BIIBHBH")
MAX_TEXT: Final = 1024


def command_packet(code: int, data: bytes, session: Session) -> bytes:
    cid = next_number(session, _CID)
    body = _COMMAND.pack(CT_COM << 4, cid, 0, 0, 0, 0, code) + data
    record = build_record(next_number(session, RN), Service.COMMANDS,
                          subrecord(Sub.COMMAND_DATA, body))  # fmt: skip
    return build_packet(next_number(session, PID), PacketType.APPDATA, record)


def encode_command(command: Command, session: Session) -> bytes:
    if command.type == "rebootDevice":
        return command_packet(COMMAND_RESTART, b"", session)
    if command.type != "custom":
        raise UnsupportedCommand(f"egts has no command {command.type!r}")
    text = printable_text(command, MAX_TEXT)
    return command_packet(COMMAND_RAW_DATA, text.encode("ascii"), session)
