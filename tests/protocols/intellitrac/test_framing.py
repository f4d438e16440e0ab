"""IntelliTrac framing: one line a frame, CR LF or a bare end; every line in every shape."""

from __future__ import annotations

import pytest

from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.intellitrac import PROTOCOL
from fleetwire.protocols.intellitrac.framing import frame_length
from tests.protocols.contract import assert_framing, assert_prefixes_need_more_or_fail, framer

from . import vectors as v


def test_framing_glued() -> None:
    assert_framing(PROTOCOL, [v.REPORT, v.OK, v.POLL, v.SOUTH_WEST, v.SEQUENCED])


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:12].decode())
def test_every_frame_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


def test_line_ends_and_garbage() -> None:
    assert frame_length(b"123,4\n") == 6
    assert frame_length(b"123,4\r") == NEED_MORE  # the LF is on its way
    assert frame_length(b"123,4\r5") == -5  # a CR inside a line
    assert frame_length(b"123,4") == NEED_MORE
    assert frame_length(b"12\x0034\n") == -2
    assert frame_length(b"abc1") == -3
    assert frame_length(b"1" * 1100) < 0
    assert framer(PROTOCOL).feed(b"xx" + v.REPORT + b"\x01" + v.SHORT) == [v.REPORT, v.SHORT]
