"""Xirgo commands: exact `+XT:7005` text for the output commands and the operator's own text.

Sources: the syntax `+XT:7005,<OT1>,<X>[,<OT2>,<MN>]` as quoted from the vendor document in a
public Xirgo configuration app (an Objective-C "BodyMessage" builder found by find_string
"+XT:7005"); `+XT:7005,1,1` "Stop/Open" and `+XT:7005,2,1` "Start/Close" in a public PHP fleet
application's SMS buttons (same search); traccar/traccar
src/test/java/org/traccar/protocol/XirgoProtocolEncoderTest.java (output 1 active ->
"+XT:7005,2,1")."""

from __future__ import annotations

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session
from fleetwire.protocols.xirgo import PROTOCOL


def encode(kind: str, **attrs: object) -> bytes:
    return PROTOCOL.encode_command(Command(kind, attrs), Session(unique_id="357207059646786"))


def test_engine_commands_switch_output_1() -> None:
    assert encode("engineStop") == b"+XT:7005,1,1"  # "Stop/Open"
    assert encode("engineResume") == b"+XT:7005,2,1"  # "Start/Close"


def test_output_control() -> None:
    assert encode("outputControl", index=1, data=1) == b"+XT:7005,2,1"  # traccar's test bytes
    assert encode("outputControl", index=1, data="0") == b"+XT:7005,1,1"
    assert encode("outputControl", index=2, data=1) == b"+XT:7005,0,1,2,0"  # OT1 unchanged


def test_custom_text_goes_as_is() -> None:
    # the APN command as a public setup guide quotes it: +XT:1002,[apnu],[apnp],[apn]
    assert encode("custom", data="+XT:1002,,,internet") == b"+XT:1002,,,internet"


def test_commands_we_cannot_send() -> None:
    assert PROTOCOL.commands == {"custom", "engineStop", "engineResume", "outputControl"}
    with pytest.raises(UnsupportedCommand):
        encode("positionSingle")  # its command number is not in any reachable source
    with pytest.raises(EncodeError):
        encode("custom")
    with pytest.raises(EncodeError):
        encode("custom", data="+XT:é")
    with pytest.raises(EncodeError):
        encode("custom", data="+XT:1\n")
    for attrs in ({"index": 3, "data": 1}, {"index": 1, "data": 2}, {"index": 1, "data": True}):
        with pytest.raises(EncodeError):
            encode("outputControl", **attrs)
