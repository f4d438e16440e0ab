"""GoSafe commands: only ``custom`` (its text verbatim; no source gives the typed commands'
syntax), and the errors for commands we cannot send."""

from __future__ import annotations

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session
from fleetwire.protocols.gosafe import PROTOCOL


def encode(kind: str, **attrs: object) -> bytes:
    return PROTOCOL.encode_command(Command(kind, attrs), Session(unique_id="357330050846344"))


def test_custom_goes_down_verbatim() -> None:
    assert encode("custom", data="any text, 1;2") == b"any text, 1;2"
    assert PROTOCOL.commands == frozenset({"custom"})


def test_commands_we_cannot_send() -> None:
    for kind in ("engineStop", "rebootDevice", "positionPeriodic"):
        with pytest.raises(UnsupportedCommand):
            encode(kind)
    with pytest.raises(EncodeError):
        encode("custom")
    with pytest.raises(EncodeError):
        encode("custom", data="é")
