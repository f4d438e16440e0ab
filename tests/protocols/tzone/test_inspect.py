"""TZONE inspect: the IMEI of every frame, the exact `@ACK,<index>#` reply ("TT18-4G-M TCP
Data Protocol v1.2", section 1), and the device's error for every broken envelope."""

from __future__ import annotations

import pytest

from fleetwire.errors import ChecksumError, InvalidField, TruncatedFrame
from fleetwire.protocols.base import Detection, FrameKind, Session, Uplink
from fleetwire.protocols.gt06 import Device as Gt06Device
from fleetwire.protocols.teltonika import Device as TeltonikaDevice
from fleetwire.protocols.tzone import PROTOCOL
from fleetwire.protocols.tzone.framing import build

from . import vectors as v


@pytest.mark.parametrize(
    ("frame", "imei", "ack"),
    [
        (v.TT18, "866104027003428", b"@ACK,0010#"),  # the document's BCD example IMEI
        (v.TT11, "866104026177801", b"@ACK,0010#"),
        (v.TT18_4G, "180323000005098", b"@ACK,0043#"),  # index 0x002B
        (v.LOGGER_4G_NO_GPS, "180321000000315", b"@ACK,0001#"),
        (v.AVL_0111, "861693036269314", b"@ACK,0058#"),
        (v.AVL_0153_SG, "863835025666855", b"@ACK,0694#"),  # index 0x02B6
        (v.AVL_010B_SHENZHEN, "866104020375435", b"@ACK,0242#"),
        (v.AVL_010A[2], "863771022548129", b"@ACK,0122#"),
    ],
)
def test_data_gets_the_ack_with_its_index_in_decimal(frame: bytes, imei: str, ack: bytes) -> None:
    up = PROTOCOL.inspect(frame, Session())
    assert up == Uplink(FrameKind.DATA, unique_id=imei, ack=ack, records=1)


def test_ack_of_a_five_digit_index() -> None:
    frame = build(0x2424, 0x010B, bytes(4), "866104020375435", bytes(6) + bytes(6), 0xFFFF)
    assert PROTOCOL.inspect(frame, Session()).ack == b"@ACK,65535#"


def test_other_protocol_numbers_are_kept_without_reply() -> None:
    frame = build(0x2323, 0x010B, bytes(4), "866104020375435", bytes(6), 1)
    up = PROTOCOL.inspect(frame, Session())
    assert (up.kind, up.unique_id, up.ack) == (FrameKind.OTHER, "866104020375435", b"")


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[4:20].hex())
def test_flipped_crc_or_content_is_a_checksum_error(frame: bytes) -> None:
    for i in (-3, -4, 5, 30):
        bad = bytearray(frame)
        bad[i] ^= 0x10
        with pytest.raises(ChecksumError):
            PROTOCOL.inspect(bytes(bad), Session())


def test_broken_envelopes() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.TT18[:-1], Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(v.TT18 + b"\x00", Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(v.TT18[:-1] + b"\x0b", Session())  # tail not 0d0a
    with pytest.raises(InvalidField):  # IMEI nibble over 9
        PROTOCOL.inspect(build(0x2424, 0x0403, bytes(4), "a" * 16, bytes(12), 1), Session())


def test_detect() -> None:
    assert PROTOCOL.detect(v.AVL_0111) is Detection.YES
    assert PROTOCOL.detect(v.AVL_0111[:40]) is Detection.MORE
    assert PROTOCOL.detect(TeltonikaDevice("356307042441013").login()[0]) is Detection.NO
    assert PROTOCOL.detect(Gt06Device("123456789012345").login()[0]) is Detection.NO
