"""Commands to TAIP units: sentences `>` qualifier, message id, data, `;ID=<unit>;*XX<`.

Trimble's appendix: the Q qualifier queries a message once (`>QPV<` asks for a PV report), and
a unit ignores a sentence whose ID is not its own; the ID is therefore always added when the
session knows it. DCT's Syrus pages show output control as `SSSXP<output><0|1>` (`>SSSXP21<`
sets output 2). ``custom`` sends the operator's sentence body (without `>` and `<`) the same way.
Owns the command vocabulary -> sentence table.
"""

from __future__ import annotations

from typing import Final

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols._commands import custom_text, int_attribute
from fleetwire.protocols.base import Session

from .sentence import with_checksum

_BODIES: Final[dict[str, str]] = {"positionSingle": "QPV"}
COMMANDS: Final = frozenset({"custom", "outputControl", *_BODIES})
_MAX_OUTPUT = 9  # one digit in `SSSXP<n>`
_FORBIDDEN = frozenset("<>\r\n")


def _body(command: Command) -> str:
    if command.type == "custom":
        body = custom_text(command)
        if _FORBIDDEN & set(body) or not body.isascii() or not body.isprintable():
            raise EncodeError("custom TAIP sentence body: printable ASCII without < or >")
        return body
    if command.type == "outputControl":
        index = int_attribute(command, "index", 1, _MAX_OUTPUT)
        value = command.attributes.get("data")
        if value not in (0, 1, "0", "1") or isinstance(value, bool):
            raise EncodeError("outputControl needs 'data' 0 or 1")
        return f"SSSXP{index}{int(value)}"
    if command.type not in _BODIES:
        raise UnsupportedCommand(f"taip has no command {command.type!r}")
    return _BODIES[command.type]


def encode_command(command: Command, session: Session) -> bytes:
    body = _body(command)
    unit = f";ID={session.unique_id}" if session.unique_id else ""
    return with_checksum(f">{body}{unit};")
