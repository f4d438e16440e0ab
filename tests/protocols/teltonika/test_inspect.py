"""Teltonika inspect: identity, exact replies and the checks that gate an ACK."""

from __future__ import annotations

import pytest

from fleetwire.errors import ChecksumError, DeviceError, InvalidField, TruncatedFrame
from fleetwire.protocols.base import FrameKind, Session, Transport, Uplink
from fleetwire.protocols.teltonika import PROTOCOL
from fleetwire.protocols.teltonika.framing import wrap_tcp
from tests.protocols.teltonika import vectors as v

TCP = Session()
UDP = Session(transport=Transport.UDP)


def test_imei_login_accept_and_reject_bytes() -> None:
    up = PROTOCOL.inspect(v.IMEI, TCP)
    assert up == Uplink(
        FrameKind.LOGIN, unique_id="356307042441013", ack=b"\x01", reject=b"\x00", records=0
    )


@pytest.mark.parametrize(
    "frame",
    [
        b"\x00\x0f" + b"35630704244101X",  # not digits
        b"\x00\x05" + b"12345",  # not an IMEI length
        v.IMEI + b"7",  # trailing byte
    ],
)
def test_bad_imei_packet(frame: bytes) -> None:
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(frame, TCP)


def test_truncated_imei_packet() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.IMEI[:-1], TCP)


@pytest.mark.parametrize(
    ("frame", "count"),
    [
        (v.C8_EXAMPLE1, 1),
        (v.C8_EXAMPLE2, 1),
        (v.C8_EXAMPLE3, 2),
        (v.C8E_EXAMPLE, 1),
        (v.C16_EXAMPLE, 2),
        (v.TRACCAR_C8E_SOUTH, 2),
        (v.GONIKA_C8E, 2),
    ],
)
def test_data_ack_is_the_record_count(frame: bytes, count: int) -> None:
    up = PROTOCOL.inspect(frame, TCP)
    assert up.kind is FrameKind.DATA
    assert up.records == count
    assert up.ack == count.to_bytes(4, "big")
    assert up.unique_id is None  # a TCP data packet carries no identity
    assert up.store


@pytest.mark.parametrize("frame", v.AVL_FRAMES + v.REPLY_FRAMES, ids=lambda f: f[:12].hex())
def test_any_flipped_crc_byte_is_a_checksum_error(frame: bytes) -> None:
    for i in (-1, -2):
        bad = bytearray(frame)
        bad[i] ^= 0x5A
        with pytest.raises(ChecksumError):
            PROTOCOL.inspect(bytes(bad), TCP)


def test_flipped_data_byte_is_a_checksum_error() -> None:
    bad = bytearray(v.C8_EXAMPLE1)
    bad[30] ^= 0x01
    with pytest.raises(ChecksumError):
        PROTOCOL.inspect(bytes(bad), TCP)


def test_captured_frame_with_wrong_crc() -> None:
    with pytest.raises(ChecksumError):
        PROTOCOL.inspect(v.C13_TRACCAR_BAD_CRC, TCP)


def test_record_counts_must_agree() -> None:
    data = bytearray(v.C8_EXAMPLE3[8:-4])
    data[-1] = 3  # n2 says three records, n1 two: the CRC is right, the packet is not
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(wrap_tcp(bytes(data)), TCP)


def test_declared_length_must_match_frame() -> None:
    with pytest.raises(DeviceError):
        PROTOCOL.inspect(v.C8_EXAMPLE1 + b"\x00", TCP)
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.C8_EXAMPLE1[:-1], TCP)


def test_keepalive_is_a_heartbeat_not_stored() -> None:
    up = PROTOCOL.inspect(b"\xff", TCP)
    assert up == Uplink(FrameKind.HEARTBEAT, store=False)


@pytest.mark.parametrize("frame", v.REPLY_FRAMES, ids=lambda f: f[:12].hex())
def test_command_replies_are_not_acked(frame: bytes) -> None:
    up = PROTOCOL.inspect(frame, TCP)
    assert up.kind is FrameKind.REPLY
    assert up.ack == b""


@pytest.mark.parametrize("frame", [v.C12_GETINFO, v.C14_GETVER])
def test_a_command_coming_up_is_other(frame: bytes) -> None:
    assert PROTOCOL.inspect(frame, TCP).kind is FrameKind.OTHER


def test_unknown_codec_is_other_and_not_acked() -> None:
    up = PROTOCOL.inspect(wrap_tcp(b"\x0f\x01\x00\x01"), TCP)
    assert up.kind is FrameKind.OTHER
    assert up.ack == b""


def test_udp_datagram_reply_echoes_packet_id() -> None:
    up = PROTOCOL.inspect(v.UDP_C8, UDP)
    assert up.kind is FrameKind.DATA
    assert up.unique_id == "352093086403655"
    assert up.records == 1
    assert up.ack == v.UDP_C8_REPLY


def test_udp_length_must_match() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.UDP_C8[:-1], UDP)
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(v.UDP_C8 + b"\x01", UDP)


def test_udp_record_counts_must_agree() -> None:
    bad = v.UDP_C8[:-1] + b"\x02"
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(bad, UDP)
