"""JT/T 808 framing: real frames through the shared framer in every shape, escaping, resync on
stray flags and garbage holding a 7E, the size cap, and the folded XOR."""

from __future__ import annotations

import os

import pytest

from fleetwire.errors import FrameTooLarge
from fleetwire.protocols._binary import xor8
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.jt808 import PROTOCOL
from fleetwire.protocols.jt808.framing import build_frame, escape, frame_length, unescape
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
            v.GOJT808_AUTH,
            v.HUABAO_LOCATION,
            v.TRACCAR_HEARTBEAT,
            v.GOJT808_LOCATION_ESCAPED,  # holds 7D 02
            v.TRACCAR_BATCH,
            v.GOJT808_REGISTER_2019,
            v.TRACCAR_LENGTH_OFF_BY_ONE,
            v.GOJT808_TERMINAL_RESPONSE,
        ],
    )


@pytest.mark.parametrize("frame", v.FRAMES, ids=lambda f: f[:7].hex())
def test_every_frame_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


def test_needs_more_until_the_closing_flag() -> None:
    assert frame_length(b"") == NEED_MORE
    assert frame_length(b"\x7e") == NEED_MORE
    assert frame_length(v.HUABAO_LOCATION[:-1]) == NEED_MORE


def test_garbage_is_skipped_up_to_the_next_flag() -> None:
    assert frame_length(b"abc\x7e\x01") == -3
    assert frame_length(b"abcdef") == -6
    fr = framer(PROTOCOL)
    assert fr.feed(b"\x00\x01garbage" + v.TRACCAR_HEARTBEAT) == [v.TRACCAR_HEARTBEAT]
    assert fr.skipped == 0


def test_doubled_flag_is_a_stray_end_flag() -> None:
    assert frame_length(b"\x7e\x7e" + v.TRACCAR_HEARTBEAT[1:]) == -1
    fr = framer(PROTOCOL)
    assert fr.feed(b"\x7e" + v.TRACCAR_HEARTBEAT) == [v.TRACCAR_HEARTBEAT]


def test_garbage_holding_a_flag_does_not_eat_the_next_frame() -> None:
    # "7E + 20 garbage bytes" then a real frame: the first 7E..7E candidate fails both the
    # length and the check code, so only the bytes before the real frame's flag are skipped
    garbage = b"\x7e" + bytes(range(1, 21))
    assert frame_length(garbage + v.GOJT808_AUTH) == -len(garbage)
    stream = garbage + v.GOJT808_AUTH + v.HUABAO_LOCATION
    assert framer(PROTOCOL).feed(stream) == [v.GOJT808_AUTH, v.HUABAO_LOCATION]


def test_lost_end_flag_resynchronises_on_the_next_frame() -> None:
    # its end flag lost, the next frame's opening flag closes it (so it comes out whole); that
    # frame, without its opening flag, is skipped, and its end flag + the following start
    # flag read as a stray end flag
    cut = v.HUABAO_LOCATION[:-1]
    fr = framer(PROTOCOL)
    got = fr.feed(cut + v.GOJT808_AUTH + v.TRACCAR_HEARTBEAT)
    assert got == [v.HUABAO_LOCATION, v.TRACCAR_HEARTBEAT]


def test_corrupted_frame_still_comes_out_whole() -> None:
    # length right, check code wrong: framed (the gateway keeps it as evidence, unacked)
    bad = bytearray(v.HUABAO_LOCATION)
    bad[30] ^= 0x01
    assert frame_length(bytes(bad)) == len(bad)


def test_unescaped_7d_is_kept_and_the_check_code_decides() -> None:
    """Firmware that forgets to escape a 7D: the byte stays as it is, and the frame stands or
    falls by its check code."""
    assert unescape(b"\x01\x7d\x7d\x01") == b"\x01\x7d\x7d"
    assert unescape(b"\x01\x7d") == b"\x01\x7d"
    assert unescape(b"\x7d\x01\x02\x7d\x03") == b"\x7d\x02\x7d\x03"
    inner = bytes.fromhex("000200020139123456780000") + b"\x7d\x03"  # body: 7D 03
    sound = b"\x7e" + inner + bytes((xor8(inner),)) + b"\x7e"
    assert frame_length(sound) == len(sound)
    broken = v.TRACCAR_HEARTBEAT[:5] + b"\x7d\x03" + v.TRACCAR_HEARTBEAT[5:]
    assert frame_length(broken) == -(len(broken) - 1)  # neither length nor check code agree


def test_escaping_matches_the_standard_example() -> None:
    # JT/T 808 4.4.2 (and traccar HuabaoFrameDecoderTest): 30 7E 08 7D 55
    raw = bytes.fromhex("307e087d55")
    assert escape(raw) == v.TRACCAR_ESCAPED[1:-1]
    assert unescape(v.TRACCAR_ESCAPED[1:-1]) == raw == v.TRACCAR_UNESCAPED[1:-1]
    assert unescape(escape(b"\x7d\x02\x7d\x01\x7e")) == b"\x7d\x02\x7d\x01\x7e"


def test_frame_over_the_cap_is_refused() -> None:
    with pytest.raises(FrameTooLarge):
        framer(PROTOCOL).feed(b"\x7e" + b"\x01" * (PROTOCOL.max_frame_size + 1))
    # a full 1023-byte body, every byte escaped, still fits
    frame = build_frame(0x0900, b"\x7e" * 1023, bytes(6), 1)
    assert len(frame) <= PROTOCOL.max_frame_size
    assert framer(PROTOCOL).feed(frame) == [frame]


def test_folded_xor_agrees_with_the_reference() -> None:
    for n in (0, 1, 2, 3, 7, 64, 300, 1024):
        data = os.urandom(n)
        assert xor8(data) == v.xor_reference(data)


def test_build_frame_matches_a_hand_built_one() -> None:
    body = b"\x7e\x7d\x00"
    assert build_frame(0x0900, body, bytes.fromhex("013912345678"), 0x7E7D) == (
        v.frame_reference(0x0900, "013912345678", 0x7E7D, body)
    )


# traccar HuabaoProtocolDecoderTest (used as data only): a Jointech lock's text answer between
# its 7E frames, and a lock report
LOCK_TEXT = b"(740190311185,1,001,ELOCK,3,529439)"
LOCK_REPORT = bytes.fromhex(
    "7e550104337401903111850622072002454206133574075359513a0000080100000001aa00005ded05e2030000"
    "00000c06005affb5ffb40a0302dc65100100137e"
)


def test_lock_text_between_frames() -> None:
    """A "(...)" text is a frame of its own, up to its ")"; one that meets a 7E first, or runs
    past the text limit, is garbage skipped without losing the frame after it."""
    assert framer(PROTOCOL).feed(LOCK_REPORT + LOCK_TEXT + LOCK_REPORT) == [
        LOCK_REPORT, LOCK_TEXT, LOCK_REPORT
    ]  # fmt: skip
    assert framer(PROTOCOL).feed(b"(7401903" + LOCK_REPORT) == [LOCK_REPORT]
    assert frame_length(memoryview(b"(74019")) == NEED_MORE
    assert frame_length(memoryview(b"(" + bytes(600))) == -1
