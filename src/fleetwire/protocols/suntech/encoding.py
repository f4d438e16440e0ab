"""Commands to Suntech "<model>CMD;<device id>;02;<command>" text, closed with "\r".

Owns the command vocabulary -> CMD_ID table (ST300/340 manual chapter 7, ST310U 7-9, ST3330
4-11-5: StatusReq, Reboot, Enable1, Disable1). The model prefix is the one the device used in
its own reports on this connection (ST300 when none was seen); the device id is the session's.
The answers ("<model>CMD;Res;<id>;…") are recognised by inspect.py.
"""

from __future__ import annotations

import re
from typing import Final

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session

from .constants import DEFAULT_PREFIX
from .inspect import PREFIX_KEY

PROTOCOL_VERSION: Final = "02"
CMD_IDS: Final[dict[str, str]] = {
    "engineStop": "Enable1",  # output 1 active: the immobiliser relay
    "engineResume": "Disable1",
    "rebootDevice": "Reboot",
    "requestInfo": "StatusReq",
    "positionSingle": "StatusReq",
}
COMMANDS: Final = frozenset({"custom", *CMD_IDS})
_TEXT = re.compile(r"[\x20-\x7e]+")


def encode_command(command: Command, session: Session) -> bytes:
    if command.type == "custom":
        data = command.attributes.get("data")
        if not isinstance(data, str) or not _TEXT.fullmatch(data):
            raise EncodeError("custom command needs printable ASCII attribute 'data'")
        return data.encode("ascii") + b"\r"
    cmd_id = CMD_IDS.get(command.type)
    if cmd_id is None:
        raise UnsupportedCommand(f"suntech has no command {command.type!r}")
    if not session.unique_id:
        raise EncodeError("the device id is not known on this connection yet")
    prefix = session.state.get(PREFIX_KEY, DEFAULT_PREFIX)
    return f"{prefix}CMD;{session.unique_id};{PROTOCOL_VERSION};{cmd_id}\r".encode("ascii")
