"""EGTS commands: ``custom`` as EGTS_RAW_DATA and ``rebootDevice`` as EGTS_RESTART in a
commands-service COMMAND_DATA record, numbered on the connection's counters, byte for byte."""

from __future__ import annotations

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import FrameKind, Session, Transport
from fleetwire.protocols.egts import PROTOCOL
from fleetwire.protocols.egts.framing import open_packet
from fleetwire.protocols.egts.records import service_records

from .test_inspect import packet


def command_record(rn: int, cid: int, code: int, data: bytes) -> bytes:
    # CT_COM (5) << 4, CID, SID 0, flags 0, ADR 0, SZ/ACT 0, CCD, DT
    cd = bytes((0x50,)) + cid.to_bytes(4, "little") + bytes(4) + b"\x00" + bytes(3)
    cd += code.to_bytes(2, "little") + data
    sub = bytes((51,)) + len(cd).to_bytes(2, "little") + cd
    return len(sub).to_bytes(2, "little") + rn.to_bytes(2, "little") + b"\x40\x04\x04" + sub


def test_custom_and_reboot_bytes() -> None:
    session = Session()
    got = PROTOCOL.encode_command(Command("custom", {"data": "SETPARAM 1"}), session)
    assert got == packet(0, 1, command_record(0, 0, 0x0000, b"SETPARAM 1"))
    got = PROTOCOL.encode_command(Command("rebootDevice"), session)
    assert got == packet(1, 1, command_record(1, 1, 0x0008, b""))
    [rec] = service_records(open_packet(got))
    assert (rec.sst, rec.subrecords[0][0]) == (4, 51)


def test_commands_share_the_counters_with_replies() -> None:
    session = Session()
    from . import vectors as v

    PROTOCOL.inspect(v.TERM_IDENTITY, session)  # PIDs 0, 1 and records 0, 1 used
    got = PROTOCOL.encode_command(Command("rebootDevice"), session)
    assert got == packet(2, 1, command_record(2, 0, 0x0008, b""))


def test_the_terminals_answer_is_a_reply() -> None:
    answer = bytes((0x10,)) + (0).to_bytes(4, "little") + bytes(4) + b"\x00" + bytes(3)
    answer += (8).to_bytes(2, "little")
    sub = bytes((51,)) + len(answer).to_bytes(2, "little") + answer
    body = len(sub).to_bytes(2, "little") + b"\x05\x00\x80\x04\x04" + sub
    up = PROTOCOL.inspect(packet(9, 1, body), Session(unique_id="864495034643376"))
    assert up.kind is FrameKind.REPLY


def test_command_set() -> None:
    assert PROTOCOL.commands == {"custom", "rebootDevice"}
    assert PROTOCOL.answers_commands is False


def test_commands_we_cannot_send() -> None:
    for kind in ("engineStop", "positionPeriodic"):
        with pytest.raises(UnsupportedCommand):
            PROTOCOL.encode_command(Command(kind), Session())
    for attrs in ({}, {"data": ""}, {"data": 5}, {"data": "ÿ"}, {"data": "x" * 2000}):
        with pytest.raises(EncodeError):
            PROTOCOL.encode_command(Command("custom", attrs), Session())


def test_protocol_entry() -> None:
    assert PROTOCOL.name == "egts"
    assert PROTOCOL.default_port == 5162  # Traccar's egts.port
    assert PROTOCOL.transports == {Transport.TCP}
    assert PROTOCOL.messages and PROTOCOL.devices
