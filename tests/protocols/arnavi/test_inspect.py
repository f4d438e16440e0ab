"""ARNAVI inspect: the IMEI of a HEADER and its exact answer (HEADER2's with the receive time),
`7B 00 <parcel number> 7D` for every package, no answer to a command result, and the device's
error for every broken envelope."""

from __future__ import annotations

import pytest

from fleetwire.errors import FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols.arnavi import PROTOCOL
from fleetwire.protocols.arnavi.framing import build_header, build_package, build_packet
from fleetwire.protocols.arnavi.inspect import VERSION_KEY
from fleetwire.protocols.base import Detection, FrameKind, Session, Uplink
from fleetwire.protocols.gt06 import Device as Gt06Device
from fleetwire.protocols.teltonika import Device as TeltonikaDevice

from . import vectors as v

IMEI = "861785007918323"  # 0x00030FC9F5450CF3, little-endian in the HEADER


def test_header_answer() -> None:
    session = Session()
    up = PROTOCOL.inspect(v.HEADER_V1, session)
    assert up == Uplink(FrameKind.LOGIN, unique_id=IMEI, ack=bytes.fromhex("7b00007d"))
    assert session.state[VERSION_KEY] == 0x22


def test_header2_answer_carries_the_receive_time() -> None:
    # 2023-11-14T22:13:20Z = 1700000000 = 0x6553F100: LE 00 F1 53 65, byte sum 0x1A9 -> A9
    session = Session(received_us=1_700_000_000_654_321)
    up = PROTOCOL.inspect(v.HEADER_V2, session)
    assert up == Uplink(FrameKind.LOGIN, unique_id=IMEI, ack=bytes.fromhex("7b0400a900f153657d"))
    assert session.state[VERSION_KEY] == 0x23
    assert PROTOCOL.inspect(v.HEADER_V2, Session()).ack == bytes.fromhex("7b040000000000007d")


@pytest.mark.parametrize(
    ("frame", "kind", "count"),
    [
        (v.ONE_RECORD, FrameKind.DATA, 1),
        (v.TWO_RECORDS, FrameKind.DATA, 2),
        (v.TEXT, FrameKind.OTHER, 0),
        (v.TWO_TEXTS, FrameKind.OTHER, 0),
        (v.BINARY, FrameKind.OTHER, 0),
        (v.TWO_BINARIES, FrameKind.OTHER, 0),
    ],
)
def test_every_package_is_confirmed_with_its_parcel_number(
    frame: bytes, kind: FrameKind, count: int
) -> None:
    up = PROTOCOL.inspect(frame, Session())
    assert up == Uplink(kind, ack=bytes.fromhex("7b00017d"), records=count)


def test_parcel_numbers_and_empty_packages() -> None:
    frame = build_package(0xFB, build_packet(1, 1_600_000_000, b"\x03\x00\x00\x00\x00"))
    assert PROTOCOL.inspect(frame, Session()).ack == bytes.fromhex("7b00fb7d")
    up = PROTOCOL.inspect(bytes.fromhex("5b2a5d"), Session())
    assert up == Uplink(FrameKind.HEARTBEAT, ack=bytes.fromhex("7b002a7d"))


def test_command_result_gets_no_answer() -> None:
    assert PROTOCOL.inspect(v.COMMAND_RESULT, Session()) == Uplink(FrameKind.REPLY)


def test_broken_envelopes() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.HEADER_V1[:-1], Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(v.HEADER_V1 + b"\x00", Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b"\xff\x24" + v.HEADER_V1[2:], Session())  # unknown version
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(build_header(0), Session())
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.ONE_RECORD[:-1], Session())
    with pytest.raises(TruncatedFrame):  # a packet longer than its package
        PROTOCOL.inspect(v.ONE_RECORD[:-3] + b"\x5d", Session())
    with pytest.raises(TruncatedFrame):  # a packet head cut short
        PROTOCOL.inspect(v.ONE_RECORD[:-1] + b"\x01\x00\x5d", Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(bytes.fromhex("5bfd00005d"), Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(bytes.fromhex("7b00017d"), Session())


def test_detect() -> None:
    assert PROTOCOL.detect(v.HEADER_V2) is Detection.YES
    assert PROTOCOL.detect(v.HEADER_V2[:4]) is Detection.MORE
    assert PROTOCOL.detect(v.ONE_RECORD) is Detection.NO  # no identity in a package
    assert PROTOCOL.detect(TeltonikaDevice("356307042441013").login()[0]) is Detection.NO
    assert PROTOCOL.detect(Gt06Device("356307042441013").login()[0]) is Detection.NO


def test_text_report_is_identified_and_receipted() -> None:
    """A V2-V4 line of the text protocol names its device and is answered RCPTOK; V3DI, V6SD
    and V3GSMINFO lines are answered too but carry no record (lines: Traccar's
    ArnaviTextProtocolDecoderTest)."""
    from fleetwire.protocols.arnavi.inspect import inspect

    report = b"$AV,V2,32768,12487,2277,203,-1,0,0,193,0,0,1,13,200741,5950.6773N,03029.1043E,0.0,0.0,121012,*6E\r\n"  # noqa: E501
    up = inspect(report, Session())
    assert (up.kind, up.unique_id, up.ack, up.records) == (
        FrameKind.DATA, "32768", b"RCPTOK\r\n", 1,
    )  # fmt: skip
    info = inspect(b"$AV,V6SD,85164,20708,-1,3,6,37,33,*52\r\n", Session())
    assert (info.kind, info.unique_id, info.ack, info.records) == (
        FrameKind.OTHER, "85164", b"RCPTOK\r\n", 0,
    )  # fmt: skip
