"""Commands to WondeX units: `$WP+<COMMAND>=<password>[,<parameters>]` CR LF (VT10/VT300
protocol documents). The password is the command's ``password`` attribute or the factory
`0000`. Owns the command vocabulary -> command word table."""

from __future__ import annotations

import re
from typing import Final

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols._commands import custom_text
from fleetwire.protocols.base import Session

from .constants import DEFAULT_PASSWORD

_WORDS: Final[dict[str, str]] = {
    "positionSingle": "GETLOCATION",
    "rebootDevice": "REBOOT",
    "getVersion": "VER",
}
COMMANDS: Final = frozenset({"custom", *_WORDS})
_PASSWORD = re.compile(r"\d{4}")


def _password(command: Command) -> str:
    password = command.attributes.get("password", DEFAULT_PASSWORD)
    if not isinstance(password, str) or _PASSWORD.fullmatch(password) is None:
        raise EncodeError("password must be 4 digits")
    return password


def encode_command(command: Command, session: Session) -> bytes:
    if command.type == "custom":
        text = custom_text(command)
        if not text.isascii() or not text.isprintable():
            raise EncodeError("custom command text must be one printable ASCII line")
    elif command.type in _WORDS:
        text = f"$WP+{_WORDS[command.type]}={_password(command)}"
    else:
        raise UnsupportedCommand(f"wondex has no command {command.type!r}")
    return text.encode("ascii") + b"\r\n"
