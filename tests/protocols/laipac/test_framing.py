"""Laipac framing: real sentences through the shared framer in every shape, resync behind
garbage and after a cut sentence, the size cap."""

from __future__ import annotations

import pytest

from fleetwire.errors import FrameTooLarge
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.laipac import PROTOCOL
from fleetwire.protocols.laipac.framing import frame_length
from tests.protocols.contract import assert_framing, assert_prefixes_need_more_or_fail, framer

from . import vectors as v


def test_framing_of_glued_real_sentences() -> None:
    assert_framing(PROTOCOL, v.WHOLE)


@pytest.mark.parametrize("frame", v.WHOLE, ids=lambda f: f[:20].decode())
def test_every_sentence_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame[:-2])  # `*XX` already ends it


def test_needs_more_and_garbage() -> None:
    for part in (b"", b"$", b"$AVRMC,1", b"$ECHK,1,0*35\r"):
        assert frame_length(part) == NEED_MORE, part
    assert frame_length(b"xy$ECHK") == -2
    assert frame_length(b"$EC\x00HK\r\n") == -3
    assert frame_length(b"$ECHK,1$ECHK,1,0*35\r\n") == -7
    assert frame_length(b"$ECHK,1,0*35\n") == 13
    assert frame_length(b"$ECHK,1,0*35\rx") == 13


def test_oversized() -> None:
    with pytest.raises(FrameTooLarge):
        framer(PROTOCOL).feed(b"$AVRMC," + b"0" * PROTOCOL.max_frame_size)
