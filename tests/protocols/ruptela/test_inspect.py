"""Ruptela inspect: the IMEI of every packet, exact replies per command, and the device's error
for every broken envelope."""

from __future__ import annotations

import pytest

from fleetwire.errors import ChecksumError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols.base import Detection, FrameKind, Session, Uplink
from fleetwire.protocols.gt06 import Device as Gt06Device
from fleetwire.protocols.ruptela import PROTOCOL
from fleetwire.protocols.ruptela.framing import build, device_packet
from fleetwire.protocols.teltonika import Device as TeltonikaDevice

from . import vectors as v

IDENTIFICATION_ACK = bytes.fromhex("00027301cb25")  # command 115, value 01, CRC-16/KERMIT
HEARTBEAT_ACK = bytes.fromhex("00027401862d")  # command 116, value 01


@pytest.mark.parametrize(
    ("frame", "imei", "count"),
    [
        (v.EXTENDED_MERGED, "868324023580306", 4),
        (v.EXTENDED_TWO_MERGED, "868324023580306", 8),
        (v.RECORDS_WEST, "863071016796572", 1),
        (v.RECORDS_ONE, "863591024076709", 1),
        (v.RECORDS_TWO, "863591024076709", 2),
        (v.RECORDS_SHORT_IMEI, "012207007303107", 2),  # 14 digits, padded to 15
        (v.RECORDS_NO_IO, "013227001564487", 5),
    ],
)
def test_records_get_the_command_100_ack(frame: bytes, imei: str, count: int) -> None:
    up = PROTOCOL.inspect(frame, Session())
    assert up == Uplink(FrameKind.DATA, unique_id=imei, ack=v.RECORDS_ACK, records=count)


def test_identification_and_heartbeat_replies() -> None:
    up = PROTOCOL.inspect(v.IDENTIFICATION, Session())
    assert up == Uplink(FrameKind.LOGIN, unique_id="868324021101311", ack=IDENTIFICATION_ACK)
    heartbeat = device_packet(868324021101311, 16, b"")
    up = PROTOCOL.inspect(heartbeat, Session())
    assert up == Uplink(FrameKind.HEARTBEAT, unique_id="868324021101311", ack=HEARTBEAT_ACK)


def test_command_answer_is_a_reply_without_ack() -> None:
    up = PROTOCOL.inspect(v.SMS_GETIO_RESPONSE, Session())
    assert (up.kind, up.unique_id, up.ack) == (FrameKind.REPLY, "865733025646027", b"")


def test_trouble_codes_are_acked_with_command_109() -> None:
    up = PROTOCOL.inspect(v.DTCS, Session())
    # the reply the reference server sends for command 9
    assert (up.kind, up.ack, up.records) == (FrameKind.DATA, bytes.fromhex("00026d01c4a4"), 2)


def test_other_commands_are_kept_without_reply() -> None:
    up = PROTOCOL.inspect(device_packet(868324021101311, 37, b"\x02\x01"), Session())
    assert (up.kind, up.ack, up.records) == (FrameKind.OTHER, b"", 0)


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:12].hex())
def test_flipped_crc_is_a_checksum_error(frame: bytes) -> None:
    for i in (-1, -2, 12):
        bad = bytearray(frame)
        bad[i] ^= 0x10
        with pytest.raises(ChecksumError):
            PROTOCOL.inspect(bytes(bad), Session())


def test_broken_envelopes() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.RECORDS_ONE[:-1], Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(v.RECORDS_ONE + b"\x00", Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(v.DTCS_BAD_LENGTH, Session())
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(device_packet(868324021101311, 1, b"\x00"), Session())  # no count
    with pytest.raises(InvalidField):  # 16 digits
        PROTOCOL.inspect(build((10**15).to_bytes(8, "big") + b"\x10"), Session())


def test_detect() -> None:
    assert PROTOCOL.detect(v.RECORDS_ONE) is Detection.YES
    assert PROTOCOL.detect(v.EXTENDED_MERGED[:40]) is Detection.MORE
    assert PROTOCOL.detect(TeltonikaDevice("356307042441013").login()[0]) is Detection.NO
    assert PROTOCOL.detect(Gt06Device("123456789012345").login()[0]) is Detection.NO
