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
from fleetwire.protocols._commands import custom_text, int_attribute
from fleetwire.protocols.base import Session
from fleetwire.protocols.teltonika.constants import Codec, MessageType
from fleetwire.protocols.teltonika.framing import wrap_tcp

_HEAD: Final = struct.Struct(">BBBI")  # codec, quantity, type, size
_MAX_TEXT: Final = 4096  # the devices' SMS/GPRS command buffer is far smaller than this


def _fixed(text: str) -> Callable[[Command], str]:
    return lambda _command: text


def _output(command: Command) -> str:
    """FMB "setdigout": one character per output, '?' leaves an output as it is."""
    index = int_attribute(command, "index", 1, 4)
    state = int_attribute(command, "data", 0, 1)
    return "setdigout " + "?" * (index - 1) + str(state)


def _configuration(command: Command) -> str:
    """FMB "setparam <id>:<value>", several joined with ';' in one command."""
    params = command.attributes.get("parameters")
    if not isinstance(params, dict) or not params:
        raise EncodeError("configuration needs 'parameters': {parameter id: value}")
    parts = []
    for key, value in params.items():
        if not str(key).isdigit() or any(c in str(value) for c in ";\r\n"):
            raise EncodeError(f"bad parameter {key!r}: {value!r}")
        parts.append(f"{key}:{value}")
    return "setparam " + ";".join(parts)


def _periodic(command: Command) -> str:
    # FMB parameter 10050: home network, "on moving" minimum period (s); other operators'
    # networks and the "on stop" mode have their own ids (send them with configuration)
    return f"setparam 10050:{int_attribute(command, 'frequency', 0, 2_592_000)}"


# setdigout drives DOUT1, which installers wire to the engine-block relay. Texts from the
# Teltonika "FMB SMS/GPRS command list": getinfo, cpureset, setdigout, setparam, web_connect
# (connect to FOTA WEB now, i.e. firmware and configuration update).
_TEXT: Final[dict[str, Callable[[Command], str]]] = {
    "custom": custom_text,
    "engineStop": _fixed("setdigout 1"),
    "engineResume": _fixed("setdigout 0"),
    "outputControl": _output,
    "requestInfo": _fixed("getinfo"),
    "rebootDevice": _fixed("cpureset"),
    "configuration": _configuration,
    "positionPeriodic": _periodic,
    "firmwareUpdate": _fixed("web_connect"),
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
