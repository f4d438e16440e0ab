"""Galileosky inspect: the IMEI of head tags, the confirmation (02 + the packet's checksum) for
every packet, kinds and record counts, and the device's error for broken envelopes."""

from __future__ import annotations

import pytest

from fleetwire.errors import ChecksumError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols.base import Detection, FrameKind, Session, Uplink
from fleetwire.protocols.galileo import PROTOCOL
from fleetwire.protocols.galileo.framing import build
from fleetwire.protocols.galileo.inspect import DEVICE_ID_KEY
from fleetwire.protocols.gt06 import Device as Gt06Device
from fleetwire.protocols.teltonika import Device as TeltonikaDevice

from . import vectors as v


def test_head_packet_identifies_and_is_confirmed() -> None:
    session = Session()
    up = PROTOCOL.inspect(v.HEAD_PACKET, session)
    # the vendor's confirmation: 02 and the checksum bytes as received (here 80 1C)
    assert up == Uplink(FrameKind.LOGIN, unique_id="863591028960247", ack=bytes.fromhex("02801c"))
    assert session.state[DEVICE_ID_KEY] == 0x32


@pytest.mark.parametrize(
    ("frame", "imei", "count"),
    [
        (v.MULTI_TAG_HEAD, "868345032042426", 1),
        (v.FIVE_RECORDS, "868345032066573", 5),
        (v.ELEVEN_RECORDS, "868204001269934", 11),
        (v.FIFTEEN_RECORDS, None, 15),
        (v.THREE_RECORDS_NO_IMEI, None, 3),
        (v.TEN_RECORDS_USER_DATA, None, 10),
    ],
)
def test_data_packets(frame: bytes, imei: str | None, count: int) -> None:
    up = PROTOCOL.inspect(frame, Session())
    assert up == Uplink(FrameKind.DATA, unique_id=imei, ack=b"\x02" + frame[-2:], records=count)


def test_replies_and_photos() -> None:
    up = PROTOCOL.inspect(v.REPLY_OUT, Session())
    assert (up.kind, up.unique_id, up.ack) == (FrameKind.REPLY, "863591023517372", b"\x02\xbb\x29")
    up = PROTOCOL.inspect(v.PHOTO, Session())
    assert (up.kind, up.unique_id, up.ack) == (FrameKind.OTHER, None, b"\x02\xd4\xba")


def test_unknown_tag_is_still_confirmed() -> None:
    # the checksum is right, so the packet is kept and confirmed even if it cannot be walked
    up = PROTOCOL.inspect(build(1, b"\x20\x01\x02\x03\x04\x31\x00"), Session())
    assert (up.kind, up.records, up.ack[0]) == (FrameKind.DATA, 1, 2)
    up = PROTOCOL.inspect(build(1, b"\x31\x00"), Session())
    assert (up.kind, up.records, up.ack[0]) == (FrameKind.OTHER, 0, 2)
    short_imei = build(1, b"\x03" + b"8635910" + b"\x20\x00\x00\x00\x00")
    with pytest.raises(TruncatedFrame):  # but the head tags must be readable
        PROTOCOL.inspect(short_imei, Session())


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:8].hex())
def test_flipped_checksum_is_a_checksum_error(frame: bytes) -> None:
    for i in (-1, -2, 5):
        bad = bytearray(frame)
        bad[i] ^= 0x04
        with pytest.raises(ChecksumError):
            PROTOCOL.inspect(bytes(bad), Session())


def test_broken_envelopes() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.HEAD_PACKET[:-1], Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(v.HEAD_PACKET + b"\x00", Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"\x05" + v.HEAD_PACKET[1:], Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(build(1, b"\x03" + b"86359102896024X"), Session())


def test_detect() -> None:
    assert PROTOCOL.detect(v.HEAD_PACKET + v.MULTI_TAG_HEAD) is Detection.YES
    assert PROTOCOL.detect(v.MULTI_TAG_HEAD[:100]) is Detection.MORE
    assert PROTOCOL.detect(TeltonikaDevice("356307042441013").login()[0]) is Detection.NO
    assert PROTOCOL.detect(Gt06Device("123456789012345").login()[0]) is Detection.NO
