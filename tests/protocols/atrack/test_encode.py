"""ATrack commands: a custom AT$ line ended by CR LF, exact bytes; everything else refused."""

from __future__ import annotations

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.atrack import PROTOCOL
from fleetwire.protocols.base import Session


@pytest.mark.parametrize(
    ("data", "wire"),
    [
        ("AT$INFO=?", b"AT$INFO=?\r\n"),  # answered by $INFO=<IMEI>,<model>,... (vectors)
        ('AT$FORM=0,@P,1,"%CI%SA%MV%BV%GQ%AT"', b'AT$FORM=0,@P,1,"%CI%SA%MV%BV%GQ%AT"\r\n'),
        ("AT$REST=1\r\n", b"AT$REST=1\r\n"),  # a line end already given is not doubled
    ],
)
def test_custom_lines(data: str, wire: bytes) -> None:
    assert PROTOCOL.encode_command(Command("custom", {"data": data}), Session()) == wire


def test_commands_we_cannot_send() -> None:
    assert PROTOCOL.commands == frozenset({"custom"})
    with pytest.raises(UnsupportedCommand):
        PROTOCOL.encode_command(Command("engineStop"), Session())
    for data in (None, "", "  ", "AT$X=é", "AT$X=1\nAT$Y=2", "A" * 1025):
        with pytest.raises(EncodeError):
            PROTOCOL.encode_command(Command("custom", {"data": data}), Session())
