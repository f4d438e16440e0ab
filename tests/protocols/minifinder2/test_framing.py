"""MiniFinder framing: real frames through the shared framer in every shape, resync on the `AB`
header, and the size cap."""

from __future__ import annotations

import pytest

from fleetwire.errors import FrameTooLarge
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.minifinder2 import PROTOCOL
from fleetwire.protocols.minifinder2.constants import MAX_FRAME_SIZE
from fleetwire.protocols.minifinder2.framing import frame_length
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
        (b"\xab", NEED_MORE),
        (b"\xab\x10\x15", NEED_MORE),
        (b"\xab\x10\x15\x00", NEED_MORE),  # the message type is not there yet
        (b"\xab\x10\x15\x00\x76\xf1\x32\x00\x03", 0x15 + 8),
        (b"\xab\x10\x00\x00", -4),  # an empty body: that AB was garbage
        (b"\xab\x10\x15\x00\x76\xf1\x32\x00\x55", -9),  # no such message type
        (b"\xab\x10\x15\x00\x76\xab\x32\x00\x55", -5),  # ... resync at the next AB
        (b"xyz\xab", -3),
        (b"xyz", -3),
    ],
)
def test_frame_length(head: bytes, expected: int) -> None:
    assert frame_length(memoryview(head)) == expected


def test_resync_after_garbage_that_looks_like_a_header() -> None:
    fr = framer(PROTOCOL)
    garbage = b"\xab\x00\x00\x00\xab\x10\x03\x00\x00\x00\x00\x00\x99junk"
    assert fr.feed(garbage + v.GPS_SWEDEN + v.HEARTBEAT) == [v.GPS_SWEDEN, v.HEARTBEAT]
    assert fr.take_garbage() == garbage


def test_size_cap_is_the_16_bit_length() -> None:
    assert MAX_FRAME_SIZE == 0xFFFF + 8
    assert PROTOCOL.max_frame_size == MAX_FRAME_SIZE
    assert frame_length(b"\xab\x10\xff\xff\x00\x00\x00\x00\x01") == MAX_FRAME_SIZE
    with pytest.raises(FrameTooLarge):
        type(framer(PROTOCOL))(PROTOCOL.frame_length, 1024).feed(
            b"\xab\x10\xff\xff\x00\x00\x00\x00\x01"
        )
