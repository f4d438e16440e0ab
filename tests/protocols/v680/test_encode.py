"""V680 commands: none could be sourced, so none is offered."""

from __future__ import annotations

from fleetwire.protocols.base import Transport
from fleetwire.protocols.v680 import PROTOCOL
from tests.protocols.contract import assert_refuses_every_command


def test_no_commands() -> None:
    assert_refuses_every_command(PROTOCOL)


def test_protocol_entry() -> None:
    assert (PROTOCOL.name, PROTOCOL.default_port, PROTOCOL.transports) == (
        "v680", 5016, {Transport.TCP})  # fmt: skip
    assert PROTOCOL.messages and PROTOCOL.devices
