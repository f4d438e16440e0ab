"""Commands to Navtelecom bytes: an NTCB packet whose body is the device's own command text.

The vendor document lists the NTCB command texts per device family (`*!...` requests answered
with `*@...`); this package does not carry that table, so only ``custom`` is offered: the text
as the operator typed it, addressed to the device id and from the server id of the device's
`*>S` packet (as every NTCB answer is).
"""

from __future__ import annotations

from typing import Final

from fleetwire.errors import UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols._commands import ascii_command, custom_text
from fleetwire.protocols.base import Session

from .constants import MAX_BODY
from .framing import build_ntcb
from .inspect import ADDRESS_KEY

COMMANDS: Final = frozenset({"custom"})
_DEFAULT_ADDRESS: Final = (0, 1)  # the device and server ids of the vendor's examples


def encode_command(command: Command, session: Session) -> bytes:
    if command.type != "custom":
        raise UnsupportedCommand(f"navtelecom has no command {command.type!r}")
    body = ascii_command(custom_text(command), MAX_BODY)
    device, server = session.state.get(ADDRESS_KEY, _DEFAULT_ADDRESS)
    return build_ntcb(device, server, body)
