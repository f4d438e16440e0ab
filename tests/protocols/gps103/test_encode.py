"""GPS103 commands: exact `**,imei:` text for each typed command (traccar
Gps103ProtocolEncoderTest strings where it has them, shared/protocols.md section 5 letters
otherwise) and the errors for commands we cannot send."""

from __future__ import annotations

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session
from fleetwire.protocols.gps103 import PROTOCOL
from fleetwire.protocols.gps103.encoding import interval

IMEI = "123456789012345"


def encode(kind: str, **attrs: object) -> bytes:
    return PROTOCOL.encode_command(Command(kind, attrs), Session(unique_id=IMEI))


def test_traccar_encoder_test_strings() -> None:
    assert encode("positionPeriodic", frequency=300) == b"**,imei:123456789012345,C,05m"
    assert encode("custom", data="H,080") == b"**,imei:123456789012345,H,080"


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        ("positionSingle", "B"),
        ("engineStop", "J"),
        ("engineResume", "K"),
        ("alarmArm", "L"),
        ("alarmDisarm", "M"),
        ("requestPhoto", "160"),
    ],
)
def test_command_letters(kind: str, code: str) -> None:
    assert encode(kind) == f"**,imei:{IMEI},{code}".encode()
    assert kind in PROTOCOL.commands


def test_interval_format() -> None:
    assert [interval(s) for s in (30, 59, 60, 300, 3599, 3600, 7200)] == [
        "30s", "59s", "01m", "05m", "59m", "01h", "02h",
    ]  # fmt: skip


def test_commands_we_cannot_send() -> None:
    with pytest.raises(UnsupportedCommand):
        encode("positionStop")  # the sources disagree on its letter
    with pytest.raises(EncodeError):
        encode("custom")
    with pytest.raises(EncodeError):
        encode("custom", data="é")
    with pytest.raises(EncodeError):
        encode("positionPeriodic", frequency=0)
    with pytest.raises(EncodeError):
        encode("positionPeriodic", frequency=True)
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command("engineStop"), Session())
