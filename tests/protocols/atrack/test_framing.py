"""ATrack framing: binary, text, keep-alive and reply frames through the shared framer in every
shape, the binary/text tell-apart, resync behind garbage, and the size cap."""

from __future__ import annotations

import pytest

from fleetwire.errors import FramingError
from fleetwire.protocols.atrack import PROTOCOL
from fleetwire.protocols.atrack.framing import build_binary, frame_length
from fleetwire.protocols.base import NEED_MORE
from tests.protocols.contract import assert_framing, assert_prefixes_need_more_or_fail, framer

from . import vectors as v


def test_framing_of_glued_real_frames() -> None:
    assert_framing(
        PROTOCOL,
        [v.KEEPALIVE, v.FRAME_ONE, v.TEXT_FIVE, v.CUSTOM_SMALL, v.REPLY_OK, v.IMAGE, v.TEXT_FULL,
         v.REPLY_INFO, v.TWO],
    )  # fmt: skip


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:8].hex())
def test_every_frame_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


def test_lengths_are_announced_from_the_header() -> None:
    for part in (b"", b"@", b"@P", b"@P,", b"@P,ABF4", b"@P,ABF4,52", b"\xfe", b"$", b"$OK"):
        assert frame_length(part) == NEED_MORE, part
    assert frame_length(v.FRAME_ONE[:6]) == len(v.FRAME_ONE)
    assert frame_length(v.TEXT_FULL[:12]) == len(v.TEXT_FULL)
    assert frame_length(v.KEEPALIVE[:2]) == 12


def test_text_and_binary_are_told_apart() -> None:
    # a binary frame whose CRC starts with "," (0x2C): its length high byte is never hex text
    frame = b"@P,\x41" + v.FRAME_ONE[4:]
    assert frame_length(frame) == len(v.FRAME_ONE)
    assert frame_length(v.TEXT_BEACON[:5]) == NEED_MORE  # "@P,7A": text so far


def test_garbage_is_skipped_up_to_a_possible_start() -> None:
    assert frame_length(b"abc@P") == -3
    assert frame_length(b"xyz") == -3
    assert frame_length(b"\xfe\x03") == -1
    assert frame_length(b"@Q") == -1  # not a prefix ATrack uses
    assert frame_length(b"@P\x00\x00\x00\x05") == -1  # length below sequence + unit id
    assert frame_length(b"@P,ZZZZ,12,") == -1
    assert frame_length(b"@P,ABCD,1x,") == -1
    assert frame_length(b"$ok\r\n") == -1
    # a text length that does not land on a line end
    assert frame_length(b"@P,ABCD,5,1,2,3\r\n") == -1
    fr = framer(PROTOCOL)
    assert fr.feed(b"\x00\x01@Q" + v.KEEPALIVE + b"junk" + v.REPLY_OK) == [v.KEEPALIVE, v.REPLY_OK]


def test_edited_text_length_is_not_framed_whole() -> None:
    # TEXT_EDITED_LENGTH: its length stops one byte short of its line end
    assert frame_length(v.TEXT_EDITED_LENGTH) == -1


def test_lengths_past_the_cap_are_noise_not_frames() -> None:
    assert frame_length(b"@P\x00\x00\x1f\xff") == -1
    assert frame_length(b"@P,ABCD,99999,") == -1
    assert frame_length(build_binary(1, 2, b"")) == 16
    fr = framer(PROTOCOL)
    assert fr.feed(b"@P\x00\x00\x2f\xff" + v.KEEPALIVE) == [v.KEEPALIVE]


def test_garbage_past_the_cap_closes_the_connection() -> None:
    with pytest.raises(FramingError):
        framer(PROTOCOL).feed(b"x" * (PROTOCOL.max_frame_size + 1))
