"""EGTS framing: real packets through the shared framer in every shape, resync past garbage
and false starts (the header CRC-8 decides), and the size cap."""

from __future__ import annotations

import pytest

from fleetwire.errors import FrameTooLarge
from fleetwire.protocols._binary import crc8_egts
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.egts import PROTOCOL
from fleetwire.protocols.egts.framing import build_packet, frame_length
from tests.protocols.contract import assert_framing, assert_prefixes_need_more_or_fail, framer

from . import vectors as v

SHORT = [f for f in v.VALID if len(f) < 200]


def test_session_of_real_packets_glued() -> None:
    assert_framing(PROTOCOL, SHORT)


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:12].hex())
def test_every_packet_whole(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]


@pytest.mark.parametrize("frame", SHORT, ids=lambda f: f[:12].hex())
def test_every_prefix_waits_or_fails(frame: bytes) -> None:
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"", NEED_MORE),
        (b"\x01", NEED_MORE),
        (b"\x01\x00\x00", NEED_MORE),
        (b"\x01\x00\x00\x0b\x00\x03\x00\x6c\x43", NEED_MORE),  # header not whole yet
        (b"\x02\x00", -1),  # not protocol version 1
        (b"\x01\x00\x00\x0c", -1),  # HL neither 11 nor 16
        (b"\x01\x00\x40\x0b", -1),  # the prefix bits are not 00
        (bytes.fromhex("0100000b0003006c430004"), 16),  # a real header: 11 + 3 + CRC-16
        (bytes.fromhex("0100000b0003006c430005"), -1),  # its CRC-8 changed
        (bytes.fromhex("0100000b0003006c430104"), -1),  # packet type 1 but CRC for type 0
        (bytes.fromhex("0100000b0103006c430004"), -1),  # HE is not 0
        (b"xyz", -1),
    ],
)
def test_frame_length(head: bytes, expected: int) -> None:
    assert frame_length(memoryview(head)) == expected


def test_a_header_only_packet_has_no_data_crc() -> None:
    packet = build_packet(7, 1, b"")
    assert len(packet) == 11 and frame_length(packet) == 11


def test_resync_behind_garbage_and_false_starts() -> None:
    fr = framer(PROTOCOL)
    garbage = b"\x01\x00\x00\x0b\x00\x00\x00\x00\x00\x01\x99junk\x01"
    assert fr.feed(garbage + v.RESPONSE + v.ORENBURG) == [v.RESPONSE, v.ORENBURG]


def test_size_cap() -> None:
    huge = bytearray(build_packet(0, 1, b"\x00" * 100)[:11])
    huge[5:7] = (65535).to_bytes(2, "little")
    huge[10] = crc8_egts(bytes(huge[:10]))
    assert frame_length(bytes(huge)) == 11 + 65535 + 2 > PROTOCOL.max_frame_size
    with pytest.raises(FrameTooLarge):
        framer(PROTOCOL).feed(bytes(huge))
