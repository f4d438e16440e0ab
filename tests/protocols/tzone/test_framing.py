"""TZONE framing: real frames through the shared framer in every shape, resync on "TZ", and
the size cap."""

from __future__ import annotations

import pytest

from fleetwire.errors import FrameTooLarge
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.tzone import PROTOCOL
from fleetwire.protocols.tzone.constants import MAX_FRAME_SIZE
from fleetwire.protocols.tzone.framing import frame_length
from tests.protocols.contract import assert_framing, assert_prefixes_need_more_or_fail, framer

from . import vectors as v


def test_session_of_real_frames_glued() -> None:
    assert_framing(PROTOCOL, v.VALID[:6])
    assert_framing(PROTOCOL, v.VALID[6:12])
    assert_framing(PROTOCOL, v.VALID[12:])


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[4:20].hex())
def test_every_frame_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"", NEED_MORE),
        (b"T", NEED_MORE),
        (b"TZ", NEED_MORE),
        (b"TZ\x00", NEED_MORE),
        (b"TZ\x00\x2f", 0x2F + 6),  # the length counts protocol number .. CRC
        (b"TZ\x00\x19", -2),  # shorter than the fixed header: skip the "TZ"
        (b"TA", -1),
        (b"xyzT", -3),  # skip to the next "T"
        (b"xyz", -3),
    ],
)
def test_frame_length(head: bytes, expected: int) -> None:
    assert frame_length(memoryview(head)) == expected


def test_resync_after_garbage_that_looks_like_a_start() -> None:
    fr = framer(PROTOCOL)
    garbage = b"TTZ\x00\x01junk"
    assert fr.feed(garbage + v.TT18 + v.AVL_0111) == [v.TT18, v.AVL_0111]


def test_size_cap_is_the_16_bit_length() -> None:
    assert MAX_FRAME_SIZE == 0xFFFF + 6
    assert PROTOCOL.max_frame_size == MAX_FRAME_SIZE
    assert frame_length(b"TZ\xff\xff") == MAX_FRAME_SIZE
    with pytest.raises(FrameTooLarge):
        type(framer(PROTOCOL))(PROTOCOL.frame_length, 1024).feed(b"TZ\xff\xff")
