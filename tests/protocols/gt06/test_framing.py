"""GT06 framing: real frames through the shared framer in every shape, resync behind garbage,
no split on 0D0A inside content, the heartbeat length quirk, and the size cap."""

from __future__ import annotations

import pytest

from fleetwire.errors import FrameTooLarge
from fleetwire.protocols import get
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.gt06.framing import (
    NO_SERIAL,
    build_frame,
    frame_length,
    open_frame,
    reply,
)
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
    # a short header needs its protocol number too (some variants' length byte is a count)
    assert frame_length(v.CONCOX_LOGIN[:3]) == NEED_MORE
    # once the length is known it is announced, before the rest arrives
    assert frame_length(v.CONCOX_LOGIN[:4]) == len(v.CONCOX_LOGIN)
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


def test_wifi_frames_whose_length_byte_is_a_count_are_framed_whole() -> None:
    for frame in (v.WIFI_3, v.WIFI_0):
        assert frame_length(frame) == len(frame)
        assert framer(PROTOCOL).feed(frame + v.CONCOX_LOGIN) == [frame, v.CONCOX_LOGIN]
        assert_prefixes_need_more_or_fail(PROTOCOL, frame)
    # the counts are read from the frame: 0 access points, 2 cells -> 4 + 6 + 1 + 3 + 10 + 2
    assert frame_length(v.WIFI_0[:11]) == 26 == len(v.WIFI_0)
    # counts that do not land on a stop marker: not a frame, resynchronise
    broken = v.WIFI_0[:-2] + b"\x00\x00"
    assert frame_length(broken) == -1


def test_gps_frame_whose_length_counts_only_its_content() -> None:
    frame = v.GPS_NO_CRC
    assert frame[2] + 6 == len(frame)
    assert framer(PROTOCOL).feed(v.CONCOX_LOGIN + frame + v.CONCOX_LOGIN) == [
        v.CONCOX_LOGIN, frame, v.CONCOX_LOGIN,
    ]  # fmt: skip
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


def test_crc_less_frames_open_without_a_serial() -> None:
    env = open_frame(v.WIFI_3)
    assert (env.protocol, env.serial, env.length) == (0x69, NO_SERIAL, 3)
    assert v.WIFI_3[env.start : env.end][:6] == bytes.fromhex("160413031849")
    env = open_frame(v.GPS_NO_CRC)
    assert (env.protocol, env.serial, env.end - env.start) == (0x10, NO_SERIAL, 18)


def test_long_frames_round_trip() -> None:
    frame = build_frame(0x94, b"\x0b\x01", 0x0A0B, long=True)
    assert frame == bytes.fromhex("79790007940B010A0B5ACE0D0A")  # TRACCAR_DEC capture
    env = open_frame(frame)
    assert (env.protocol, env.serial, env.long, env.length) == (0x94, 0x0A0B, True, 7)
    body = bytes.fromhex("0005330109")  # length, protocol, serial
    crc = v.crc_x25_reference(body).to_bytes(2, "big")
    assert reply(0x33, 0x0109, long=True) == b"\x79\x79" + body + crc + b"\r\n"


def test_frame_too_short_for_serial_and_crc_is_kept_not_dropped() -> None:
    tiny = bytes.fromhex("787801080d0a")  # TRACCAR_DEC capture: protocol 0x08 alone
    assert framer(PROTOCOL).feed(tiny + v.CONCOX_LOGIN) == [tiny, v.CONCOX_LOGIN]
    env = open_frame(tiny)
    assert (env.protocol, env.serial, env.start, env.end) == (0x08, NO_SERIAL, 4, 4)


def test_a_captured_burst_of_glued_frames() -> None:
    """github.com/traccar/traccar/issues/1532: heartbeats and locations arriving in one read."""
    burst = v.h(
        "78780a1344060400020141e6080d0a78780a1346060400020142e3280d0a78781f120f0b10172113cc02"
        "139338084da5b000d52701945a100500f00d0143ed9a0d0a78781f120f0b10172213cc021394c4084da6"
        "300dd40b01945a100500f00d014428b40d0a"
    )
    frames = framer(PROTOCOL).feed(burst)
    assert [f[3] for f in frames] == [0x13, 0x13, 0x12, 0x12]
    assert b"".join(frames) == burst
