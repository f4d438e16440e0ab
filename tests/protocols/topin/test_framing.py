"""Topin framing: the length byte where it lines up, the login and WiFi layouts, the first stop
marker for firmware whose length is off; every frame in every shape; resync behind garbage."""

from __future__ import annotations

import pytest

from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.topin import PROTOCOL
from fleetwire.protocols.topin.framing import frame_length
from tests.protocols.contract import assert_framing, assert_prefixes_need_more_or_fail, framer

from . import vectors as v


def test_framing_of_every_kind_glued() -> None:
    assert_framing(PROTOCOL, [v.LOGIN, v.GPS, v.HEARTBEAT, v.STATUS_SHORT, v.WIFI, v.STATUS])


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:5].hex())
def test_every_frame_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


def test_where_each_frame_ends() -> None:
    assert frame_length(v.LOGIN[:4]) == 15  # fixed: the length byte is reserved
    assert frame_length(v.WIFI[:10]) == NEED_MORE  # the cell count is not here yet
    # the length byte lined up with 0D 0A decides, even with an end marker inside the content
    inner = bytes.fromhex("78780a1342400d0a6400041f000d0a")
    assert frame_length(inner) == len(inner)


def test_what_cannot_be_a_frame() -> None:
    assert frame_length(b"\x78\x00") == -2  # up to the next possible start: none
    assert frame_length(b"ab\x78\x78") == -2
    assert frame_length(b"\x78\x78\x05\x10" + b"\x00" * 1100) == -2  # no end within the cap
    assert framer(PROTOCOL).feed(b"\x00\x01" + v.GPS + b"zz" + v.LOGIN) == [v.GPS, v.LOGIN]
