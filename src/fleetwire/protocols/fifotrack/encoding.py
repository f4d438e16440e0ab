"""Commands to Fifotrack bytes: `##<pack-len>,<IMEI>,<work-no>,<cmd-code>[,<cmd-para>]*XX\\r\\n`.

Owns the command vocabulary -> Fifotrack command table and the work number kept in the session
("hexadecimal string format, cyclic accumulation from 1 to 0xFFFF"). Only commands whose GPRS
form a vendor document we read gives are here: C01 (retrieve position: "when command is sent
via GPRS, tracker replies normal position data") and C02 (firmware/hardware version, SN, IMEI),
both Q3 command list V1.6; anything else goes as ``custom`` text. We found no document page for
an output-control command, so engineStop/engineResume are not offered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols._commands import ascii_command, custom_text
from fleetwire.protocols.base import Session

from .constants import MAX_FRAME_SIZE, MAX_ID_LENGTH, SERVER_START, WORK_NO_MAX
from .framing import build_frame

_WORK_NO_KEY = "fifotrack.work_no"


def _fixed(text: str) -> Callable[[Command], str]:
    return lambda command: text


BODIES: Final[dict[str, Callable[[Command], str]]] = {
    "custom": custom_text,  # "<cmd-code>[,<cmd-para>]", e.g. "B23,2,1101"
    "positionSingle": _fixed("C01"),
    "requestPosition": _fixed("C01"),
    "requestInfo": _fixed("C02"),
}
COMMANDS: Final = frozenset(BODIES)


def next_work_no(session: Session) -> int:
    """1, 2, ... 0xFFFF per connection, then 1 again."""
    n = int(session.state.get(_WORK_NO_KEY, 0)) % WORK_NO_MAX + 1
    session.state[_WORK_NO_KEY] = n
    return n


def encode_command(command: Command, session: Session) -> bytes:
    body = BODIES.get(command.type)
    if body is None:
        raise UnsupportedCommand(f"fifotrack has no command {command.type!r}")
    ident = session.unique_id
    if not ident or not ident.isascii() or not ident.isalnum() or len(ident) > MAX_ID_LENGTH:
        raise EncodeError(f"fifotrack commands carry the device ID: the session has {ident!r}")
    text = body(command)
    raw = ascii_command(text)
    if b"*" in raw or b"\r" in raw or b"\n" in raw:
        raise EncodeError(f"command text may not hold '*', CR or LF: {text!r}")
    frame = build_frame(SERVER_START, ident, next_work_no(session), raw)
    if len(frame) > MAX_FRAME_SIZE:
        raise EncodeError(f"command of {len(frame)} bytes is too long")
    return frame
