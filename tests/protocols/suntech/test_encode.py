"""Suntech commands: exact "<model>CMD;<id>;02;<CMD_ID>\\r" text as in the manuals' examples,
the device's own model prefix, and the errors for commands we cannot send."""

from __future__ import annotations

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session
from fleetwire.protocols.suntech import PROTOCOL

from . import vectors as v


def session(uid: str = "100850000") -> Session:
    return Session(unique_id=uid)


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("rebootDevice", "ST300CMD;100850000;02;Reboot\r"),  # ST310U 7-9
        ("requestInfo", "ST300CMD;100850000;02;StatusReq\r"),  # ST300 7-2
        ("positionSingle", "ST300CMD;100850000;02;StatusReq\r"),
        ("engineStop", "ST300CMD;100850000;02;Enable1\r"),  # ST3330 4-11-5
        ("engineResume", "ST300CMD;100850000;02;Disable1\r"),
    ],
)
def test_command_text(kind: str, text: str) -> None:
    assert PROTOCOL.encode_command(Command(kind), session()) == text.encode()
    assert kind in PROTOCOL.commands


def test_prefix_follows_the_device() -> None:
    s = session("008084783")
    PROTOCOL.inspect(v.ST600_STT, s)
    assert PROTOCOL.encode_command(Command("rebootDevice"), s) == b"ST600CMD;008084783;02;Reboot\r"
    s = session("317652")
    PROTOCOL.inspect(v.SA200_STT, s)
    assert PROTOCOL.encode_command(Command("rebootDevice"), s).startswith(b"SA200CMD;317652;")


def test_custom() -> None:
    cmd = Command("custom", {"data": "ST300CMD;100850000;02;Preset"})  # ST300 7-4
    assert PROTOCOL.encode_command(cmd, session()) == b"ST300CMD;100850000;02;Preset\r"
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command("custom"), session())
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command("custom", {"data": "a\rb"}), session())


def test_commands_we_cannot_send() -> None:
    with pytest.raises(UnsupportedCommand):
        PROTOCOL.encode_command(Command("setTimezone"), session())
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command("rebootDevice"), Session())  # no device id yet
