"""GT06 framing: real frames through the shared framer in every shape, resync behind garbage,
no split on 0D0A inside content, the heartbeat length quirk, and the size cap."""

from __future__ import annotations

import pytest

from fleetwire.errors import FrameTooLarge
from fleetwire.protocols import get
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.gt06.framing import build_frame, frame_length, reply
from tests.protocols.contract import (
    assert_framing,
    assert_prefixes_need_more_or_fail,
    framer,
)

from . import vectors as v

PROTOCOL = get("gt06")


def test_framing_of_glued_real_frames() -> None:
    assert_framing(
        PROTOCOL,
        [
            v.CONCOX_LOGIN,
            v.VL03_HEARTBEAT,
            v.TRACCAR_GPS_LBS,
            v.CONCOX_ALARM,
            v.TRACCAR_COMMAND_REPLY_UTF16,
            v.TRACCAR_HEARTBEAT_QUIRK,
            v.TRACCAR_INFO_ICCID,
            v.VL03_GPS_LBS_2,
        ],
    )


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:6].hex())
def test_every_frame_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


def test_header_needs_more() -> None:
    for part in (b"", b"\x78", b"\x78\x78", b"\x79", b"\x79\x79", b"\x79\x79\x00"):
        assert frame_length(part) == NEED_MORE
    # once the length is known it is announced, before the rest arrives
    assert frame_length(v.CONCOX_LOGIN[:3]) == len(v.CONCOX_LOGIN)
    assert frame_length(v.TRACCAR_INFO_ICCID[:4]) == len(v.TRACCAR_INFO_ICCID)


def test_garbage_is_skipped_up_to_the_next_start_marker() -> None:
    assert frame_length(b"abc\x78\x78\x05") == -3
    assert frame_length(b"abc\x79\x79") == -3
    assert frame_length(b"abcdef") == -6
    assert frame_length(b"abc\x78") == -3  # a lone last 78 may start a header
    assert frame_length(b"\x78\x01\x02") == -3


def test_stop_marker_inside_content_does_not_split() -> None:
    frame = build_frame(0x15, b"\x0d\x0a\x0d\x0a" + b"\x00" * 7, 0x0D0A)
    assert framer(PROTOCOL).feed(frame + v.CONCOX_LOGIN) == [frame, v.CONCOX_LOGIN]


def test_length_that_misses_the_stop_marker_is_garbage() -> None:
    bogus = b"\x78\x78\x05\x01\x00\x01\xd9\xdc\x00\x00"  # right length, wrong stop bytes
    assert frame_length(bogus) == -1
    fr = framer(PROTOCOL)
    assert fr.feed(bogus + v.CONCOX_LOGIN) == [v.CONCOX_LOGIN]
    assert fr.skipped == 0  # reset by the frame that followed
    assert frame_length(b"\x78\x78\x02\x01\x0d\x0a\x00") == -1  # declared length below 5


def test_heartbeat_length_quirk_is_framed_whole() -> None:
    # declared 8 -> 13 bytes, but 0D0A sits two bytes later: the documented misfit
    assert frame_length(v.TRACCAR_HEARTBEAT_QUIRK) == 15
    assert frame_length(v.TRACCAR_HEARTBEAT_QUIRK[:13]) == 15  # not all here yet
    assert frame_length(v.CONCOX_HEARTBEAT_BROKEN) == 15
    # a genuine 3-byte-content heartbeat with length 8 still frames at 13
    short = build_frame(0x13, b"\x4b\x04\x03", 0x11)
    assert short[2] == 8
    assert framer(PROTOCOL).feed(short + v.CONCOX_LOGIN) == [short, v.CONCOX_LOGIN]


def test_long_frame_over_the_cap_is_refused() -> None:
    with pytest.raises(FrameTooLarge):
        framer(PROTOCOL).feed(b"\x79\x79\xff\xf0\x94")
    assert PROTOCOL.max_frame_size >= 1024


def test_reply_is_the_documented_short_form() -> None:
    assert reply(0x01, 1) == v.CONCOX_LOGIN_REPLY
    assert reply(0x13, 0x11) == v.CONCOX_HEARTBEAT_REPLY
    assert reply(0x26, 0x1C) == v.VL03_ALARM_2_REPLY_SERIAL_1C
    assert reply(0x16, 0x36) == v.ack(0x16, 0x36)
