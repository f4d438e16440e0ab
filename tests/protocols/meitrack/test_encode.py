"""Meitrack commands: exact bytes of the vendor's examples, the command table, the flag counter,
and the errors for commands we cannot send."""

from __future__ import annotations

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session
from fleetwire.protocols.meitrack import PROTOCOL
from fleetwire.protocols.meitrack.framing import build_frame, checksum

from . import vectors as v

IMEI = "353358017784062"


def session() -> Session:
    return Session(unique_id=IMEI)


@pytest.mark.parametrize(
    ("flag", "body", "expected"),
    [
        ("S", b"A11,10", v.DOC_A11),
        ("V", b"A12,6", v.DOC_A12),
        ("X", b"A13,120", v.DOC_A13),
        ("W", b"A73,2", v.DOC_A73),
        ("M", b"C01,20,10122", v.DOC_C01),
        ("Q", b"A10", v.DOC_A10),
    ],
)
def test_frames_match_the_vendor_examples(flag: str, body: bytes, expected: bytes) -> None:
    assert build_frame(b"@@", flag, IMEI, body) == expected
    assert v.frame(b"@@", flag, IMEI, body) == expected


def test_the_vendor_c02_example_is_one_character_off() -> None:
    # T622 3.33: "@@f47,...,C02,0,15360853789,Meitrack*B1" has 48 characters after the "f" and
    # the sum of a 47-character text: a typo in the document, not a second length rule.
    built = build_frame(b"@@", "f", IMEI, b"C02,0,15360853789,Meitrack")
    assert built[:5] == b"@@f48" and built != v.DOC_C02


def test_checksum_agrees_with_the_reference() -> None:
    for f in v.VALID:
        assert checksum(f[:-4]) == v.sum8(f[:-4])


@pytest.mark.parametrize(
    ("kind", "attrs", "body"),
    [
        ("engineStop", {}, b"C01,0,12222"),
        ("engineResume", {}, b"C01,0,02222"),
        ("positionSingle", {}, b"A10"),
        ("requestPosition", {}, b"A10"),
        ("requestInfo", {}, b"E91"),
        ("positionPeriodic", {"frequency": 60}, b"A12,6"),
        ("positionPeriodic", {"frequency": 65}, b"A12,7"),  # rounded up
        ("positionPeriodic", {"frequency": 0}, b"A12,0"),  # off
        ("custom", {"data": "A11,10"}, b"A11,10"),
    ],
)
def test_command_bytes(kind: str, attrs: dict[str, object], body: bytes) -> None:
    assert PROTOCOL.encode_command(Command(kind, attrs), session()) == v.frame(
        b"@@", "A", IMEI, body
    )
    assert kind in PROTOCOL.commands


def test_engine_stop_exact_bytes() -> None:
    got = PROTOCOL.encode_command(Command("engineStop"), session())
    assert got == b"@@A33,353358017784062,C01,0,12222*DC\r\n"


def test_flags_rotate_per_session() -> None:
    s = session()
    flags = [PROTOCOL.encode_command(Command("requestPosition"), s)[2:3] for _ in range(54)]
    assert flags[:3] == [b"A", b"B", b"C"]
    assert flags[25:28] == [b"Z", b"a", b"b"]
    assert flags[52:] == [b"A", b"B"]


def test_commands_we_cannot_send() -> None:
    with pytest.raises(UnsupportedCommand):
        PROTOCOL.encode_command(Command("rebootDevice"), session())
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command("engineStop"), Session())  # no IMEI yet
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command("custom"), session())
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command("custom", {"data": "A11*5"}), session())
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command("custom", {"data": "Relé"}), session())
    for bad in (-1, "60", None, True, 655351):
        with pytest.raises(EncodeError):
            PROTOCOL.encode_command(Command("positionPeriodic", {"frequency": bad}), session())
