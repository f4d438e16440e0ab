"""Commands to Teltonika bytes: Codec 12 text commands in the TCP envelope.

Owns the map from the shared command vocabulary to the device's SMS/GPRS command text. Knows
nothing about how or when the bytes reach the device.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from typing import Final

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session
from fleetwire.protocols.teltonika.constants import Codec, MessageType
from fleetwire.protocols.teltonika.framing import wrap_tcp

_HEAD: Final = struct.Struct(">BBBI")  # codec, quantity, type, size
_MAX_TEXT: Final = 4096  # the devices' SMS/GPRS command buffer is far smaller than this


def _custom(command: Command) -> str:
    data = command.attributes.get("data")
    if not isinstance(data, str) or not data:
        raise EncodeError("custom command needs a non-empty text attribute 'data'")
    return data


def _fixed(text: str) -> Callable[[Command], str]:
    return lambda _command: text


# setdigout drives DOUT1, which installers wire to the engine-block relay.
_TEXT: Final[dict[str, Callable[[Command], str]]] = {
    "custom": _custom,
    "engineStop": _fixed("setdigout 1"),
    "engineResume": _fixed("setdigout 0"),
    "requestInfo": _fixed("getinfo"),
    "rebootDevice": _fixed("cpureset"),
}
COMMANDS: Final = frozenset(_TEXT)


def codec12(text: bytes, msg_type: MessageType = MessageType.COMMAND) -> bytes:
    """One Codec 12 message (a command, or a response when the simulator answers)."""
    data = _HEAD.pack(Codec.C12, 1, msg_type, len(text)) + text + b"\x01"
    return wrap_tcp(data)


def encode_command(command: Command, session: Session) -> bytes:
    build = _TEXT.get(command.type)
    if build is None:
        raise UnsupportedCommand(f"teltonika has no command {command.type!r}")
    text = build(command)
    if not text.isascii() or len(text) > _MAX_TEXT:
        raise EncodeError(f"command text {text[:40]!r} is not short ASCII")
    return codec12(text.encode("ascii"))
