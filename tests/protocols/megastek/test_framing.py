"""Megastek framing: real lines (length-prefixed and line-ended, the old head with binary bytes)
through the shared framer in every shape, resync behind garbage, the size cap."""

from __future__ import annotations

import pytest

from fleetwire.errors import FrameTooLarge
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.megastek import PROTOCOL
from fleetwire.protocols.megastek.framing import frame_length
from tests.protocols.contract import assert_framing, assert_prefixes_need_more_or_fail, framer

from . import vectors as v


def test_framing_of_glued_real_lines() -> None:
    assert_framing(PROTOCOL, v.WHOLE)


@pytest.mark.parametrize("frame", v.WHOLE, ids=lambda f: f[:16].decode("latin-1"))
def test_every_line_whole_and_no_prefix_is_a_frame(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    for cut in range(1, len(frame) - (1 if frame.endswith(b"\r\n") else 0)):
        assert framer(PROTOCOL).feed(frame[:cut]) == [], cut


@pytest.mark.parametrize("frame", v.PREFIXED, ids=lambda f: f[:16].decode())
def test_length_prefixed_prefixes_are_the_devices_error(frame: bytes) -> None:
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


def test_needs_more_and_garbage() -> None:
    for part in (b"", b"0", b"0137", b"$MGV002,1", b"STX", b"STX,1\r"):
        assert frame_length(part) == NEED_MORE, part
    assert frame_length(b"0137$MG") == 141  # the length is known before the bytes
    assert frame_length(b"xyz$MGV002,") == -3
    assert frame_length(b"01a7$MGV") == -1  # not a length: resync at the next digit
    assert frame_length(b"0137#MGV002,") == -1
    assert frame_length(b"$GPRMC,1\r\n") == -7  # not a Megastek head
    assert frame_length(b"0003$MGV002,") == -1  # shorter than any report


def test_a_lone_cr_ends_a_line() -> None:
    assert framer(PROTOCOL).feed(b"STX,1\rSTX,2\r\n") == [b"STX,1\r", b"STX,2\r\n"]


def test_oversized_lines() -> None:
    with pytest.raises(FrameTooLarge):
        framer(PROTOCOL).feed(b"STX," + b"0" * PROTOCOL.max_frame_size)
    with pytest.raises(FrameTooLarge):
        framer(PROTOCOL).feed(b"9999$MGV002,")
