"""Commands to ATrack bytes: AT$ text commands, one line each.

ATrack units take their configuration and queries as ``AT$<command>=<parameters>`` lines over
the data connection and answer ``$OK`` / ``$ERROR=<code>`` / ``$<COMMAND>=...`` (decoding.py).
Only ``custom`` is offered: the typed commands map to model- and wiring-specific AT$ settings
(which output drives a relay, which report id a periodic report uses), so the text is the
operator's. Knows nothing about when the bytes reach the device.
"""

from __future__ import annotations

from typing import Final

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session

COMMANDS: Final = frozenset({"custom"})
_MAX_TEXT: Final = 1024
_EOL: Final = "\r\n"


def encode_command(command: Command, session: Session) -> bytes:
    if command.type not in COMMANDS:
        raise UnsupportedCommand(f"atrack has no command {command.type!r}")
    data = command.attributes.get("data")
    if not isinstance(data, str) or not data.strip():
        raise EncodeError("custom command needs a non-empty text attribute 'data'")
    text = data.rstrip("\r\n")
    if not text.isascii() or not text.isprintable() or len(text) > _MAX_TEXT:
        raise EncodeError(f"command text {text[:40]!r} is not one short printable ASCII line")
    return (text + _EOL).encode("ascii")
