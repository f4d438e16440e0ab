"""Startek framing: real frames through the shared framer in every shape, resync on garbage
and on lengths that miss the CR LF, and the length cap."""

from __future__ import annotations

import pytest

from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.startek import PROTOCOL
from fleetwire.protocols.startek.framing import build, frame_length
from tests.protocols.contract import assert_framing, assert_prefixes_need_more_or_fail, framer

from . import vectors as v


def test_framing_of_glued_real_frames() -> None:
    assert_framing(PROTOCOL, v.VALID)


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:6].decode())
def test_every_frame_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


def test_length_is_announced_once_known() -> None:
    for part in (b"", b"&", b"&&", b"&&:", b"&&:2", b"&&:23"):
        assert frame_length(part) == NEED_MORE
    assert frame_length(v.COMMAND_ANSWER[:6]) == len(v.COMMAND_ANSWER)


def test_garbage_and_false_headers_are_skipped() -> None:
    assert frame_length(b"abc&&") == -3
    assert frame_length(b"abcdef") == -6
    assert frame_length(b"&x") == -1
    assert frame_length(b"&&:x,") == -1  # no length digits
    assert frame_length(b"&&:99999,") == -1  # more digits than any frame needs
    assert frame_length(b"&&:2000,") == -1  # over the data cap: resync, not close
    assert frame_length(b"&&:3,123456") == -1  # length that does not land on CR LF
    fr = framer(PROTOCOL)
    assert fr.feed(b"&&:3,123456" + v.PLAIN) == [v.PLAIN]


def test_the_bad_length_example_is_not_a_frame() -> None:
    assert frame_length(v.BAD_LENGTH) == -1


def test_build_round_trips_through_the_framer() -> None:
    frame = build(b"&&", "A", "123456789012345", "129,OK")
    assert (
        frame
        == b"&&A23,123456789012345,129,OK" + v.checksum_reference(frame[:-4]).encode() + b"\r\n"
    )
    assert framer(PROTOCOL).feed(frame) == [frame]
