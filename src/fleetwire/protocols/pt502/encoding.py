"""Commands to PT502 text: `#<command>\\r\\n`, sent as a simplified frame.

The vendor's GPRS protocol (excerpt in traccar/traccar issue #1463) says a terminal accepts a
simplified frame (the data body alone) and gives the engine commands as `OPC1,1` (stop car / cut
engine) and `OPC1,0` (restore); the user manual gives the same commands for SMS behind the
6-digit password (`<password>OPC1,<0|1>`, `<password>RCP` current location,
`<password>RST<type>` restart, type 0 the whole unit). Over GPRS a `#` stands where the SMS
password goes and a CR LF ends the command: that is what the excerpt does not show, and is taken
from the command strings field-tested with Traccar (its Pt502ProtocolEncoderTest: `#OPC2,1\\r\\n`,
`#PTI300\\r\\n`). Owns the command vocabulary -> command text table.
"""

from __future__ import annotations

from typing import Final

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols._commands import ascii_command, custom_text, int_attribute
from fleetwire.protocols.base import Session

_TEXTS: Final[dict[str, str]] = {
    "engineStop": "#OPC1,1",
    "engineResume": "#OPC1,0",
    "positionSingle": "#RCP",
    "rebootDevice": "#RST0",
}
COMMANDS: Final = frozenset({"custom", "outputControl", *_TEXTS})
_MAX_OUTPUTS = 9  # one digit in `OPC<n>`; the PT502 has one output, its siblings more
_END: Final = "\r\n"


def _output(command: Command) -> str:
    index = int_attribute(command, "index", 1, _MAX_OUTPUTS)
    value = command.attributes.get("data")
    if value not in (0, 1, "0", "1") or isinstance(value, bool):
        raise EncodeError("outputControl needs 'data' 0 or 1")
    return f"#OPC{index},{int(value)}"


def _text(command: Command) -> str:
    if command.type == "custom":
        data = custom_text(command)
        if "\r" in data or "\n" in data:
            raise EncodeError("custom command text must be one line")
        return data
    if command.type == "outputControl":
        return _output(command)
    text = _TEXTS.get(command.type)
    if text is None:
        raise UnsupportedCommand(f"pt502 has no command {command.type!r}")
    return text


def encode_command(command: Command, session: Session) -> bytes:
    return ascii_command(_text(command) + _END)
