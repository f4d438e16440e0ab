"""Xirgo framing: real messages through the shared framer in every shape, line ends between
messages, resync behind garbage and after a cut-off message, and the size cap."""

from __future__ import annotations

import pytest

from fleetwire.errors import FrameTooLarge
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.xirgo import PROTOCOL
from fleetwire.protocols.xirgo.framing import frame_length
from tests.protocols.contract import (
    assert_framing,
    assert_prefixes_need_more_or_fail,
    framer,
)

from . import vectors as v


def test_framing_of_glued_real_messages() -> None:
    assert_framing(
        PROTOCOL,
        [v.XT2150_4003, v.XT2060_6031, v.VERSION_6115, v.XT2060A_6015, v.SHORT_6001, v.LONG_4001],
    )


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:24].decode())
def test_every_message_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


def test_line_ends_between_messages_are_skipped() -> None:
    stream = v.XT2150_4003 + b"\r\n" + v.XT2060_6031 + b"\n"
    assert framer(PROTOCOL).feed(stream) == [v.XT2150_4003, v.XT2060_6031]


def test_needs_more_and_garbage() -> None:
    for part in (b"", b"$", b"$$", b"$$357207059646786", b"$$357207059646786,4003,#"):
        assert frame_length(part) == NEED_MORE, part
    assert frame_length(b"xyz$$35") == -3
    assert frame_length(b"hello") == -5
    assert frame_length(b"$x$$35") == -1
    assert frame_length(b"$$357207059646786,40\x0003##") == -20  # a control byte: resync there
    assert frame_length(b"$$$357207059646786,4003##") == -1


def test_a_cut_off_message_gives_way_to_the_next() -> None:
    stream = v.XT2150_4003[:40] + v.XT2060_6031
    fr = framer(PROTOCOL)
    assert fr.feed(stream) == [v.XT2060_6031]
    assert fr.garbage == v.XT2150_4003[:40]  # counted as garbage, kept for the log


def test_unterminated_message_hits_the_size_cap() -> None:
    with pytest.raises(FrameTooLarge):
        framer(PROTOCOL).feed(b"$$357207059646786,4003," + b"0" * PROTOCOL.max_frame_size)
