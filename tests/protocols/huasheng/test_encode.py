"""HuaSheng commands: none are offered (no downlink frame was found in any source)."""

from __future__ import annotations

import pytest

from fleetwire.errors import UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session, Transport
from fleetwire.protocols.huasheng import PROTOCOL


def test_no_commands() -> None:
    assert PROTOCOL.commands == frozenset()
    with pytest.raises(UnsupportedCommand):
        PROTOCOL.encode_command(Command("engineStop"), Session())


def test_protocol_entry() -> None:
    assert PROTOCOL.name == "huasheng"
    assert PROTOCOL.default_port == 5111  # traccar/traccar setup/default.xml: huasheng.port
    assert PROTOCOL.transports == {Transport.TCP}
