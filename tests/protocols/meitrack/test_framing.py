"""Meitrack framing: real frames through the shared framer in every shape, the declared length
(not CR LF) bounding binary batches, resync behind garbage, and the size cap."""

from __future__ import annotations

import pytest

from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.meitrack import PROTOCOL
from fleetwire.protocols.meitrack.framing import build_frame, frame_length
from tests.protocols.contract import (
    assert_framing,
    assert_prefixes_need_more_or_fail,
    framer,
)

from . import vectors as v


def test_framing_of_glued_real_frames() -> None:
    assert_framing(
        PROTOCOL,
        [
            v.TRACCAR_FRAME,
            v.TRACCAR_CCE_CELL,
            v.DOC_SOS,
            v.TRACCAR_CCC,
            v.DOC_C01_OK,
            v.TRACCAR_CCE_3,
            v.TRACCAR_V108,
        ],
    )


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:7].decode("latin-1"))
def test_every_frame_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


def test_frame_decoder_capture_is_one_frame() -> None:
    # traccar MeitrackFrameDecoderTest: the input comes out unchanged as one frame
    assert framer(PROTOCOL).feed(v.TRACCAR_FRAME) == [v.TRACCAR_FRAME]


def test_header_needs_more_then_announces_the_length() -> None:
    for part in (b"", b"$", b"$$", b"$$Q", b"$$Q1", b"$$Q128"):
        assert frame_length(part) == NEED_MORE
    assert frame_length(v.DOC_SOS[:8]) == len(v.DOC_SOS)


def test_crlf_inside_binary_data_does_not_split() -> None:
    data = b"CCE," + b"\x00\x00\x00\x00\x00\x00" + b"\r\n*\r\n"
    frame = build_frame(b"$$", "A", "353358017784062", data)
    assert framer(PROTOCOL).feed(frame + v.DOC_SOS) == [frame, v.DOC_SOS]


def test_garbage_is_skipped_up_to_the_next_dollar() -> None:
    assert frame_length(b"abc$$A") == -3
    assert frame_length(b"abcdef") == -6
    assert frame_length(b"$x") == -1
    assert frame_length(b"$$\x00\x11") == -1  # a Meiligao header: flag out of range
    assert frame_length(b"$$A12x") == -1  # not a decimal length
    assert frame_length(b"$$A123456,") == -1  # six digits
    assert frame_length(b"$$A5,") == -1  # too short to hold anything


def test_length_that_misses_the_frame_end_is_garbage() -> None:
    assert frame_length(v.TRACCAR_EDITED_BAD_LENGTH) == -1
    fr = framer(PROTOCOL)
    assert fr.feed(v.TRACCAR_EDITED_BAD_LENGTH + v.DOC_SOS) == [v.DOC_SOS]


def test_declared_length_over_the_cap_is_garbage() -> None:
    assert frame_length(b"$$A99999,") == -1
    assert PROTOCOL.max_frame_size >= 2048
