"""Commands to Laipac units: NMEA-style sentences with the unit's password, `*XX` and CR LF.

`$AVREQ,<password>,1` asks for the current location (the device-side implementation answers it
with an `$AVRMC`); the password is the command's ``password`` attribute or the factory
`00000000`. ``custom`` sends the operator's sentence (from `$`, without `*XX`), checksummed.
Owns the command vocabulary.
"""

from __future__ import annotations

import re
from typing import Final

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols._commands import custom_text
from fleetwire.protocols.base import Session

from .constants import DEFAULT_PASSWORD
from .framing import sentence

COMMANDS: Final = frozenset({"custom", "positionSingle"})
_PASSWORD = re.compile(r"[0-9A-Za-z]{1,16}")
_CUSTOM = re.compile(r"\$[\x20-\x23\x25-\x29\x2b-\x7e]+")  # printable, no second '$', no '*'


def encode_command(command: Command, session: Session) -> bytes:
    if command.type == "custom":
        text = custom_text(command)
        if _CUSTOM.fullmatch(text) is None:
            raise EncodeError("custom Laipac sentence: `$...`, printable ASCII without `*`")
        return sentence(text)
    if command.type == "positionSingle":
        password = command.attributes.get("password", DEFAULT_PASSWORD)
        if not isinstance(password, str) or _PASSWORD.fullmatch(password) is None:
            raise EncodeError("password must be 1-16 letters or digits")
        return sentence(f"$AVREQ,{password},1")
    raise UnsupportedCommand(f"laipac has no command {command.type!r}")
