"""IntelliTrac commands: ``custom`` only, as one line."""

from __future__ import annotations

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session, Transport
from fleetwire.protocols.intellitrac import PROTOCOL


def test_custom_is_one_line() -> None:
    cmd = Command("custom", {"data": "$ST+OUTC=0000,1,1"})
    assert PROTOCOL.encode_command(cmd, Session()) == b"$ST+OUTC=0000,1,1\r\n"


def test_refused() -> None:
    with pytest.raises(UnsupportedCommand):
        PROTOCOL.encode_command(Command("engineStop"), Session())
    for data in ("", "a\r\nb", "é", 3):
        with pytest.raises(EncodeError):
            PROTOCOL.encode_command(Command("custom", {"data": data}), Session())


def test_protocol_entry() -> None:
    assert PROTOCOL.name == "intellitrac"
    assert PROTOCOL.default_port == 5037  # traccar/traccar setup/default.xml: intellitrac.port
    assert PROTOCOL.transports == {Transport.TCP}
    assert PROTOCOL.commands == {"custom"}
