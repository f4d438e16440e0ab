"""Topflytech framing: text messages and T880x binary frames mixed on one stream, in every shape;
resync behind garbage; text that cannot be a message."""

from __future__ import annotations

import pytest

from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.topflytech import PROTOCOL
from fleetwire.protocols.topflytech.framing import frame_length
from tests.protocols.contract import assert_framing, assert_prefixes_need_more_or_fail, framer

from . import vectors as v


def test_framing_of_text_and_binary_glued() -> None:
    assert_framing(PROTOCOL, [v.TEXT, v.BINARY_LOGIN, v.TEXT_OTHER, v.BINARY_LOCATION, v.TEXT])


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:6].hex())
def test_every_frame_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


def test_text_needs_more_until_the_closing_parenthesis() -> None:
    for cut in (1, 5, 16, 40, len(v.TEXT) - 1):
        assert frame_length(v.TEXT[:cut]) == NEED_MORE


def test_text_that_cannot_be_a_message() -> None:
    assert frame_length(b"(12345x") == -1  # the IMEI is digits
    assert frame_length(b"(123456789012345)") == -1  # too short for a type
    assert frame_length(b"(123456789012345BP00\x01)") == -1  # not printable
    assert frame_length(b"(" + b"1" * 15 + b"A" * 1100) == -1  # no end within the cap
    assert frame_length(b"abc(") == -3
    fr = framer(PROTOCOL)
    assert fr.feed(b"\r\n" + v.TEXT + b"\r\n" + v.BINARY_LOGIN) == [v.TEXT, v.BINARY_LOGIN]
