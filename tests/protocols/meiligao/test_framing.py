"""Meiligao framing: real frames through the shared framer in every shape, resync behind
garbage, CR LF inside binary data, and the size cap that keeps Meitrack text out."""

from __future__ import annotations

import pytest

from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.meiligao import PROTOCOL
from fleetwire.protocols.meiligao.constants import MessageType as M
from fleetwire.protocols.meiligao.framing import build_frame, frame_length
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
            v.TRACCAR_LOGIN,
            v.TRACCAR_SATELLITES,
            v.TRACCAR_ALARM_CARD,
            v.TRACCAR_RFID_2006,
            v.TRACCAR_BATCH_ONE,
            v.TRACCAR_OBD_9902,
        ],
    )


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[4:13].hex())
def test_every_frame_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


def test_header_needs_more_then_announces_the_length() -> None:
    for part in (b"", b"$", b"$$", b"$$\x00"):
        assert frame_length(part) == NEED_MORE
    assert frame_length(v.TRACCAR_SATELLITES[:4]) == 0x8F


def test_garbage_and_impossible_lengths_are_skipped() -> None:
    assert frame_length(b"abc$$") == -3
    assert frame_length(b"abcdef") == -6
    assert frame_length(b"$x\x00\x11") == -1
    assert frame_length(v.TRACCAR_ZERO_LENGTH) == -1
    assert frame_length(b"$$A128,353358017784062,AAA") == -1  # Meitrack: 0x4131 bytes
    fr = framer(PROTOCOL)
    assert fr.feed(v.TRACCAR_ZERO_LENGTH + v.TRACCAR_LOGIN) == [v.TRACCAR_LOGIN]


def test_length_that_misses_crlf_is_garbage() -> None:
    assert frame_length(v.TRACCAR_BROKEN) == len(v.TRACCAR_BROKEN) + 1  # waits for one more
    assert framer(PROTOCOL).feed(v.TRACCAR_BROKEN + v.TRACCAR_LOGIN) == [v.TRACCAR_LOGIN]


def test_crlf_inside_data_does_not_split() -> None:
    frame = build_frame(b"$$", bytes.fromhex("123456ffffffff"), M.RFID, b"\r\n\r\n$$\x00\x11")
    assert framer(PROTOCOL).feed(frame + v.TRACCAR_LOGIN) == [frame, v.TRACCAR_LOGIN]
