"""KHD framing: frames sized by their length field, checked against the tail; every frame in
every shape; resync behind garbage; headers that cannot be a frame."""

from __future__ import annotations

import pytest

from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.khd import PROTOCOL
from fleetwire.protocols.khd.framing import frame_length
from tests.protocols.contract import assert_framing, assert_prefixes_need_more_or_fail, framer

from . import vectors as v


def test_framing_glued() -> None:
    assert_framing(PROTOCOL, [v.LOGIN, v.POSITION, v.STORED, v.ALARM, v.EXTENDED])


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:3].hex())
def test_every_frame_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


def test_what_cannot_be_a_frame() -> None:
    assert frame_length(v.POSITION[:4]) == NEED_MORE
    assert frame_length(v.POSITION[:5]) == len(v.POSITION)
    assert frame_length(b"\x29\x29\x80\x00\x01") == -1  # no room for checksum and tail
    assert frame_length(b"\x29\x29\x80\x02\x01") == -1  # over 512 bytes
    assert frame_length(v.POSITION[:-1] + b"\x0e") == -1  # no tail where the length ends
    assert frame_length(b"\x29\x30") == -2
    assert framer(PROTOCOL).feed(b"\x00\x29" + v.LOGIN + b"xx" + v.POSITION) == [
        v.LOGIN, v.POSITION,
    ]  # fmt: skip
