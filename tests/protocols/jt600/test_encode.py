"""JT600 commands: the exact text of each, from traccar Jt600ProtocolEncoderTest."""

from __future__ import annotations

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session, Transport
from fleetwire.protocols.jt600 import PROTOCOL


def encode(kind: str, **attrs: object) -> bytes:
    return PROTOCOL.encode_command(Command(kind, attrs), Session())


def test_command_text() -> None:
    assert encode("engineStop") == b"(S07,0)"
    assert encode("engineResume") == b"(S07,1)"
    assert encode("rebootDevice") == b"(S17)"
    assert encode("setTimezone", timezone=240) == b"(S09,1,240)"  # GMT+4
    assert encode("setTimezone", timezone=-300) == b"(S09,0,300)"
    assert encode("custom", data="(S08,1)") == b"(S08,1)"


def test_commands_we_cannot_send() -> None:
    with pytest.raises(UnsupportedCommand):
        encode("positionPeriodic", frequency=60)
    for attrs in ({}, {"timezone": "GMT+4"}, {"timezone": 900}, {"timezone": True}):
        with pytest.raises(EncodeError):
            encode("setTimezone", **attrs)
    for data in ("", "coördinates", "a\r\nb", 5):
        with pytest.raises(EncodeError):
            encode("custom", data=data)


def test_protocol_entry() -> None:
    assert PROTOCOL.name == "jt600"
    assert PROTOCOL.default_port == 5014  # traccar/traccar setup/default.xml: jt600.port
    assert PROTOCOL.transports == {Transport.TCP}
    assert PROTOCOL.commands == {"custom", "engineStop", "engineResume", "rebootDevice",
                                 "setTimezone"}  # fmt: skip
