"""Galileosky framing: real packets through the shared framer in every shape, resync on the
header byte, the archive flag in the length, and the size cap."""

from __future__ import annotations

import pytest

from fleetwire.errors import FrameTooLarge
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.galileo import PROTOCOL
from fleetwire.protocols.galileo.constants import MAX_FRAME_SIZE
from fleetwire.protocols.galileo.framing import build, frame_length
from tests.protocols.contract import assert_framing, assert_prefixes_need_more_or_fail, framer

from . import vectors as v


def test_session_of_real_packets_glued() -> None:
    assert_framing(PROTOCOL, v.VALID)


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:8].hex())
def test_every_packet_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"", NEED_MORE),
        (b"\x01", NEED_MORE),
        (b"\x01\x17", NEED_MORE),
        (b"\x01\x17\x80", 0x17 + 5),  # bit 15 is the archive flag, not length
        (b"\x01\x17\x00", 0x17 + 5),
        (b"\x07\xe1\x03", 0x3E1 + 5),
        (b"\x08\x10\x00", 0x10 + 5),
        (b"\x02\x01\x00", -1),  # a confirmation never comes from a device
        (b"\x01\x00\x80", -1),  # nothing inside
        (b"\xff", -1),
    ],
)
def test_frame_length(head: bytes, expected: int) -> None:
    assert frame_length(memoryview(head)) == expected


def test_resync_after_garbage() -> None:
    fr = framer(PROTOCOL)
    assert fr.feed(b"\x00\x02\x99" + v.HEAD_PACKET + v.REPLY_OUT) == [v.HEAD_PACKET, v.REPLY_OUT]


def test_archive_flag_is_kept_in_the_packet() -> None:
    assert build(1, b"\x01\x11", archive=True)[1:3] == b"\x02\x80"
    assert build(1, b"\x01\x11")[1:3] == b"\x02\x00"


def test_size_cap() -> None:
    assert MAX_FRAME_SIZE == 0x7FFF + 5 == PROTOCOL.max_frame_size
    with pytest.raises(FrameTooLarge):
        type(framer(PROTOCOL))(PROTOCOL.frame_length, 1024).feed(b"\x01\xff\x7f")
