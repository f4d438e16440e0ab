"""Teltonika TCP framing: the shared framing checks over real frames, plus resync and limits."""

from __future__ import annotations

import pytest

from fleetwire.errors import FrameTooLarge
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.teltonika import PROTOCOL
from fleetwire.protocols.teltonika.constants import MAX_FRAME_SIZE
from fleetwire.protocols.teltonika.framing import frame_length, unwrap_tcp, wrap_tcp
from tests.protocols.contract import assert_framing, assert_prefixes_need_more_or_fail, framer
from tests.protocols.teltonika import vectors as v


def test_session_of_real_frames_glued() -> None:
    # login, data of every codec, keep-alive, command replies: one stream as a device sends it
    assert_framing(PROTOCOL, v.TCP_FRAMES)


@pytest.mark.parametrize("frame", v.TCP_FRAMES, ids=lambda f: f[:12].hex())
def test_every_prefix_needs_more_or_fails_cleanly(frame: bytes) -> None:
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"", NEED_MORE),
        (b"\x00", NEED_MORE),
        (b"\xff", 1),  # keep-alive
        (b"\x00\x0f", 17),  # IMEI packet
        (b"\x00\x0f35630", 17),
        (b"\x00\x00\x00\x00\x00\x00\x00", NEED_MORE),
        (b"\x00\x00\x00\x00\x00\x00\x00\x36", NEED_MORE),  # codec byte still to come
        (b"\x00\x00\x00\x00\x00\x00\x00\x36\x08", 0x36 + 12),
        (b"\x00\x00\x00\x00\x00\x00\x00\x36\x00", -1),  # no such codec
        (b"\x01", -1),  # nothing starts with 0x01
        (b"\x00\x0e", -1),  # IMEI too short
        (b"\x00\x12", -1),  # IMEI too long
        (b"\x00\x0f35x", -1),  # not digits
        (b"\x00\x00\x01", -1),  # broken preamble
        (b"\x00\x00\x00\x00\x00\x00\x00\x02", -1),  # data too short for any packet
    ],
)
def test_frame_length(head: bytes, expected: int) -> None:
    assert frame_length(memoryview(head)) == expected


def test_resync_after_garbage_that_looks_like_headers() -> None:
    fr = framer(PROTOCOL)
    garbage = b"\x00\x0fAB\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x01"
    assert fr.feed(garbage + v.C8_EXAMPLE1 + v.C8E_EXAMPLE) == [v.C8_EXAMPLE1, v.C8E_EXAMPLE]
    assert fr.skipped == 0
    assert fr.take_garbage()


def test_oversized_packet_closes() -> None:
    header = b"\x00\x00\x00\x00" + (MAX_FRAME_SIZE - 11).to_bytes(4, "big") + b"\x8e"
    with pytest.raises(FrameTooLarge):
        framer(PROTOCOL).feed(header)


def test_largest_allowed_packet_is_framed() -> None:
    data = b"\x08\x00" + bytes(MAX_FRAME_SIZE - 12 - 3) + b"\x00"
    frame = wrap_tcp(data)
    assert len(frame) == MAX_FRAME_SIZE
    assert framer(PROTOCOL).feed(frame) == [frame]


def test_wrap_and_unwrap_agree() -> None:
    data = v.C8_EXAMPLE1[8:-4]
    assert wrap_tcp(data) == v.C8_EXAMPLE1
    assert unwrap_tcp(v.C8_EXAMPLE1) == (8, len(v.C8_EXAMPLE1) - 4)
