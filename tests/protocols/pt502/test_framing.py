"""PT502 framing: real frames (simplified text lines and full 0xBF 0xFB frames, the binary photo
chunk among them) through the shared framer in every shape, resync behind garbage, size cap."""

from __future__ import annotations

import pytest

from fleetwire.errors import FrameTooLarge
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.pt502 import PROTOCOL
from fleetwire.protocols.pt502.framing import frame_length, wrap
from tests.protocols.contract import (
    assert_framing,
    assert_prefixes_need_more_or_fail,
    framer,
)

from . import vectors as v


def test_framing_of_glued_real_frames() -> None:
    assert_framing(
        PROTOCOL,
        [v.PR71_POS, v.ISSUE1050_FULL, v.CPA, v.FUS_FULL, v.POS_IMEI, v.FOUR_POS_FULL, v.FUS],
    )


def test_photo_chunk_is_framed_by_its_length() -> None:
    # the JPEG holds CR, LF, '$' and 0xBF bytes: only the full frame's length can cut it
    assert b"\r\n" in v.PHOTO_FULL[15:-2] or b"\n" in v.PHOTO_FULL[15:-2]
    assert_framing(PROTOCOL, [v.PHOTO_FULL, v.PR71_POS])


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:24].hex())
def test_every_frame_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    # a text frame cut between its CR and LF is already whole; check the cuts before that
    checked = frame[:-1] if frame[:1] == b"$" and frame.endswith(b"\r\n") else frame
    assert_prefixes_need_more_or_fail(PROTOCOL, checked)


def test_full_frame_wrapper_matches_captures() -> None:
    assert wrap(v.POS_353451) == v.POS_353451_FULL
    assert wrap(v.ISSUE1050_FULL[5:]) == v.ISSUE1050_FULL


def test_needs_more_and_garbage() -> None:
    for part in (b"", b"$", b"$POS,6094", b"\xbf", b"\xbf\xfb", b"\xbf\xfb\x5e\x62"):
        assert frame_length(part) == NEED_MORE, part
    assert frame_length(b"xyz$POS") == -3
    assert frame_length(b"hello") == -5
    assert frame_length(b"\xbfx") == -1  # not the full frame mark
    assert frame_length(b"\xbf\xfb\x00\x62\x00x") == -2  # a body always starts with '$'
    assert frame_length(b"\xbf\xfb\x00\x03\x00$") == -2  # shorter than any frame
    assert frame_length(b"$POS,1\x00\r\n") == -6  # a control byte: resync there
    assert frame_length(b"$POS,12$POS,1\r\n") == -7  # a cut message before the next one


def test_a_line_end_is_kept_whole() -> None:
    fr = framer(PROTOCOL)
    assert fr.feed(v.PR71_POS[:-1]) == []  # CR last: wait for its LF
    assert fr.feed(b"\n" + v.CPA) == [v.PR71_POS, v.CPA]
    bare_cr = v.PR71_POS[:-1]  # a unit ending with CR alone: the next message ends the wait
    assert framer(PROTOCOL).feed(bare_cr + v.CPA) == [bare_cr, v.CPA]
    lf = v.PR71_POS[:-2] + b"\n"
    assert framer(PROTOCOL).feed(lf) == [lf]
    fr = framer(PROTOCOL)  # a stray line end after a whole frame is skipped, not garbage
    assert fr.feed(lf) == [lf]
    assert fr.feed(b"\r\n" + v.CPA) == [v.CPA]
    assert fr.skipped == 0


def test_oversized_frames() -> None:
    with pytest.raises(FrameTooLarge):
        framer(PROTOCOL).feed(b"$POS," + b"0" * PROTOCOL.max_frame_size)
    with pytest.raises(FrameTooLarge):
        framer(PROTOCOL).feed(b"\xbf\xfb\x00\xff\xff$")
