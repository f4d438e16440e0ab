"""Commands to MiniFinder bytes: ``custom``, a message body given in hex (message type + key
records, as the vendor document lays them out), wrapped in the envelope with the ACK flag set so
that the device confirms it with a response message (type 7F) carrying the same sequence id.

The typed commands of the vendor document (configuration keys, system control) could not be
sourced: only the document's overview was retrievable, so no typed command is offered.
"""

from __future__ import annotations

from typing import Final

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols._commands import custom_text
from fleetwire.protocols.base import Session

from .constants import ACK_FLAG, MAX_BODY, Message
from .framing import build

COMMANDS: Final = frozenset({"custom"})
_SEQUENCE_KEY: Final = "minifinder2.sequence"
_KNOWN: Final = frozenset(int(m) for m in Message)


def _body(command: Command) -> bytes:
    text = custom_text(command)
    try:
        body = bytes.fromhex(text)
    except ValueError as e:
        raise EncodeError(f"custom data must be hex, got {text!r}") from e
    if not body or len(body) > MAX_BODY:
        raise EncodeError(f"custom body of {len(body)} bytes")
    if body[0] not in _KNOWN:
        raise EncodeError(f"message type {body[0]:#04x} is not one the protocol defines")
    return body


def encode_command(command: Command, session: Session) -> bytes:
    if command.type not in COMMANDS:
        raise UnsupportedCommand(f"minifinder2 has no command {command.type!r}")
    body = _body(command)
    sequence = (int(session.state.get(_SEQUENCE_KEY, 0)) + 1) & 0xFFFF
    session.state[_SEQUENCE_KEY] = sequence
    return build(ACK_FLAG, sequence, body)
