"""Wialon IPS framing: real frames through the shared framer in every shape, resync on
garbage, image parts with their binary (CR LF and '#' inside), and the size cap."""

from __future__ import annotations

import pytest

from fleetwire.errors import FrameTooLarge
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.wialon import PROTOCOL
from fleetwire.protocols.wialon.framing import frame_length
from tests.protocols.contract import assert_framing, assert_prefixes_need_more_or_fail, framer

from . import vectors as v


def test_framing_of_glued_real_frames() -> None:
    assert_framing(
        PROTOCOL,
        [v.LOGIN_V2, v.D_V2_CAN, v.PING, v.B_V1_TWO, v.IMAGE_PART, v.IMAGE_LAST, v.SD_V1, v.M_V2],
    )


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:12].decode("ascii", "replace"))
def test_every_frame_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


def test_need_more_until_the_terminator() -> None:
    for part in (b"", b"#", b"#S", b"#SD", b"#SD#", b"#SD#2704", b"#SD#270413\r"):
        assert frame_length(part) == NEED_MORE


def test_garbage_is_skipped_up_to_the_next_hash() -> None:
    assert frame_length(b"abc#L#") == -3
    assert frame_length(b"abcdef") == -6
    assert frame_length(b"#x#L#1;2\r\n") == -1  # '#' not followed by a type
    assert frame_length(b"#ABCD#") == -1  # types have one to three letters
    assert frame_length(b"##L#") == -1


def test_image_binary_is_part_of_its_frame() -> None:
    # the binary holds CR LF and '#': not a frame boundary
    assert frame_length(v.IMAGE_PART) == len(v.IMAGE_PART)
    assert frame_length(v.IMAGE_PART[:-1]) == len(v.IMAGE_PART)  # announced before it arrives
    assert framer(PROTOCOL).feed(v.IMAGE_LAST + v.PING) == [v.IMAGE_LAST, v.PING]
    assert frame_length(b"#I#x;0;1;NA;NA;a\r\n") == -1  # size is not a number


def test_terminator_split_across_scan_chunks() -> None:
    body = "#M#" + "x" * 509  # the CR is the last byte of the first 512-byte chunk
    frame = body.encode() + b"\r\n"
    assert frame_length(frame) == len(frame)


def test_unterminated_line_over_the_cap_is_refused() -> None:
    with pytest.raises(FrameTooLarge):
        framer(PROTOCOL).feed(b"#D#" + b"1" * PROTOCOL.max_frame_size)
