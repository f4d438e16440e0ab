"""Totem framing: real frames of both envelopes through the shared framer in every shape, the
CR LF rule of each, resync behind garbage, and the size cap."""

from __future__ import annotations

import pytest

from fleetwire.errors import FramingError
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.totem import PROTOCOL
from fleetwire.protocols.totem.constants import MAX_FRAME_SIZE
from fleetwire.protocols.totem.framing import frame_length
from tests.protocols.contract import (
    assert_framing,
    assert_prefixes_need_more_or_fail,
    framer,
)

from . import vectors as v


def test_framing_of_glued_real_frames() -> None:
    assert_framing(
        PROTOCOL,
        [v.DOC_AVL02, v.FIXED_SOUTH_AFRICA, v.MALAYSIA, v.COMPACT, v.FIXED_128, v.NO_GPRMC],
    )


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:24].decode())
def test_every_frame_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


def test_classic_frames_end_in_cr_lf() -> None:
    bare = v.DOC_AVL02[:-2]
    assert frame_length(bare) == len(v.DOC_AVL02)  # waits for the terminator
    assert framer(PROTOCOL).feed(bare) == []
    assert frame_length(bare + b"$$") == -1  # not a terminator: not this frame, resync
    assert framer(PROTOCOL).feed(bare + b"\n\r" + v.MALAYSIA) == [v.MALAYSIA]


def test_fixed_frames_take_a_cr_lf_that_is_there() -> None:
    crlf = v.FIXED_108 + b"\r\n"
    assert frame_length(crlf) == len(crlf)
    assert framer(PROTOCOL).feed(crlf + v.FIXED_116) == [crlf, v.FIXED_116]
    fr = framer(PROTOCOL)  # CR LF in a later read: skipped, the frames are unharmed
    assert fr.feed(v.FIXED_108) == [v.FIXED_108]
    assert fr.feed(b"\r\n" + v.FIXED_116) == [v.FIXED_116]
    assert fr.skipped == 0


def test_needs_more_and_garbage() -> None:
    for part in (b"", b"$", b"$$", b"$$A9", b"$$A935335801947", b"$$0113AA8620100373482"):
        assert frame_length(part) == NEED_MORE, part
    assert frame_length(b"xyz$$A9") == -3
    assert frame_length(b"hello") == -5
    assert frame_length(b"$x") == -1
    assert frame_length(b"$$A9,3533") == -1  # not an id
    assert frame_length(b"$$0A353358019474100|") == -1  # shorter than its own header
    assert frame_length(b"$$A9" + b"1" * 21 + b"|") == -1  # an id of more than 20 digits
    assert frame_length(b"$$0113AA8620100373482530") == -1  # no '|' where it must be


def test_size_cap_covers_every_declared_length() -> None:
    head = b"$$9999AA862010037348253|"
    assert frame_length(head) == 9999
    assert MAX_FRAME_SIZE == 9999 + 2 == PROTOCOL.max_frame_size
    fr = framer(PROTOCOL)  # the largest declared frame is waited for, never refused
    assert fr.feed(head + b"0" * (9999 - len(head) - 1)) == []
    with pytest.raises(FramingError):  # a garbage run past the cap closes the connection
        framer(PROTOCOL).feed(b"$$" + b"0" * (MAX_FRAME_SIZE + 1))
