"""Commands to Startek bytes: `$$<index><length>,<imei>,<command>,<parameters><checksum>`.

Owns the command vocabulary -> command code table. The IMEI comes from the session (every
frame the device sends carries it). The device's answer (`&&…,<code>,OK`) is recognised by
inspect.py and decoded by decoding.py.
"""

from __future__ import annotations

import re
from typing import Final

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session

from .constants import COMMAND_INDEX, DOWNLINK_START, ENGINE_OUTPUT, MAX_DATA_LENGTH
from .framing import build

# engineStop/engineResume drive output 1, the relay output of the vehicle models
CONTENTS: Final[dict[str, str]] = {
    "engineStop": f"{ENGINE_OUTPUT},1,1",
    "engineResume": f"{ENGINE_OUTPUT},1,0",
    "positionSingle": "000",
    "requestPosition": "000",
}
COMMANDS: Final = frozenset({"custom", "outputControl", *CONTENTS})
_CUSTOM: Final = re.compile(r"\d{3}(?:,[\x20-\x7e]*)?")  # code, then printable parameters


def _content(command: Command) -> str:
    a = command.attributes
    if command.type == "custom":
        data = a.get("data")
        if not isinstance(data, str) or not _CUSTOM.fullmatch(data):
            raise EncodeError("custom command needs 'data' like '<3-digit code>,<parameters>'")
        return data
    if command.type == "outputControl":
        index, value = a.get("index"), a.get("data")
        if not isinstance(index, int) or isinstance(index, bool) or not 1 <= index <= 9:
            raise EncodeError("outputControl needs an integer 'index' 1-9")
        if value not in ("0", "1", 0, 1):
            raise EncodeError("outputControl needs 'data' 0 or 1")
        return f"{ENGINE_OUTPUT},{index},{int(value)}"
    content = CONTENTS.get(command.type)
    if content is None:
        raise UnsupportedCommand(f"startek has no command {command.type!r}")
    return content


def encode_command(command: Command, session: Session) -> bytes:
    if not session.unique_id:
        raise EncodeError("a Startek command needs the device IMEI (session.unique_id)")
    content = _content(command)
    if len(content) + len(session.unique_id) + 2 > MAX_DATA_LENGTH:
        raise EncodeError("command too long")
    return build(DOWNLINK_START, COMMAND_INDEX, session.unique_id, content)
