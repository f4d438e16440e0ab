"""Navis commands: a custom NTCB text addressed back to the login's device, nothing else."""

from __future__ import annotations

import pytest

from fleetwire.errors import UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session
from fleetwire.protocols.navis import PROTOCOL
from fleetwire.protocols.navtelecom.framing import build_ntcb

from . import vectors as v


def test_custom_goes_back_to_the_login_address() -> None:
    s = Session()
    PROTOCOL.inspect(v.LOGIN, s)
    frame = PROTOCOL.encode_command(Command("custom", {"data": "*?V"}), s)
    assert frame == build_ntcb(123, 1, b"*?V")


def test_commands_we_cannot_send() -> None:
    with pytest.raises(UnsupportedCommand):
        PROTOCOL.encode_command(Command("engineStop"), Session())
