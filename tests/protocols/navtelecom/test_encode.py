"""Navtelecom commands: a custom text in an NTCB packet addressed as the device's login was
(recipient and sender swapped), and the commands we cannot send."""

from __future__ import annotations

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session, Transport
from fleetwire.protocols.navtelecom import PROTOCOL
from fleetwire.protocols.navtelecom.framing import build_ntcb

from . import vectors as v


def test_custom_goes_back_to_the_login_address() -> None:
    s = Session()
    PROTOCOL.inspect(v.VENDOR_LOGIN, s)
    frame = PROTOCOL.encode_command(Command("custom", {"data": "*?V"}), s)
    # addressed as the vendor's *<S answer: recipient 0, sender 1, length 3
    assert frame[:14] == v.VENDOR_LOGIN_ACK[:14]
    assert frame == build_ntcb(0, 1, b"*?V")
    assert frame[14:16] == bytes(
        (0x2A ^ 0x3F ^ 0x56, 0x40 ^ 0x4E ^ 0x54 ^ 0x43 ^ 0x01 ^ 0x03 ^ 0x43)
    )


def test_commands_we_cannot_send() -> None:
    with pytest.raises(UnsupportedCommand):
        PROTOCOL.encode_command(Command("engineStop"), Session())
    for attrs in ({}, {"data": ""}, {"data": 5}, {"data": "ñ"}):
        with pytest.raises(EncodeError):
            PROTOCOL.encode_command(Command("custom", attrs), Session())


def test_protocol_entry() -> None:
    assert PROTOCOL.name == "navtelecom"
    assert PROTOCOL.default_port == 5221  # Traccar's default port list (PortConfigSuffix)
    assert PROTOCOL.transports == {Transport.TCP}
    assert PROTOCOL.commands == {"custom"}
    assert PROTOCOL.messages and PROTOCOL.devices
