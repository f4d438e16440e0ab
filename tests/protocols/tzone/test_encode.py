"""TZONE commands: the exact `@UTC,...#` clock command and `@ACK` form of "TT18-4G-M TCP Data
Protocol v1.2" section 1, custom text sent unchanged, and the command set."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session, Transport
from fleetwire.protocols.tzone import PROTOCOL
from fleetwire.protocols.tzone.inspect import ack_for


def test_set_time_is_the_document_example() -> None:
    cmd = Command("setTime", {"time": datetime(2021, 11, 24, 2, 56, 43, tzinfo=UTC)})
    assert PROTOCOL.encode_command(cmd, Session()) == b"@UTC,2021-11-24 02:56:43#"
    local = datetime(2021, 11, 24, 10, 56, 43, tzinfo=timezone(timedelta(hours=8)))
    cmd = Command("setTime", {"time": local})
    assert PROTOCOL.encode_command(cmd, Session()) == b"@UTC,2021-11-24 02:56:43#"


def test_ack_is_the_document_example() -> None:
    assert ack_for(35) == b"@ACK,0035#"


def test_custom_text_goes_unchanged() -> None:
    cmd = Command("custom", {"data": "@ACK,0035#"})
    assert PROTOCOL.encode_command(cmd, Session()) == b"@ACK,0035#"


def test_command_set() -> None:
    assert PROTOCOL.commands == {"custom", "setTime"}


def test_commands_we_cannot_send() -> None:
    with pytest.raises(UnsupportedCommand):
        PROTOCOL.encode_command(Command("engineStop"), Session())
    for attrs in ({}, {"data": ""}, {"data": 5}, {"data": "coördinates"}, {"data": "x" * 513}):
        with pytest.raises(EncodeError):
            PROTOCOL.encode_command(Command("custom", attrs), Session())
    for t in (None, "2021-11-24", datetime(2021, 11, 24)):
        with pytest.raises(EncodeError):
            PROTOCOL.encode_command(Command("setTime", {"time": t}), Session())


def test_protocol_entry() -> None:
    assert PROTOCOL.name == "tzone"
    assert PROTOCOL.default_port == 5029  # traccar setup/default.xml, tzone.port
    assert PROTOCOL.transports == {Transport.TCP}
    assert PROTOCOL.messages and PROTOCOL.devices
