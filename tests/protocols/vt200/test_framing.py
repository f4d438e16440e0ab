"""VT200 framing: frames end at the first 29 (escaped inside); every frame in every shape;
resync behind garbage."""

from __future__ import annotations

import pytest

from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.vt200 import PROTOCOL
from fleetwire.protocols.vt200.framing import escape, frame_length, unescape
from tests.protocols.contract import assert_framing, assert_prefixes_need_more_or_fail, framer

from . import vectors as v


def test_framing_glued() -> None:
    assert_framing(PROTOCOL, [v.POSITION, v.ESCAPED_29, v.OTHER, v.TRIP, v.ESCAPED_28])


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[7:9].hex())
def test_every_frame_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


def test_escaping() -> None:
    assert unescape(bytes.fromhex("013d14023d15033d01")) == bytes.fromhex("01290228033d01")
    assert escape(bytes.fromhex("2928")) == bytes.fromhex("3d1428")
    assert unescape(escape(bytes(range(256)))) == bytes(range(256))


def test_what_cannot_be_a_frame() -> None:
    assert frame_length(b"\x28\x01\x29") == -1  # too short
    assert frame_length(b"\x28" + b"\x00" * 2100) < 0  # no end within the cap
    assert frame_length(b"ab(") == -2
    assert frame_length(v.POSITION[:20]) == NEED_MORE
    assert framer(PROTOCOL).feed(b"zz" + v.OTHER + b"\r\n" + v.POSITION) == [v.OTHER, v.POSITION]
