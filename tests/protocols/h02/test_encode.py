"""H02 commands: exact text for each typed command (vendor document and traccar
H02ProtocolEncoderTest strings), the time field, the maker echo, and the errors."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session
from fleetwire.protocols.h02 import PROTOCOL

from . import vectors as v

IMEI = "123456789012345"
T = {"time": "010203"}  # the time traccar's encoder test uses


def encode(kind: str, uid: str = IMEI, **attrs: object) -> bytes:
    return PROTOCOL.encode_command(Command(kind, attrs), Session(unique_id=uid))


def test_vendor_document_engine_examples() -> None:
    assert encode("engineStop", "0000000000", time="130305") == v.DOC_ENGINE_STOP
    assert encode("engineResume", "0000000000", time="130305") == v.DOC_ENGINE_RESUME


@pytest.mark.parametrize(
    ("kind", "attrs", "expected"),
    [
        # traccar H02ProtocolEncoderTest
        ("alarmArm", T, b"*HQ,123456789012345,SCF,010203,0,0#"),
        ("alarmDisarm", T, b"*HQ,123456789012345,SCF,010203,1,1#"),
        ("engineStop", T, b"*HQ,123456789012345,S20,010203,1,1#"),
        ("engineResume", T, b"*HQ,123456789012345,S20,010203,1,0#"),
        ("positionPeriodic", {**T, "frequency": 10}, b"*HQ,123456789012345,S71,010203,22,10#"),
        # vendor document: CR (upload one position), CQ (reboot), no time field
        ("positionSingle", {}, b"*HQ,123456789012345,CR#"),
        ("rebootDevice", {}, b"*HQ,123456789012345,CQ#"),
    ],
)
def test_command_bytes(kind: str, attrs: dict[str, object], expected: bytes) -> None:
    assert encode(kind, **attrs) == expected
    assert kind in PROTOCOL.commands


def test_time_from_a_datetime_or_a_per_session_sequence() -> None:
    at = datetime(2026, 11, 26, 13, 3, 5, tzinfo=UTC)
    assert encode("engineStop", time=at) == b"*HQ,123456789012345,S20,130305,1,1#"
    s = Session(unique_id=IMEI)
    got = [PROTOCOL.encode_command(Command("engineStop"), s) for _ in range(2)]
    assert got == [b"*HQ,123456789012345,S20,000001,1,1#", b"*HQ,123456789012345,S20,000002,1,1#"]


def test_maker_code_follows_the_device() -> None:
    s = Session(unique_id="2020916012")
    PROTOCOL.inspect(v.V1_SHORT_ID_MAKER_TH, s)
    cmd = Command("engineStop", {"time": "130305"})
    assert PROTOCOL.encode_command(cmd, s) == b"*TH,2020916012,S20,130305,1,1#"


def test_custom() -> None:
    assert encode("custom", data="NXT,10") == b"*HQ,123456789012345,NXT,10#"
    assert encode("custom", data="*HQ,1,CQ#") == b"*HQ,1,CQ#"  # a whole line goes as is


def test_commands_we_cannot_send() -> None:
    with pytest.raises(UnsupportedCommand):
        encode("setTimezone")
    with pytest.raises(EncodeError):
        encode("custom")
    with pytest.raises(EncodeError):
        encode("custom", data="é")
    with pytest.raises(EncodeError):
        encode("positionPeriodic", frequency="10")
    with pytest.raises(EncodeError):
        encode("engineStop", time="1:02")
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command("engineStop"), Session())  # no device id yet
