"""MiniFinder text commands: ``custom`` sends the operator's text as it is; anything else, or
text that is not printable ASCII, is refused."""

from __future__ import annotations

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session
from fleetwire.protocols.minifinder import PROTOCOL
from fleetwire.protocols.minifinder2 import PROTOCOL as BINARY
from tests.protocols.minifinder2 import vectors as binary


def test_custom_is_sent_as_typed() -> None:
    cmd = Command(type="custom", attributes={"data": "L+2"})
    assert PROTOCOL.encode_command(cmd, Session()) == b"L+2"


@pytest.mark.parametrize("data", ["", "a\nb", "é"])
def test_bad_custom_text(data: str) -> None:
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command(type="custom", attributes={"data": data}), Session())


def test_unknown_command() -> None:
    with pytest.raises(UnsupportedCommand):
        PROTOCOL.encode_command(Command(type="engineStop"), Session())


def test_a_binary_connection_gets_minifinder2_commands() -> None:
    """A binary unit still on this name's port: after its first frame, commands are binary."""
    session, reference = Session(), Session()
    PROTOCOL.inspect(binary.HEARTBEAT, session)
    cmd = Command(type="custom", attributes={"data": "04061f0074657374"})
    sent = PROTOCOL.encode_command(cmd, session)
    assert sent == BINARY.encode_command(cmd, reference)
    assert sent[0] == 0xAB
