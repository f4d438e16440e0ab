"""MiniFinder inspect: the IMEI of data and services messages, the exact response (type 7F,
key 00, same sequence id) when the ACK flag asks for it, and the device's error for every broken
envelope."""

from __future__ import annotations

import pytest

from fleetwire.errors import ChecksumError, InvalidField, TruncatedFrame
from fleetwire.protocols.base import Detection, FrameKind, Session, Uplink
from fleetwire.protocols.minifinder2 import PROTOCOL
from fleetwire.protocols.minifinder2.framing import build, record
from fleetwire.protocols.minifinder2.inspect import ack

from . import vectors as v


def test_the_ack_is_the_devices_own_response_shape() -> None:
    # the device answers a server message of sequence 0 with exactly these bytes (RESPONSE)
    assert ack(0) == v.RESPONSE == bytes.fromhex("ab00030008c700007f0100")


@pytest.mark.parametrize(
    ("frame", "imei", "ack_hex", "count"),
    [
        (v.GPS_SWEDEN, "862771076878340", "ab00030008c728007f0100", 1),  # sequence 0x0028
        (v.GPS_SHENZHEN, "867730053403279", "ab00030008c700007f0100", 1),
        (v.ALARM_SOS, "862221087780481", "ab00030008c708017f0100", 1),  # 0x0108
        (v.ALARM_BIT31, "863921039983476", "ab00030008c714007f0100", 2),
        (v.COUNTER, "863921039996080", "ab00030008c71e007f0100", 1),
        (v.NO_GPS, "862311067867117", "ab00030008c7dd017f0100", 1),
        (v.PROPERTIES_18, "868832047021362", "ab00030008c702017f0100", 1),
        (v.MANY_GPS, "865068040000128", "ab00030008c71a0c7f0100", 29),
    ],
)
def test_data_gets_the_response_with_its_sequence(
    frame: bytes, imei: str, ack_hex: str, count: int
) -> None:
    up = PROTOCOL.inspect(frame, Session())
    assert up == Uplink(FrameKind.DATA, unique_id=imei, ack=bytes.fromhex(ack_hex), records=count)


def test_services_are_heartbeats_with_identity() -> None:
    up = PROTOCOL.inspect(v.HEARTBEAT, Session())
    assert up == Uplink(
        FrameKind.HEARTBEAT,
        unique_id="355465071029306",
        ack=bytes.fromhex("ab00030008c732007f0100"),
    )
    up = PROTOCOL.inspect(v.SERVICES_12, Session())
    assert (up.kind, up.unique_id, up.ack) == (
        FrameKind.HEARTBEAT,
        "863922034473745",
        bytes.fromhex("ab00030008c701007f0100"),
    )


def test_answers_without_ack_flag_get_no_reply() -> None:
    for frame in (v.RESPONSE, v.SYSTEM_CONTROL):
        up = PROTOCOL.inspect(frame, Session())
        assert (up.kind, up.unique_id, up.ack) == (FrameKind.REPLY, None, b"")


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:8].hex())
def test_flipped_crc_or_body_is_a_checksum_error(frame: bytes) -> None:
    for i in (4, 5, -1):
        bad = bytearray(frame)
        bad[i] ^= 0x10
        with pytest.raises(ChecksumError):
            PROTOCOL.inspect(bytes(bad), Session())


def test_broken_envelopes() -> None:
    with pytest.raises(ChecksumError):
        PROTOCOL.inspect(v.EDITED_BAD_CRC, Session())
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.HEARTBEAT[:-1], Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(v.HEARTBEAT + b"\x00", Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b"\xac" + v.HEARTBEAT[1:], Session())
    with pytest.raises(InvalidField):  # IMEI of 14 digits
        PROTOCOL.inspect(build(0x10, 1, b"\x01" + record(1, b"12345678901234")), Session())
    with pytest.raises(InvalidField):  # a key record of length 0
        PROTOCOL.inspect(build(0x10, 1, b"\x01\x00"), Session())
    with pytest.raises(TruncatedFrame):  # a key record running past the body
        PROTOCOL.inspect(build(0x10, 1, b"\x01\x09\x24\x00"), Session())


def test_other_message_types_are_kept() -> None:
    up = PROTOCOL.inspect(build(0, 5, b"\x02\x02\x30\x01"), Session())
    assert (up.kind, up.ack, up.records) == (FrameKind.REPLY, b"", 0)


def test_detect() -> None:
    assert PROTOCOL.detect(v.GPS_SWEDEN) is Detection.YES
    assert PROTOCOL.detect(v.MANY_GPS[:40]) is Detection.MORE
    assert PROTOCOL.detect(v.RESPONSE) is Detection.NO  # no identity
    assert PROTOCOL.detect(b"$$garbage") is Detection.NO
