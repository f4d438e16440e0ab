"""Commands to Eelink bytes: the instruction package (0x80) carrying a text command.

Content: type 0x01, a 4-byte server flag the device echoes in its answer, the command text.
Owns the command vocabulary -> text table (V2.0 "RELAY", "RESET", "WHERE" commands) and the
downlink sequence counter kept in the session.
"""

from __future__ import annotations

from typing import Final

from fleetwire.errors import UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols._commands import ascii_command, custom_text
from fleetwire.protocols.base import Session

from .constants import INSTRUCTION_TYPE, MAX_FRAME_SIZE, Pid
from .framing import build

TEXTS: Final[dict[str, str]] = {
    "engineStop": "RELAY,1#",
    "engineResume": "RELAY,0#",
    "rebootDevice": "RESET#",
    "positionSingle": "WHERE#",
}
COMMANDS: Final = frozenset({"custom", *TEXTS})
SERVER_FLAG: Final = b"\x00\x00\x00\x00"
_SEQUENCE_KEY: Final = "eelink.instruction_sequence"
_MAX_TEXT: Final = 512  # far below the size field's limit; device command buffers are small


def _text(command: Command) -> bytes:
    if command.type == "custom":
        text = custom_text(command)
    else:
        fixed = TEXTS.get(command.type)
        if fixed is None:
            raise UnsupportedCommand(f"eelink has no command {command.type!r}")
        text = fixed
    return ascii_command(text, min(_MAX_TEXT, MAX_FRAME_SIZE))


def instruction(text: bytes, sequence: int) -> bytes:
    return build(Pid.INSTRUCTION, sequence, bytes((INSTRUCTION_TYPE,)) + SERVER_FLAG + text)


def encode_command(command: Command, session: Session) -> bytes:
    text = _text(command)
    sequence = int(session.state.get(_SEQUENCE_KEY, 0)) % 0xFFFF + 1
    session.state[_SEQUENCE_KEY] = sequence
    return instruction(text, sequence)
