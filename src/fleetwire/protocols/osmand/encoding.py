"""Commands for OsmAnd devices: none can be sent.

The protocol's only downlink is the body of the HTTP response to the device's next request
(Traccar puts a queued command's text there). The contract sends command bytes on their own,
which on an HTTP connection would be an unsolicited response and desynchronise the client's
request/response pairing, so every command is refused until the contract can attach a pending
command to an ACK.
"""

from __future__ import annotations

from typing import Final

from fleetwire.errors import UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session

COMMANDS: Final[frozenset[str]] = frozenset()


def encode_command(command: Command, session: Session) -> bytes:
    raise UnsupportedCommand(
        f"osmand has no downlink for {command.type!r}: commands ride on HTTP responses only"
    )
