"""TAIP framing: real sentences through the shared framer in every shape (glued, byte by byte,
behind garbage, cut), sentences ended by a line end instead of `<`, resync after a cut one."""

from __future__ import annotations

import pytest

from fleetwire.errors import FrameTooLarge
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.taip import PROTOCOL
from fleetwire.protocols.taip.framing import frame_length
from tests.protocols.contract import assert_framing, assert_prefixes_need_more_or_fail, framer

from . import vectors as v


def test_framing_of_glued_real_sentences() -> None:
    assert_framing(PROTOCOL, v.WHOLE)


@pytest.mark.parametrize("frame", v.WHOLE, ids=lambda f: f[:16].decode())
def test_every_sentence_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


def test_line_ends_between_sentences_are_not_garbage() -> None:
    fr = framer(PROTOCOL)
    assert fr.feed(b"\r\n" + v.PV_CRLF + v.GP) == [v.PV_CRLF.rstrip(), v.GP]
    assert fr.skipped == 0


def test_a_line_end_ends_a_sentence_without_its_delimiter() -> None:
    fr = framer(PROTOCOL)
    assert fr.feed(b"\r\n" + v.EV[:-1]) == []  # the end is not known yet
    assert fr.feed(b"\r\n" + v.PV) == [v.EV, v.PV]


def test_needs_more_and_garbage() -> None:
    for part in (b"", b">", b">RPV0387"):
        assert frame_length(part) == NEED_MORE, part
    assert frame_length(b"xyz>RPV") == -3
    assert frame_length(b"hello") == -5
    assert frame_length(b">RPV1\x00<") == -5  # a control byte: resync there
    assert frame_length(b">RPV1>RPV2<") == -5  # a cut sentence before the next one
    assert frame_length(b">\r\n") == -1  # a lone '>'


def test_oversized_sentence() -> None:
    with pytest.raises(FrameTooLarge):
        framer(PROTOCOL).feed(b">RPV" + b"0" * PROTOCOL.max_frame_size)
