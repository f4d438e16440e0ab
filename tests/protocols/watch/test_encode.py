"""Watch commands: exact frames (maker and id echoed from the session), typed and custom
commands, and the errors for commands we cannot send."""

from __future__ import annotations

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session
from fleetwire.protocols.watch import PROTOCOL

from . import vectors as v


def session_of(frame: bytes) -> Session:
    s = Session()
    PROTOCOL.inspect(frame, s)
    return s


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (Command("requestPosition"), b"[3G*9705141740*0002*CR]"),
        (Command("positionSingle"), b"[3G*9705141740*0002*CR]"),
        (Command("positionPeriodic", {"frequency": 600}), b"[3G*9705141740*000A*UPLOAD,600]"),
        (Command("rebootDevice"), b"[3G*9705141740*0005*RESET]"),
        (Command("powerOff"), b"[3G*9705141740*0008*POWEROFF]"),
        (Command("findDevice"), b"[3G*9705141740*0004*FIND]"),
        (
            Command("sosNumber", {"index": 2, "phone": "+4412345"}),
            b"[3G*9705141740*000D*SOS2,+4412345]",
        ),
        (Command("custom", {"data": "hrtstart,300"}), b"[3G*9705141740*000C*hrtstart,300]"),
    ],
)
def test_command_frames(command: Command, expected: bytes) -> None:
    # Beesure examples: [SG*8800000015*0002*CR], [SG*8800000015*000A*UPLOAD,600]
    assert PROTOCOL.encode_command(command, session_of(v.LK_3G)) == expected
    assert command.type in PROTOCOL.commands


def test_document_examples_with_the_sg_maker() -> None:
    s = session_of(v.LK_BARE)
    assert PROTOCOL.encode_command(Command("requestPosition"), s) == b"[SG*8800000015*0002*CR]"
    assert (
        PROTOCOL.encode_command(Command("positionPeriodic", {"frequency": 600}), s)
        == b"[SG*8800000015*000A*UPLOAD,600]"
    )
    # without a frame seen, the registry's id and the SG maker
    s = Session(unique_id="8800000015")
    assert PROTOCOL.encode_command(Command("rebootDevice"), s) == b"[SG*8800000015*0005*RESET]"


def test_commands_we_cannot_send() -> None:
    s = session_of(v.LK_3G)
    with pytest.raises(UnsupportedCommand):
        PROTOCOL.encode_command(Command("engineStop"), s)
    with pytest.raises(UnsupportedCommand):
        PROTOCOL.encode_command(Command("requestPosition"), session_of(v.ZJ_LK))
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command("requestPosition"), Session())
    for bad in (
        Command("custom"), Command("custom", {"data": "a]b"}),
        Command("positionPeriodic", {"frequency": 1}), Command("positionPeriodic"),
        Command("sosNumber", {"index": 4, "phone": "1"}), Command("sosNumber", {"phone": "x"}),
    ):  # fmt: skip
        with pytest.raises(EncodeError):
            PROTOCOL.encode_command(bad, s)


def test_registration_facts() -> None:
    assert (PROTOCOL.name, PROTOCOL.default_port) == ("watch", 5093)
