"""Fifotrack commands: exact bytes, the command table, the work number, and the errors for
commands we cannot send."""

from __future__ import annotations

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session
from fleetwire.protocols.fifotrack import PROTOCOL
from fleetwire.protocols.fifotrack.framing import build_frame, checksum

from . import vectors as v

IMEI = "123456789012345"


def session() -> Session:
    return Session(unique_id=IMEI)


def test_downlink_format_against_traccars_request() -> None:
    # Same envelope as traccar's D05 request byte for byte, except the checksum: the vendor
    # documents give the XOR of pack-len..cmd-para, which is 75 here (traccar sends a sum, 9F).
    got = PROTOCOL.encode_command(Command("custom", {"data": "D05,3"}), session())
    assert got == b"##24,123456789012345,1,D05,3*75\r\n"
    assert got[:-4] == v.TRACCAR_ENC_D05[:-4]
    assert got == v.frame(b"##", IMEI, "1", b"D05,3").replace(b"$$", b"##")


def test_checksum_agrees_with_the_reference() -> None:
    for f in v.VALID:
        assert checksum(f[2:-5]) == v.xor8(f[2:-5])


@pytest.mark.parametrize(
    ("kind", "attrs", "body"),
    [
        ("positionSingle", {}, b"C01"),  # Q3 command list V1.6, C01
        ("requestPosition", {}, b"C01"),
        ("requestInfo", {}, b"C02"),  # Q3 command list V1.6, C02
        ("custom", {"data": "B23,2,1101"}, b"B23,2,1101"),  # Q3 command list V1.6, B23 example
    ],
)
def test_command_bytes(kind: str, attrs: dict[str, object], body: bytes) -> None:
    got = PROTOCOL.encode_command(Command(kind, attrs), session())
    assert got == v.frame(b"##", IMEI, "1", body)
    assert kind in PROTOCOL.commands


def test_request_position_exact_bytes() -> None:
    got = PROTOCOL.encode_command(Command("requestPosition"), session())
    assert got == b"##22,123456789012345,1,C01*6F\r\n"


def test_work_number_counts_in_hex_and_wraps() -> None:
    s = session()
    nos = [PROTOCOL.encode_command(Command("requestInfo"), s).split(b",")[2] for _ in range(11)]
    assert nos[:3] == [b"1", b"2", b"3"] and nos[9:] == [b"A", b"B"]
    s.state["fifotrack.work_no"] = 0xFFFF
    assert PROTOCOL.encode_command(Command("requestInfo"), s).split(b",")[2] == b"1"
    assert build_frame(b"##", IMEI, 0xFFFF, b"C02").split(b",")[2] == b"FFFF"


def test_commands_we_cannot_send() -> None:
    for kind in ("engineStop", "engineResume", "rebootDevice"):
        with pytest.raises(UnsupportedCommand):
            PROTOCOL.encode_command(Command(kind), session())
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command("requestInfo"), Session())  # no ID yet
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command("custom"), session())
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command("custom", {"data": "B23*5"}), session())
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command("custom", {"data": "Relé"}), session())
