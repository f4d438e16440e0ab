"""ARNAVI framing: real frames through the shared framer in every shape, packages whose end is
found by stepping over packets (a 5D inside packet data is no end), resync, and the size cap."""

from __future__ import annotations

import pytest

from fleetwire.errors import FrameTooLarge
from fleetwire.protocols.arnavi import PROTOCOL
from fleetwire.protocols.arnavi.constants import MAX_FRAME_SIZE
from fleetwire.protocols.arnavi.framing import build_package, build_packet, frame_length
from fleetwire.protocols.base import NEED_MORE
from tests.protocols.contract import assert_framing, assert_prefixes_need_more_or_fail, framer

from . import vectors as v


def test_session_of_real_frames_glued() -> None:
    assert_framing(PROTOCOL, v.VALID)


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:8].hex())
def test_every_frame_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"", NEED_MORE),
        (b"\xff", NEED_MORE),
        (b"\xff\x22", 10),
        (b"\xff\x23", 10),
        (b"\xff\x99", -1),  # no such HEADER version
        (b"\x5b", NEED_MORE),
        (b"\x5b\x01", NEED_MORE),
        (b"\x5b\x01\x5d", 3),  # a package without packets
        (b"\x5b\x01\x01\x28", NEED_MORE),  # packet length not whole yet
        (b"\x5b\x01\x01\x28\x00", NEED_MORE),
        (b"\x5b\xfd\x00", NEED_MORE),
        (b"\x5b\xfd\x00\x5d", 4),
        (b"\x5b\xfd\x00\x00", -1),
        (b"\x7b\x00\x01\x7d", -1),  # a SERVER_COM never comes from a device
        (b"$AV,V2", NEED_MORE),  # a text line (text.py), not whole yet
        (b"$AV,V2,85164,1*6E\r\n", 19),
        (b"$AX,V2", -1),
        (b"$AV," + b"1" * 600, -1),  # no line end where one must be: garbage
    ],
)
def test_frame_length(head: bytes, expected: int) -> None:
    assert frame_length(memoryview(head)) == expected


def test_5d_inside_packet_data_is_not_the_end() -> None:
    frame = build_package(7, build_packet(3, 1_600_000_000, b"]]]"))
    assert frame.count(b"]") == 4
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame + v.TEXT) == [frame, v.TEXT]


def test_resync_after_garbage() -> None:
    fr = framer(PROTOCOL)
    assert fr.feed(b"\x00\x7b\x99" + v.HEADER_V2 + v.ONE_RECORD) == [v.HEADER_V2, v.ONE_RECORD]
    assert fr.skipped == 0 and fr.take_garbage() == b"\x00\x7b\x99"


def test_size_cap() -> None:
    assert PROTOCOL.max_frame_size == MAX_FRAME_SIZE
    packet = b"\x06\xff\xff"  # a 65535-byte packet, then another
    with pytest.raises(FrameTooLarge):
        framer(PROTOCOL).feed(b"\x5b\x01" + packet + b"\x00" * 65540 + packet)
