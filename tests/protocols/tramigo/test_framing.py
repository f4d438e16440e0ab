"""Tramigo framing: real frames of both kinds through the shared framer in every shape, resync
behind garbage, refusal of impossible lengths."""

from __future__ import annotations

import pytest

from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.tramigo import PROTOCOL
from fleetwire.protocols.tramigo.framing import frame_length
from tests.protocols.contract import assert_framing, assert_prefixes_need_more_or_fail, framer

from . import vectors as v


def test_framing_of_glued_real_frames() -> None:
    assert_framing(PROTOCOL, v.WHOLE)


@pytest.mark.parametrize("frame", v.WHOLE, ids=lambda f: f[:8].hex())
def test_every_frame_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


def test_needs_more_and_garbage() -> None:
    for part in (b"", b"\x80", b"\x80\x00\xc4\x26\xb0\x00\xa6", b"\x04\xd0"):
        assert frame_length(part) == NEED_MORE, part
    assert frame_length(b"xy\x80") == -2
    assert frame_length(b"\x80\x00\x00\x00\x00\x00\x05\x00") == -8  # shorter than the header
    assert frame_length(b"\x04\xff\xff\x80") == -3  # longer than any frame
