"""Eelink commands: the instruction package (0x80: type 01, server flag, text) with exact bytes,
its sequence per session, and the command set (V2.0 RELAY / RESET / WHERE commands)."""

from __future__ import annotations

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session, Transport
from fleetwire.protocols.eelink import PROTOCOL
from fleetwire.protocols.eelink.encoding import instruction

from . import vectors as v


def test_engine_stop_exact_bytes() -> None:
    frame = PROTOCOL.encode_command(Command("engineStop"), Session())
    # 67 67 | 80 | size 000F (sequence 2 + type 1 + flag 4 + text 8) | sequence 0001 | 01 | flag
    assert frame == bytes.fromhex("6767 80 000f 0001 01 00000000".replace(" ", "")) + b"RELAY,1#"


def test_same_layout_as_a_captured_answer() -> None:
    # the device answers with the same layout: pid 80, sequence, type 01, the flag, text
    text = v.ANSWER_WEST[12:]
    assert instruction(text, 0x0000) == v.ANSWER_WEST


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("engineStop", b"RELAY,1#"),
        ("engineResume", b"RELAY,0#"),
        ("rebootDevice", b"RESET#"),
        ("positionSingle", b"WHERE#"),
    ],
)
def test_typed_commands(kind: str, text: bytes) -> None:
    assert PROTOCOL.encode_command(Command(kind), Session()) == instruction(text, 1)


def test_sequence_counts_per_session() -> None:
    s = Session()
    frames = [PROTOCOL.encode_command(Command("custom", {"data": "STATUS#"}), s) for _ in range(3)]
    assert frames == [instruction(b"STATUS#", n) for n in (1, 2, 3)]


def test_commands_we_cannot_send() -> None:
    assert PROTOCOL.commands == {
        "custom", "engineStop", "engineResume", "rebootDevice", "positionSingle",
    }  # fmt: skip
    with pytest.raises(UnsupportedCommand):
        PROTOCOL.encode_command(Command("alarmArm"), Session())
    for attrs in ({}, {"data": ""}, {"data": 1}, {"data": "RELÉ,1#"}, {"data": "x" * 513}):
        with pytest.raises(EncodeError):
            PROTOCOL.encode_command(Command("custom", attrs), Session())


def test_protocol_entry() -> None:
    assert (PROTOCOL.name, PROTOCOL.default_port) == ("eelink", 5064)
    assert PROTOCOL.transports == {Transport.TCP, Transport.UDP}
    assert PROTOCOL.messages and PROTOCOL.devices
