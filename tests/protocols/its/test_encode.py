"""AIS-140 commands: ``custom`` sends the operator's text (the standard's `SET`/`GET`/`CLR`
lines) as typed; anything else is refused."""

from __future__ import annotations

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session
from fleetwire.protocols.its import PROTOCOL


def test_custom_is_sent_as_typed() -> None:
    cmd = Command(type="custom", attributes={"data": "GET VIN"})
    assert PROTOCOL.encode_command(cmd, Session()) == b"GET VIN"


@pytest.mark.parametrize("data", ["", "SET\nX", "é"])
def test_bad_custom_text(data: str) -> None:
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command(type="custom", attributes={"data": data}), Session())


def test_unknown_command() -> None:
    with pytest.raises(UnsupportedCommand):
        PROTOCOL.encode_command(Command(type="engineStop"), Session())
