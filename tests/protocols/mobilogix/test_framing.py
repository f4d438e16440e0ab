"""Mobilogix framing: real messages through the shared framer in every shape, line ends between
them, resync behind garbage and after a cut message."""

from __future__ import annotations

import pytest

from fleetwire.errors import FrameTooLarge
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.mobilogix import PROTOCOL
from fleetwire.protocols.mobilogix.framing import frame_length
from tests.protocols.contract import assert_framing, framer

from . import vectors as v


def test_framing_of_glued_real_messages() -> None:
    assert_framing(PROTOCOL, v.WHOLE)


@pytest.mark.parametrize("frame", v.WHOLE, ids=lambda f: f[21:40].decode())
def test_every_message_whole_and_no_prefix_is_a_frame(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(b"\r\n" + frame + b"\r\n") == [frame]
    for cut in range(1, len(frame)):
        assert framer(PROTOCOL).feed(frame[:cut]) == [], cut


def test_needs_more_and_garbage() -> None:
    for part in (b"", b"[", b"[2021-08-20 19:27:14,T14"):
        assert frame_length(part) == NEED_MORE, part
    assert frame_length(b"xy[") == -2
    assert frame_length(b"[20\x0021]") == -3
    assert frame_length(b"[2021[2021]") == -5


def test_oversized() -> None:
    with pytest.raises(FrameTooLarge):
        framer(PROTOCOL).feed(b"[" + b"0" * PROTOCOL.max_frame_size)
