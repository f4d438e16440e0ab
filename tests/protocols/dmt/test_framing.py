"""Digital Matter framing: real messages through the shared framer in every shape, resync on the
02 55 sync, the empty commit request, and the size cap."""

from __future__ import annotations

import pytest

from fleetwire.errors import FrameTooLarge
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.dmt import PROTOCOL
from fleetwire.protocols.dmt.constants import MAX_FRAME_SIZE
from fleetwire.protocols.dmt.framing import COMMIT_REQUEST, frame_length
from tests.protocols.contract import assert_framing, assert_prefixes_need_more_or_fail, framer

from . import vectors as v

SESSION = [v.HELLO, v.TWO_RECORDS, v.PERTH, COMMIT_REQUEST, v.ASYNC_SESSION]


def test_session_of_real_messages_glued() -> None:
    assert_framing(PROTOCOL, SESSION)
    assert_framing(PROTOCOL, v.VALID)


@pytest.mark.parametrize("frame", [*v.VALID, COMMIT_REQUEST], ids=lambda f: f[:8].hex())
def test_every_message_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"", NEED_MORE),
        (b"\x02", NEED_MORE),
        (b"\x02\x55", NEED_MORE),
        (b"\x02\x55\x04\x3d", NEED_MORE),
        (b"\x02\x55\x05\x00\x00", 5),  # commit request: no payload
        (b"\x02\x55\x04\x3d\x00", 5 + 0x3D),
        (b"\x02\x55\x04\xff\xff", 5 + 0xFFFF),  # the length is little-endian
        (b"\x02\x56", -1),
        (b"\x55", -1),
        (b"\x00", -1),
    ],
)
def test_frame_length(head: bytes, expected: int) -> None:
    assert frame_length(memoryview(head)) == expected


def test_resync_after_garbage() -> None:
    fr = framer(PROTOCOL)
    assert fr.feed(b"\x02\x02\x99\x55" + v.HELLO + COMMIT_REQUEST) == [v.HELLO, COMMIT_REQUEST]
    assert fr.skipped == 0  # counted, then reset by the whole frame


def test_size_cap() -> None:
    assert MAX_FRAME_SIZE == 5 + 0xFFFF == PROTOCOL.max_frame_size
    with pytest.raises(FrameTooLarge):
        type(framer(PROTOCOL))(PROTOCOL.frame_length, 1024).feed(b"\x02\x55\x04\xff\x7f")
