"""Commands to watch frames: `[<maker>*<id>*<len>*<command>]`, framed like the watch's own
messages (maker and id from the session).

Owns the command vocabulary -> keyword table of the vendor document (CR locate now,
UPLOAD,<seconds> reporting interval, RESET, POWEROFF, SOS<n>,<number>, FIND). The watch echoes
the keyword; inspect.py and decoding.py recognise the echo.
"""

from __future__ import annotations

import re
from typing import Final

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session

from .constants import INDEXED_MAKER, MAX_CONTENT
from .framing import build
from .inspect import SESSION_ID, SESSION_MAKER

TEXTS: Final[dict[str, str]] = {
    "requestPosition": "CR",
    "positionSingle": "CR",
    "rebootDevice": "RESET",
    "powerOff": "POWEROFF",
    "findDevice": "FIND",
}
COMMANDS: Final = frozenset({"custom", "positionPeriodic", "sosNumber", *TEXTS})
_DEFAULT_MAKER: Final = "SG"
_PHONE: Final = re.compile(r"\+?\d{1,20}")
_TEXT: Final = re.compile(r"[\x20-\x5a\x5c\x5e-\x7e]+")  # printable, no '[' or ']'
_MIN_INTERVAL: Final = 10  # seconds; the document's examples use 60-600


def _content(command: Command) -> str:
    a = command.attributes
    if command.type == "custom":
        data = a.get("data")
        if not isinstance(data, str) or not _TEXT.fullmatch(data):
            raise EncodeError("custom command needs printable 'data' without '[' or ']'")
        return data
    if command.type == "positionPeriodic":
        seconds = a.get("frequency")
        if not isinstance(seconds, int) or isinstance(seconds, bool) or seconds < _MIN_INTERVAL:
            raise EncodeError(f"positionPeriodic needs 'frequency' >= {_MIN_INTERVAL} seconds")
        return f"UPLOAD,{seconds}"
    if command.type == "sosNumber":
        index, phone = a.get("index", 1), a.get("phone")
        if index not in (1, 2, 3) or not isinstance(phone, str) or not _PHONE.fullmatch(phone):
            raise EncodeError("sosNumber needs 'index' 1-3 and a 'phone' number")
        return f"SOS{index},{phone}"
    text = TEXTS.get(command.type)
    if text is None:
        raise UnsupportedCommand(f"watch has no command {command.type!r}")
    return text


def encode_command(command: Command, session: Session) -> bytes:
    device_id = session.state.get(SESSION_ID) or session.unique_id
    if not device_id:
        raise EncodeError("a watch command needs the id the watch sends (none seen yet)")
    maker = session.state.get(SESSION_MAKER, _DEFAULT_MAKER)
    if maker == INDEXED_MAKER.decode():
        raise UnsupportedCommand("commands to ZJ-format watches are not documented")
    content = _content(command)
    if len(content) > MAX_CONTENT:
        raise EncodeError("command too long")
    return build(maker, device_id, content)
