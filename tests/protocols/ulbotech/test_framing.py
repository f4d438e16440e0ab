"""Ulbotech framing: real binary and text frames through the shared framer in every shape,
escapes, resync past flags and garbage, and the size cap."""

from __future__ import annotations

import pytest

from fleetwire.errors import FrameTooLarge, InvalidField
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.ulbotech import PROTOCOL
from fleetwire.protocols.ulbotech.constants import MAX_FRAME_SIZE
from fleetwire.protocols.ulbotech.framing import escape, frame_length, unescape
from tests.protocols.contract import assert_framing, assert_prefixes_need_more_or_fail, framer

from . import vectors as v


def test_session_of_real_frames_glued() -> None:
    assert_framing(PROTOCOL, v.VALID)


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:16].hex())
def test_every_frame_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"", NEED_MORE),
        (b"\xf8", NEED_MORE),
        (b"\xf8\x01\x01\x03", NEED_MORE),  # no closing flag yet
        (b"\xf8\x02", -1),  # not version 1
        (b"\xf8\xf8\x01", -1),  # a lost frame's closing flag before an opening one
        (b"\xf8\x01\x01\x00\xf8", -4),  # too short: the second flag may open the real frame
        (b"*", NEED_MORE),
        (b"*TS", NEED_MORE),
        (b"*TS01,1", NEED_MORE),
        (b"*GS06,1#", -1),  # another vendor's text
        (b"*TS01,12\x01#", -8),
        (b"*TS01,12*TS01,1#", -8),  # cut before its '#': resync at the next '*'
        (b"xyz\xf8\x01", -3),
        (b"xyz*TS", -3),
        (b"xyz", -3),
    ],
)
def test_frame_length(head: bytes, expected: int) -> None:
    assert frame_length(memoryview(head)) == expected


def test_the_captured_escapes_resolve() -> None:
    assert b"\xf7\x00" in v.ESCAPED_F7 and b"\xf7\x0f" in v.ESCAPED_F8
    assert unescape(b"\x01\xf7\x00\x02\xf7\x0f\x03") == b"\x01\xf7\x02\xf8\x03"
    assert escape(b"\x01\xf7\x02\xf8\x03") == b"\x01\xf7\x00\x02\xf7\x0f\x03"
    for bad in (b"\x01\xf7", b"\xf7\x05", b"\xf7\xf8"):
        with pytest.raises(InvalidField):
            unescape(bad)


def test_resync_behind_garbage_with_flags_and_stars() -> None:
    fr = framer(PROTOCOL)
    garbage = b"\xf8\x00\x01*T\xf8\x01\x02\xf8"
    assert fr.feed(garbage + v.PARKED + v.HELLO + v.SINGAPORE) == [v.PARKED, v.HELLO, v.SINGAPORE]


def test_a_capture_cut_short_waits_for_more() -> None:
    assert framer(PROTOCOL).feed(v.CUT) == []


def test_size_cap() -> None:
    assert PROTOCOL.max_frame_size == MAX_FRAME_SIZE
    with pytest.raises(FrameTooLarge):
        framer(PROTOCOL).feed(b"\xf8\x01" + b"\x00" * MAX_FRAME_SIZE)
    with pytest.raises(FrameTooLarge):
        framer(PROTOCOL).feed(b"*TS01," + b"1" * MAX_FRAME_SIZE)
