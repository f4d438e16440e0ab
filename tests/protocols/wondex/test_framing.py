"""WondeX framing: the heartbeat and text lines through the shared framer in every shape,
resync behind garbage (the frame decoder test's 0xF0 first byte among it)."""

from __future__ import annotations

import pytest

from fleetwire.errors import FrameTooLarge
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.wondex import PROTOCOL
from fleetwire.protocols.wondex.framing import frame_length
from tests.protocols.contract import assert_framing, assert_prefixes_need_more_or_fail, framer

from . import vectors as v


def test_framing_of_glued_real_frames() -> None:
    assert_framing(PROTOCOL, v.WHOLE)


@pytest.mark.parametrize("frame", v.WHOLE, ids=lambda f: f[:12].hex())
def test_every_frame_whole_and_no_prefix_is_a_frame(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    for cut in range(1, len(frame) - 1):
        assert framer(PROTOCOL).feed(frame[:cut]) == [], cut


def test_heartbeat_prefixes_are_the_devices_error() -> None:
    assert_prefixes_need_more_or_fail(PROTOCOL, v.HEARTBEAT)


def test_needs_more_and_garbage() -> None:
    for part in (b"", b"\xd0", b"1044", b"$OK:", b"1,2\r"):
        assert frame_length(part) == NEED_MORE or frame_length(part) == 8, part
    assert frame_length(v.NOT_HEARTBEAT) == -8  # no byte of it can start a frame
    assert frame_length(b"xy1") == -2
    assert frame_length(b"12\x0034\r\n") == -2
    assert framer(PROTOCOL).feed(v.NOT_HEARTBEAT + v.VT300) == [v.VT300]


def test_oversized_line() -> None:
    with pytest.raises(FrameTooLarge):
        framer(PROTOCOL).feed(b"1" * (PROTOCOL.max_frame_size + 2))
