"""Commands to TK103 frames: `(<id><command word><parameters>)`.

Owns the command vocabulary -> command word table. Sources: the vendor document (AP00 one-time
calling; AR00 isochronous feedback `<interval s, 4 hex><duration h, 2 hex><min, 2 hex>`, all
zero to stop; AV01 oil control; AT00 restart) as transcribed with its examples in public
implementations, and traccar's Tk103ProtocolEncoderTest strings (AP00, AR00003C0000,
AR0000000000, AV010 engine stop, AT00 reboot). AV011 (engine resume) is traccar's only.
"""

from __future__ import annotations

from typing import Final

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols._commands import ascii_command, custom_text, int_attribute
from fleetwire.protocols.base import Session

_WORDS: Final[dict[str, str]] = {
    "positionSingle": "AP00",
    "positionStop": "AR0000000000",
    "engineStop": "AV010",
    "engineResume": "AV011",
    "rebootDevice": "AT00",
}
COMMANDS: Final = frozenset({"custom", "positionPeriodic", *_WORDS})
_MAX_INTERVAL = 0xFFFF


def _word(command: Command) -> str:
    if command.type == "custom":
        return custom_text(command)
    if command.type == "positionPeriodic":
        value = int_attribute(command, "frequency", 1, _MAX_INTERVAL)
        return f"AR00{value:04X}0000"  # duration 0 h 0 min: until told otherwise
    word = _WORDS.get(command.type)
    if word is None:
        raise UnsupportedCommand(f"tk103 has no command {command.type!r}")
    return word


def encode_command(command: Command, session: Session) -> bytes:
    if not session.unique_id:
        raise EncodeError("tk103 commands carry the device id: the session has none yet")
    text = f"({session.unique_id}{_word(command)})"
    if text.count("(") != 1 or text.count(")") != 1:
        raise EncodeError(f"command text may not contain parentheses: {text!r}")
    return ascii_command(text)
