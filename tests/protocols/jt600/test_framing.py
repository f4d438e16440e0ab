"""JT600 framing: binary short and long frames and text messages mixed on one stream, in every
shape; resync behind garbage; headers that cannot be a frame."""

from __future__ import annotations

import pytest

from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.jt600 import PROTOCOL
from fleetwire.protocols.jt600.framing import frame_length
from tests.protocols.contract import assert_framing, assert_prefixes_need_more_or_fail, framer

from . import vectors as v


def test_framing_of_binary_and_text_glued() -> None:
    assert_framing(PROTOCOL, [v.SHORT_ONE, v.U01, v.LONG_35, v.HEARTBEAT, v.SHORT_SIX, v.W01])


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:12].hex())
def test_every_frame_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


def test_length_is_read_where_each_header_keeps_it() -> None:
    # short: length at offset 7, plus '$', id, type, length and the serial byte
    assert frame_length(v.SHORT_SIX[:10]) == 162 + 10
    # long: a zero at offset 8 (the length's high byte), length at offset 8
    assert frame_length(v.LONG_52[:10]) == 52 + 10


def test_what_cannot_be_a_frame() -> None:
    assert frame_length(b"$\x3a") == -1  # the id is BCD
    assert frame_length(bytes.fromhex("24312082ff29")) == -1  # a nibble over 9
    assert frame_length(bytes.fromhex("24312082002911000000")) == -1  # zero length
    assert frame_length(b"(31208x") == -1  # the text id is digits
    assert frame_length(b"(3120820029,U01\x01)") == -1  # not printable
    assert frame_length(b"(" + b"1" * 10 + b"," * 1100) == -1  # no end within the cap
    assert frame_length(b"abc$") == -3
    for cut in (1, 5, 9):
        assert frame_length(v.SHORT_ONE[:cut]) == NEED_MORE
    fr = framer(PROTOCOL)
    assert fr.feed(b"\r\n" + v.U01 + b"\r\n" + v.SHORT_ONE) == [v.U01, v.SHORT_ONE]
