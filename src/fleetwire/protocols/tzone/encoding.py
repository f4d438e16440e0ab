"""Commands to TZONE bytes: the documented text commands sent as they are over the connection.

"TT18-4G-M TCP Data Protocol v1.2", section 1: the server sets the device clock with
`@UTC,yyyy-MM-dd HH:mm:ss#` (UTC). ``custom`` sends the operator's text unchanged (the
`@...#` commands of the device's command list). The devices do not answer with a frame of
their own, so no command waits for an answer.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Final

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols._commands import ascii_command, custom_text
from fleetwire.protocols.base import Session

from .constants import MAX_TEXT


def _set_time(command: Command) -> str:
    """``attributes["time"]``: an aware datetime (the caller's clock, not ours)."""
    t = command.attributes.get("time")
    if not isinstance(t, datetime) or t.tzinfo is None:
        raise EncodeError("setTime needs an aware datetime attribute 'time'")
    return f"@UTC,{t.astimezone(UTC):%Y-%m-%d %H:%M:%S}#"


TEXTS: Final[dict[str, Callable[[Command], str]]] = {"custom": custom_text, "setTime": _set_time}
COMMANDS: Final = frozenset(TEXTS)


def encode_command(command: Command, session: Session) -> bytes:
    text_of = TEXTS.get(command.type)
    if text_of is None:
        raise UnsupportedCommand(f"tzone has no command {command.type!r}")
    return ascii_command(text_of(command), MAX_TEXT)
