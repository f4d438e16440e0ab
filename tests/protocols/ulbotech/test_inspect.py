"""Ulbotech inspect: the IMEI of every frame, the exact acknowledgements (checked against a
bit-by-bit CRC-16/XMODEM), and the device's error for every broken envelope."""

from __future__ import annotations

import pytest

from fleetwire.errors import ChecksumError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols.base import Detection, FrameKind, Session, Uplink
from fleetwire.protocols.gosafe import Device as GoSafeDevice
from fleetwire.protocols.gt06 import Device as Gt06Device
from fleetwire.protocols.ulbotech import PROTOCOL
from fleetwire.protocols.ulbotech.framing import build_binary

from . import vectors as v


def xmodem_reference(data: bytes) -> int:
    """CRC-16/XMODEM bit by bit (check("123456789") = 0x31C3), independent of crcmod."""
    crc = 0
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021 if crc & 0x8000 else crc << 1) & 0xFFFF
    return crc


def test_reference_crc_and_the_captured_checksums() -> None:
    assert xmodem_reference(b"123456789") == 0x31C3
    assert xmodem_reference(bytes.fromhex(v.PARKED.hex()[2:-6])) == 0xC3CA  # CRC field c3ca


@pytest.mark.parametrize(
    ("frame", "imei", "ack"),
    [
        (v.OBD_GOLD_COAST, "353323083177450", "f801fee56bbc6df8"),
        (v.ESCAPED_F8, "868323028799515", "f801fef4432945f8"),
        (v.PARKED, "359658041946544", "f801fee38fab61f8"),
        (v.ESCAPED_F7, "867965023064633", "f801feb57980a1f8"),
        # the CRC of the reply itself holds an F8, sent escaped
        (v.HARSH, "865328026266048", "f801fe167af70feff8"),
    ],
)
def test_data_frames_get_the_binary_ack(frame: bytes, imei: str, ack: str) -> None:
    up = PROTOCOL.inspect(frame, Session())
    assert up == Uplink(FrameKind.DATA, unique_id=imei, ack=bytes.fromhex(ack), records=1)
    crc = xmodem_reference(frame)  # over the whole frame as received, flags included
    reply = b"\x01\xfe" + crc.to_bytes(2, "big")
    content = reply + xmodem_reference(reply).to_bytes(2, "big")
    wire = content.replace(b"\xf7", b"\xf7\x00").replace(b"\xf8", b"\xf7\x0f")
    assert bytes.fromhex(ack) == b"\xf8" + wire + b"\xf8"


@pytest.mark.parametrize("frame", v.BINARY, ids=lambda f: f[:16].hex())
def test_every_binary_frame_identifies_and_is_acked(frame: bytes) -> None:
    up = PROTOCOL.inspect(frame, Session())
    assert up.kind is FrameKind.DATA and up.records == 1
    assert up.unique_id is not None and len(up.unique_id) == 15
    assert up.ack == build_binary(b"\x01\xfe" + xmodem_reference(frame).to_bytes(2, "big"))


def test_text_frames() -> None:
    up = PROTOCOL.inspect(v.HELLO, Session())
    assert up == Uplink(FrameKind.HEARTBEAT, unique_id="353323081464660", ack=b"*TS01,ACK:F8B9#")
    assert xmodem_reference(v.HELLO) == 0xF8B9
    up = PROTOCOL.inspect(v.HELLO_2, Session())
    assert (up.unique_id, up.ack) == ("354043051389460", b"*TS01,ACK:47E2#")
    up = PROTOCOL.inspect(v.ANSWER_WFE, Session())
    assert up == Uplink(
        FrameKind.REPLY, unique_id="868323025245751", ack=b"*TS01,ACK:71E7#", records=1
    )
    assert xmodem_reference(v.ANSWER_WFE) == 0x71E7
    data = b"*TS01,868323025245751,134955140317,GPS:3;N1.330617;E103.877951;0;0;2.03#"
    assert PROTOCOL.inspect(data, Session()).kind is FrameKind.DATA


def test_other_frame_types_are_kept_without_reply() -> None:
    server_ack = build_binary(b"\x01\xfe\x12\x34")
    assert PROTOCOL.inspect(server_ack, Session()) == Uplink(FrameKind.OTHER)


@pytest.mark.parametrize("frame", v.BINARY, ids=lambda f: f[:16].hex())
def test_flipped_crc_is_a_checksum_error(frame: bytes) -> None:
    for i in (-2, -3, 20):
        bad = bytearray(frame)
        bad[i] ^= 0x01
        if 0xF8 in bad[1:-1] or bad[i] in (0xF7, 0xF8) or bad[i - 1] == 0xF7:
            continue
        with pytest.raises(ChecksumError):
            PROTOCOL.inspect(bytes(bad), Session())


def test_broken_envelopes() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.CUT, Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(v.PARKED + v.PARKED, Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"", Session())
    with pytest.raises(InvalidField):  # version 2
        PROTOCOL.inspect(build_binary(b"\x02\x01" + bytes(12)), Session())
    with pytest.raises(TruncatedFrame):  # a data frame without its time
        PROTOCOL.inspect(build_binary(b"\x01\x01" + bytes(8)), Session())
    with pytest.raises(InvalidField):  # IMEI not BCD
        PROTOCOL.inspect(build_binary(b"\x01\x01" + b"\x0a" * 8 + bytes(4)), Session())
    for text in (b"*TS01,12#", b"*TS02,353323081464660#", b"*TS01,353323081464660,1349#"):
        with pytest.raises(InvalidField):
            PROTOCOL.inspect(text, Session())
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.HELLO[:-1], Session())


def test_detect() -> None:
    assert PROTOCOL.detect(v.PARKED) is Detection.YES
    assert PROTOCOL.detect(v.HELLO) is Detection.YES
    assert PROTOCOL.detect(v.OBD_GOLD_COAST[:40]) is Detection.MORE
    assert PROTOCOL.detect(GoSafeDevice("356307042441013").heartbeat()[0]) is Detection.NO
    assert PROTOCOL.detect(Gt06Device("123456789012345").login()[0]) is Detection.NO
