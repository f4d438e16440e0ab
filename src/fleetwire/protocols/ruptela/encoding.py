"""Commands to Ruptela bytes: command 108 ("SMS via GPRS") carrying an SMS command text.

Owns the command vocabulary -> SMS text table (vendor FM device SMS command list). The device
answers with command 7, which inspect.py marks as a reply and decoding.py turns into a result.
An SMS password configured in the device goes in front of the text (attribute "password").
"""

from __future__ import annotations

from typing import Final

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols._commands import custom_text
from fleetwire.protocols.base import Session

from .constants import MAX_TEXT, ServerCommand
from .framing import server_packet

# "setio X1,X2" sets DOUT1 and DOUT2: 0 low, 1 high, 2 unchanged. Installers wire DOUT1 to the
# engine-block relay, so only DOUT1 moves.
TEXTS: Final[dict[str, str]] = {
    "engineStop": "setio 1,2",
    "engineResume": "setio 0,2",
    "positionSingle": "coords",
}
COMMANDS: Final = frozenset({"custom", *TEXTS})


def _text(command: Command) -> str:
    if command.type == "custom":
        return custom_text(command)
    text = TEXTS.get(command.type)
    if text is None:
        raise UnsupportedCommand(f"ruptela has no command {command.type!r}")
    password = command.attributes.get("password")
    if password is None:
        return text
    if not isinstance(password, str) or not password or " " in password:
        raise EncodeError(f"SMS password must be one word, got {password!r}")
    return f"{password} {text}"


def encode_command(command: Command, session: Session) -> bytes:
    text = _text(command)
    try:
        raw = text.encode("ascii")
    except UnicodeEncodeError as e:
        raise EncodeError(f"command text must be ASCII: {text!r}") from e
    if len(raw) > MAX_TEXT:
        raise EncodeError(f"command text of {len(raw)} bytes exceeds one SMS ({MAX_TEXT})")
    return server_packet(ServerCommand.SMS_VIA_GPRS, raw)
