"""Topin commands: none are offered (the document's downlink could not be read in full)."""

from __future__ import annotations

import pytest

from fleetwire.errors import UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session, Transport
from fleetwire.protocols.topin import PROTOCOL


def test_no_commands() -> None:
    assert PROTOCOL.commands == frozenset()
    for kind in ("custom", "engineStop", "rebootDevice"):
        with pytest.raises(UnsupportedCommand):
            PROTOCOL.encode_command(Command(kind, {"data": "x"}), Session())


def test_protocol_entry() -> None:
    assert PROTOCOL.name == "topin"
    assert PROTOCOL.default_port == 5199  # traccar/traccar setup/default.xml: topin.port
    assert PROTOCOL.transports == {Transport.TCP}
