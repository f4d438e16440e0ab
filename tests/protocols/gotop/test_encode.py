"""GoTop commands: ``custom`` sent as typed; nothing else."""

from __future__ import annotations

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session
from fleetwire.protocols.gotop import PROTOCOL


def test_custom_is_sent_as_typed() -> None:
    cmd = Command(type="custom", attributes={"data": "RELAY,1"})
    assert PROTOCOL.encode_command(cmd, Session()) == b"RELAY,1"


def test_refusals() -> None:
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command(type="custom", attributes={"data": ""}), Session())
    with pytest.raises(UnsupportedCommand):
        PROTOCOL.encode_command(Command(type="engineStop"), Session())
