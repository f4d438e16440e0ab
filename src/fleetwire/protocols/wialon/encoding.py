"""Commands to Wialon IPS bytes: driver messages (`#M#`) and the snapshot query (`#QI#`).

Owns the command vocabulary of this protocol. A v2.0 device (the login said so; the version is
in the session) gets the CRC on `#M#`; the snapshot query has none in either version. The
device's answers (`#AM#`) are recognised by inspect.py and decoded by decoding.py.
"""

from __future__ import annotations

from typing import Final

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session

from .constants import SESSION_VERSION, VERSION_2
from .framing import build

COMMANDS: Final = frozenset({"custom", "message", "requestPhoto"})
_TEXT_KEY: Final = {"custom": "data", "message": "message"}
_MAX_TEXT: Final = 4096


def _text(command: Command) -> bytes:
    key = _TEXT_KEY[command.type]
    value = command.attributes.get(key)
    if not isinstance(value, str) or not value:
        raise EncodeError(f"{command.type} command needs a non-empty string attribute {key!r}")
    if "\r" in value or "\n" in value:
        raise EncodeError("a Wialon message cannot hold a line break")
    raw = value.encode("utf-8")
    if len(raw) > _MAX_TEXT:
        raise EncodeError(f"message of {len(raw)} bytes exceeds {_MAX_TEXT}")
    return raw


def encode_command(command: Command, session: Session) -> bytes:
    if command.type == "requestPhoto":
        return build("QI", b"", crc=False)
    if command.type not in _TEXT_KEY:
        raise UnsupportedCommand(f"wialon has no command {command.type!r}")
    v2 = session.state.get(SESSION_VERSION) == VERSION_2
    return build("M", _text(command), crc=v2)
