"""Aplicom commands: none can be sent (encoding.py says why); every one is our refusal."""

from __future__ import annotations

from fleetwire.protocols.aplicom import PROTOCOL
from tests.protocols.contract import assert_refuses_every_command


def test_every_command_is_refused() -> None:
    assert_refuses_every_command(PROTOCOL)
