"""Startek commands: exact `$$` bytes (the checksum cross-checked by a reference sum), typed
and custom commands, and the errors for commands we cannot send."""

from __future__ import annotations

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session
from fleetwire.protocols.startek import PROTOCOL

from . import vectors as v

S = Session(unique_id="123456789012345")


def expected(content: str, imei: str = "123456789012345") -> bytes:
    body = f",{imei},{content}"
    head = f"$$:{len(body)}{body}".encode()
    return head + v.checksum_reference(head).encode() + b"\r\n"


def test_engine_stop_matches_the_traccar_encoder_test() -> None:
    assert PROTOCOL.encode_command(Command("engineStop"), S) == v.ENGINE_STOP
    assert expected("900,1,1") == v.ENGINE_STOP


@pytest.mark.parametrize(
    ("command", "content"),
    [
        (Command("engineResume"), "900,1,0"),
        (Command("requestPosition"), "000"),
        (Command("positionSingle"), "000"),
        (Command("outputControl", {"index": 2, "data": "1"}), "900,2,1"),
        (Command("custom", {"data": "129,10"}), "129,10"),
    ],
)
def test_command_bytes(command: Command, content: str) -> None:
    assert PROTOCOL.encode_command(command, S) == expected(content)
    assert command.type in PROTOCOL.commands


def test_commands_we_cannot_send() -> None:
    with pytest.raises(UnsupportedCommand):
        PROTOCOL.encode_command(Command("rebootDevice"), S)
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command("engineStop"), Session())  # IMEI unknown
    for bad in ({}, {"data": "hello"}, {"data": "12,3"}, {"data": "129,\r\n"}):
        with pytest.raises(EncodeError):
            PROTOCOL.encode_command(Command("custom", bad), S)
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command("outputControl", {"index": 0, "data": 1}), S)
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command("outputControl", {"index": 1, "data": 5}), S)
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command("custom", {"data": "129," + "x" * 1100}), S)


def test_registration_facts() -> None:
    assert (PROTOCOL.name, PROTOCOL.default_port) == ("startek", 5222)
