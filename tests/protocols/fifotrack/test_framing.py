"""Fifotrack framing: real frames through the shared framer in every shape, the declared length
(not CR LF) bounding a frame, resync behind garbage, and the size cap."""

from __future__ import annotations

import pytest

from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.fifotrack import PROTOCOL
from fleetwire.protocols.fifotrack.framing import frame_length
from tests.protocols.contract import (
    assert_framing,
    assert_prefixes_need_more_or_fail,
    framer,
)

from . import vectors as v


def test_framing_of_glued_real_frames() -> None:
    assert_framing(PROTOCOL, [v.A01_2016, v.A00_AB, v.D05, v.A01_RFID, v.A01_SOUTH, v.A00_4])


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:12].decode("latin-1"))
def test_every_frame_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


def test_pack_len_counts_from_the_comma_to_the_star() -> None:
    f = v.A00_AB
    comma, star = f.index(b","), f.rindex(b"*")
    assert int(f[2:comma]) == star - comma == 105


def test_binary_content_with_cr_lf_is_bounded_by_the_length() -> None:
    # a D06 photo piece holds JPEG bytes, CR LF and "*" among them
    piece = v.frame(b"$$", "868345037864709", "1", b"D06,23FFD339,0,6,\xff\xd8\r\n*\x00")
    assert frame_length(piece) == len(piece)
    assert framer(PROTOCOL).feed(piece + v.A00_5) == [piece, v.A00_5]


def test_short_heads_need_more() -> None:
    assert frame_length(b"") == NEED_MORE
    assert frame_length(b"$") == NEED_MORE
    assert frame_length(b"$$1") == NEED_MORE
    assert frame_length(b"$$12345") == NEED_MORE
    assert frame_length(b"$$105,866104") == 115  # the length is known before the frame is


def test_garbage_is_skipped_up_to_the_next_dollar() -> None:
    assert frame_length(b"abc$$1") == -3
    assert frame_length(b"abcdef") == -6
    assert frame_length(b"$x") == -1
    assert frame_length(b"$$A12,") == -1  # a Meitrack header (flag letter): not ours
    assert frame_length(b"$$\x00\x11") == -1  # a Meiligao header (binary length)
    assert frame_length(b"$$123456,") == -1  # six digits
    assert frame_length(b"$$,") == -1  # no digits
    assert frame_length(b"$$5,") == -1  # too short to hold anything


def test_length_that_misses_the_frame_end_is_garbage() -> None:
    assert frame_length(v.EDITED_SOS) == -1
    assert framer(PROTOCOL).feed(v.EDITED_SOS + v.A01_RFID) == [v.A01_RFID]


def test_declared_length_over_the_cap_is_garbage() -> None:
    assert frame_length(b"$$99999,") == -1
    assert PROTOCOL.max_frame_size >= 2048
