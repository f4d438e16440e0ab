"""KHD commands: the exact frames of traccar KhdProtocolEncoderTest, and the pseudo-IP the
unit itself sent when the session has one."""

from __future__ import annotations

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session, Transport
from fleetwire.protocols.khd import PROTOCOL

from . import vectors as v


def test_encoder_test_frames() -> None:
    session = Session(unique_id="123456789012345")
    assert PROTOCOL.encode_command(Command("engineStop"), session) == v.ENGINE_STOP
    assert PROTOCOL.encode_command(Command("positionSingle"), session) == v.POSITION_SINGLE
    resume = PROTOCOL.encode_command(Command("engineResume"), session)
    assert resume[2] == 0x38 and resume[5:9] == v.ENGINE_STOP[5:9]


def test_the_units_own_pseudo_ip() -> None:
    session = Session()
    PROTOCOL.inspect(v.ALARM, session)
    frame = PROTOCOL.encode_command(Command("engineStop"), session)
    assert frame[5:9] == bytes.fromhex("0aa2cc39")


def test_refused() -> None:
    with pytest.raises(UnsupportedCommand):
        PROTOCOL.encode_command(Command("rebootDevice"), Session(unique_id="1"))
    for data in ("x", "", "3", 7):
        with pytest.raises(EncodeError):
            PROTOCOL.encode_command(Command("custom", {"data": data}), Session(unique_id="1"))
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command("engineStop"), Session())


def test_protocol_entry() -> None:
    assert PROTOCOL.name == "khd"
    assert PROTOCOL.default_port == 5058  # traccar/traccar setup/default.xml: khd.port
    assert PROTOCOL.transports == {Transport.TCP}
    assert PROTOCOL.commands == {"custom", "engineStop", "engineResume", "positionSingle"}


def test_custom_is_wrapped() -> None:
    session = Session(unique_id="123456789012345")
    cmd = Command("custom", {"data": "39"})
    assert PROTOCOL.encode_command(cmd, session) == v.ENGINE_STOP
