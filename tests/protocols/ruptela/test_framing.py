"""Ruptela framing: real frames through the shared framer in every shape, resync on the IMEI's
leading bytes, and the size cap."""

from __future__ import annotations

import pytest

from fleetwire.errors import FrameTooLarge
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.ruptela import PROTOCOL
from fleetwire.protocols.ruptela.constants import MAX_FRAME_SIZE
from fleetwire.protocols.ruptela.framing import frame_length
from tests.protocols.contract import assert_framing, assert_prefixes_need_more_or_fail, framer

from . import vectors as v


def test_session_of_real_frames_glued() -> None:
    assert_framing(PROTOCOL, v.VALID)


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:12].hex())
def test_every_frame_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"", NEED_MORE),
        (b"\x00", NEED_MORE),
        (b"\x00\x50", 0x50 + 4),  # the length alone announces the frame
        (b"\x00\x50\x00\x03", 0x50 + 4),
        (b"\x00\x08", -1),  # shorter than IMEI + command id
        (b"\x00\x50\x01", -1),  # IMEI's first byte is never set
        (b"\x00\x50\x00\x04", -1),  # nor its second byte above 3
    ],
)
def test_frame_length(head: bytes, expected: int) -> None:
    assert frame_length(memoryview(head)) == expected


def test_resync_after_garbage_that_looks_like_a_length() -> None:
    fr = framer(PROTOCOL)
    garbage = b"\x00\x20\x00\x07\x00\x30\x05"
    assert fr.feed(garbage + v.RECORDS_ONE + v.RECORDS_WEST) == [v.RECORDS_ONE, v.RECORDS_WEST]
    assert fr.take_garbage() == garbage


def test_captures_with_a_wrong_length_do_not_frame_whole() -> None:
    for frame in (v.DTCS_BAD_LENGTH, v.SMS_BAD_LENGTH):
        assert framer(PROTOCOL).feed(frame) != [frame]


def test_size_cap_is_the_16_bit_length() -> None:
    assert MAX_FRAME_SIZE == 0xFFFF + 4
    assert PROTOCOL.max_frame_size == MAX_FRAME_SIZE
    assert frame_length(b"\xff\xff\x00\x00") == MAX_FRAME_SIZE
    with pytest.raises(FrameTooLarge):
        type(framer(PROTOCOL))(PROTOCOL.frame_length, 1024).feed(b"\xff\xff\x00\x00")
