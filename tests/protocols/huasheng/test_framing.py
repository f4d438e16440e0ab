"""HuaSheng framing: C0 ... C0 with SLIP escapes; every frame in every shape; resync."""

from __future__ import annotations

import pytest

from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.huasheng import PROTOCOL
from fleetwire.protocols.huasheng.framing import build, frame_length, open_frame
from tests.protocols.contract import assert_framing, assert_prefixes_need_more_or_fail, framer

from . import vectors as v


def test_framing_glued() -> None:
    assert_framing(PROTOCOL, [v.LOGIN, v.POSITION, v.DTC, v.REQUEST, v.OTHER, v.MOVING])


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[5:7].hex())
def test_every_frame_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


def test_escapes_round_trip() -> None:
    frame = build(0, 0xAA00, 0xC0DB, bytes((0xC0, 0xDB, 0x01)))
    assert frame.count(0xC0) == 2
    env = open_frame(frame)
    assert (env.serial, env.content) == (0xC0DB, bytes((0xC0, 0xDB, 0x01)))


def test_what_cannot_be_a_frame() -> None:
    assert frame_length(b"\xc0\x00\x00\xc0") == -3  # too short: the second C0 may open a frame
    assert frame_length(b"ab\xc0") == -2
    assert frame_length(v.POSITION[:10]) == NEED_MORE
    assert framer(PROTOCOL).feed(b"\x00\xc0\xc0" + v.DTC + v.OTHER) == [v.DTC, v.OTHER]
