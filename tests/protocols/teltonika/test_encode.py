"""Teltonika commands: exact Codec 12 bytes, the command set, and the registry entry."""

from __future__ import annotations

import pytest

from fleetwire import protocols
from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session, Transport
from fleetwire.protocols.teltonika import PROTOCOL, Device
from fleetwire.protocols.teltonika.constants import MessageType
from fleetwire.protocols.teltonika.encoding import codec12
from fleetwire.protocols.teltonika.framing import unwrap_tcp
from tests.protocols.teltonika import vectors as v


def test_request_info_is_the_wiki_getinfo_bytes() -> None:
    assert PROTOCOL.encode_command(Command("requestInfo"), Session()) == v.C12_GETINFO


def test_custom_text() -> None:
    cmd = Command("custom", {"data": "getinfo"})
    assert PROTOCOL.encode_command(cmd, Session()) == v.C12_GETINFO


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("engineStop", b"setdigout 1"),
        ("engineResume", b"setdigout 0"),
        ("rebootDevice", b"cpureset"),
        ("requestInfo", b"getinfo"),
    ],
)
def test_fixed_commands(kind: str, text: bytes) -> None:
    frame = PROTOCOL.encode_command(Command(kind), Session())
    start, end = unwrap_tcp(frame)  # checks length and CRC
    assert frame[start:end] == b"\x0c\x01\x05" + len(text).to_bytes(4, "big") + text + b"\x01"


# Texts from the Teltonika "FMB SMS/GPRS command list" (setdigout with '?' for "leave as is",
# setparam <id>:<value> joined by ';', web_connect for FOTA WEB) and the FMB parameter list
# (10050: home network "on moving" minimum period).
TYPED = [
    (Command("outputControl", {"index": 2, "data": 1}), b"setdigout ?1"),
    (Command("outputControl", {"index": 1, "data": 0}), b"setdigout 0"),
    (Command("configuration", {"parameters": {"2004": "my.server.com", "2005": 5027}}),
     b"setparam 2004:my.server.com;2005:5027"),
    (Command("positionPeriodic", {"frequency": 30}), b"setparam 10050:30"),
    (Command("firmwareUpdate"), b"web_connect"),
]  # fmt: skip


@pytest.mark.parametrize(("command", "text"), TYPED)
def test_typed_commands(command: Command, text: bytes) -> None:
    frame = PROTOCOL.encode_command(command, Session())
    assert frame == codec12(text)
    start, end = unwrap_tcp(frame)
    assert frame[start + 7 : end - 1] == text


@pytest.mark.parametrize(
    "command",
    [
        Command("outputControl", {"index": 5, "data": 1}),
        Command("outputControl", {"index": 1}),
        Command("configuration", {"parameters": {}}),
        Command("configuration", {"parameters": {"x1": 1}}),
        Command("configuration", {"parameters": {"1000": "1;cpureset"}}),
        Command("positionPeriodic", {"frequency": "30"}),
    ],
)
def test_typed_commands_refuse_bad_attributes(command: Command) -> None:
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(command, Session())


def test_command_set_is_what_encode_accepts() -> None:
    assert PROTOCOL.commands == {
        "custom", "engineStop", "engineResume", "outputControl", "requestInfo",
        "rebootDevice", "configuration", "positionPeriodic", "firmwareUpdate",
    }  # fmt: skip
    examples = {c.type: c for c, _ in TYPED} | {"custom": Command("custom", {"data": "getver"})}
    for kind in PROTOCOL.commands:
        cmd = examples.get(kind, Command(kind))
        PROTOCOL.encode_command(cmd, Session(transport=Transport.TCP))


def test_unknown_command() -> None:
    with pytest.raises(UnsupportedCommand):
        PROTOCOL.encode_command(Command("alarmArm"), Session())


@pytest.mark.parametrize("attributes", [{}, {"data": ""}, {"data": 5}, {"data": "getinfo é"}])
def test_custom_needs_ascii_text(attributes: dict[str, object]) -> None:
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command("custom", attributes), Session())


def test_a_simulated_response_reads_back() -> None:
    frame = codec12(v.C12_RESPONSE_TEXT.encode(), MessageType.RESPONSE)
    assert frame == v.C12_RESPONSE


def test_registry_entry() -> None:
    assert protocols.get("teltonika") is PROTOCOL
    assert protocols.device_class("teltonika") is Device
    assert PROTOCOL.name == "teltonika"
    assert PROTOCOL.default_port == 5027
    assert PROTOCOL.transports == {Transport.TCP, Transport.UDP}
    assert PROTOCOL.max_frame_size >= 65536
