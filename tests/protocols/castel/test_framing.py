"""Castel framing: real frames through the shared framer in every shape, resync on `@@`, and
the size cap."""

from __future__ import annotations

import pytest

from fleetwire.errors import FrameTooLarge
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.castel import PROTOCOL
from fleetwire.protocols.castel.constants import MAX_FRAME_SIZE
from fleetwire.protocols.castel.framing import build, frame_length
from tests.protocols.contract import assert_framing, assert_prefixes_need_more_or_fail, framer

from . import vectors as v


def test_session_of_real_frames_glued() -> None:
    assert_framing(PROTOCOL, v.VALID)


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[25:27].hex())
def test_every_frame_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"", NEED_MORE),
        (b"@", NEED_MORE),
        (b"@@", NEED_MORE),
        (b"@@\x1f", NEED_MORE),
        (b"@@\x1f\x00", 31),
        (b"@@\xd0\x00", 208),
        (b"@@\x1e\x00", -1),  # shorter than an empty frame
        (b"@x", -1),
        (b"$$P\x00", 80),  # the MPIP envelope: the same length field
        (b"$$\x10\x00", -1),  # shorter than any MPIP frame
        (b"$@", -1),
    ],
)
def test_frame_length(head: bytes, expected: int) -> None:
    assert frame_length(memoryview(head)) == expected


def test_resync_after_garbage() -> None:
    fr = framer(PROTOCOL)
    assert fr.feed(b"\x00@\x01@@\x05\x00" + v.HEARTBEAT + v.LOGOUT) == [v.HEARTBEAT, v.LOGOUT]


def test_build_matches_a_captured_frame() -> None:
    assert build(4, v.HEARTBEAT[5:25], 0x1003) == v.HEARTBEAT


def test_size_cap() -> None:
    assert MAX_FRAME_SIZE == 0xFFFF == PROTOCOL.max_frame_size
    with pytest.raises(FrameTooLarge):
        type(framer(PROTOCOL))(PROTOCOL.frame_length, 1024).feed(b"@@\xff\xff")
