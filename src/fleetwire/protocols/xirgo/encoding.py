"""Commands to Xirgo units: `+XT:<command number>,<parameters>` text, sent as is (the same text
units take by SMS; no terminator).

Owns the command vocabulary -> text table. The output command's syntax,
`+XT:7005,<OT1>,<X>[,<OT2>,<MN>]` (output 1 state, response type, output 2 state, minutes 0 or
5-1440), is quoted from the vendor document in a public configuration app
(see tests/protocols/xirgo/test_encode.py); the states are 1 = open, 2 = closed (0 = leave as
is), per a public fleet application that sends `+XT:7005,1,1` as "Stop/Open" (starter
interrupted) and `+XT:7005,2,1` as "Start/Close", and traccar's encoder test (output 1 active:
`+XT:7005,2,1`). Response type 1 is what every source sends. engineStop/engineResume assume
the starter-disable relay on output 1, as those applications wire it.
"""

from __future__ import annotations

from typing import Final

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols._commands import custom_text, int_attribute
from fleetwire.protocols.base import Session

from .constants import COMMAND_OUTPUT

_OPEN, _CLOSED, _UNCHANGED = 1, 2, 0
_RESPONSE = 1
COMMANDS: Final = frozenset({"custom", "engineStop", "engineResume", "outputControl"})


def _output(index: int, state: int) -> str:
    if index == 1:
        return f"+XT:{COMMAND_OUTPUT},{state},{_RESPONSE}"
    return f"+XT:{COMMAND_OUTPUT},{_UNCHANGED},{_RESPONSE},{state},0"


def _text(command: Command) -> str:
    if command.type == "custom":
        return custom_text(command)
    if command.type == "engineStop":
        return _output(1, _OPEN)
    if command.type == "engineResume":
        return _output(1, _CLOSED)
    if command.type == "outputControl":
        index = int_attribute(command, "index", 1, 2)
        data = command.attributes.get("data")
        if data not in (0, 1, "0", "1") or isinstance(data, bool):
            raise EncodeError("outputControl needs 'data' 0 (open) or 1 (closed)")
        return _output(index, _CLOSED if int(data) else _OPEN)
    raise UnsupportedCommand(f"xirgo has no command {command.type!r}")


def encode_command(command: Command, session: Session) -> bytes:
    text = _text(command)
    if not text.isascii() or not text.isprintable():
        raise EncodeError(f"command text must be printable ASCII: {text!r}")
    return text.encode("ascii")
