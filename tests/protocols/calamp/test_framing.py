"""LM Direct framing: one datagram is one message; the stream form (Options Header lengths and
body layout) frames every real message whole, byte by byte, glued, behind garbage, cut anywhere."""

from __future__ import annotations

import pytest

from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.calamp import PROTOCOL
from fleetwire.protocols.calamp.constants import MAX_FRAME_SIZE
from fleetwire.protocols.calamp.framing import frame_length
from tests.protocols.contract import assert_framing, assert_prefixes_need_more_or_fail, framer

from . import vectors as v


def test_stream_of_real_messages() -> None:
    assert_framing(PROTOCOL, v.STREAM)


@pytest.mark.parametrize("frame", v.STREAM, ids=lambda f: f[:12].hex())
def test_every_message_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"", NEED_MORE),
        (b"\x83", NEED_MORE),
        (b"\x83\x05\x01\x02\x03\x04\x05\x01", NEED_MORE),
        (b"\x83\x05\x01\x02\x03\x04\x05\x01\x01\x01\x00", NEED_MORE),
        (b"\x83\x05\x01\x02\x03\x04\x05\x01\x01\x01\x00\x00\x01", 13),  # Null: no body
        (b"\x83\x05\x01\x02\x03\x04\x05\x01\x01\x02\x01\x00\x01", 19),  # Acknowledge: 6 bytes
        (b"\x00\x00\x00\x01", 4),  # no Options Header: the Message Header comes first
        (b"\x83\x00", -1),  # an empty Mobile ID
        (b"\x83\x05\x01\x02\x03\x04\x05\x02", -1),  # Mobile ID Type length is always 1
        (b"\x83\x05\x01\x02\x03\x04\x05\x01\x01\x03", -1),  # no service type 3
        (b"\x03", -1),
        (b"\x01\x03", -1),  # an ID Report ends only where its datagram ends
        (b"\x01\x05", -1),  # nor do the other message types
    ],
)
def test_frame_length(head: bytes, expected: int) -> None:
    assert frame_length(memoryview(head)) == expected


def test_event_report_length_comes_from_its_accums_byte() -> None:
    head = v.EVENT_23_ACCUMS[: 9 + 4 + 40]
    assert frame_length(head) == 9 + 4 + 40 + 23 * 4
    assert frame_length(v.EVENT_23_ACCUMS[: 9 + 4 + 38]) == NEED_MORE


def test_id_report_is_not_framed_in_a_stream() -> None:
    assert frame_length(v.ID_REPORT) == -1


def test_size_cap_is_the_largest_udp_payload() -> None:
    assert PROTOCOL.max_frame_size == MAX_FRAME_SIZE == 65507
