"""Navis framing: real NTCB record messages and a real FLEX session through the shared framer
in every shape (the envelopes are Navtelecom's; this checks Navis' own frames go through)."""

from __future__ import annotations

import pytest

from fleetwire.protocols.base import Session
from fleetwire.protocols.framing import Framer
from fleetwire.protocols.navis import PROTOCOL
from fleetwire.protocols.navis.framing import frame_length
from tests.protocols.contract import assert_framing, assert_prefixes_need_more_or_fail, framer

from . import vectors as v


def test_session_of_real_frames_glued() -> None:
    assert_framing(PROTOCOL, v.NTCB)
    assert_framing(PROTOCOL, [v.LOGIN, v.SINGLE_F52, b"\x7f", v.ARRAY_F60, v.ARRAY_F52])


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:20].hex())
def test_every_frame_whole(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]


@pytest.mark.parametrize("frame", v.NTCB, ids=lambda f: f[:20].hex())
def test_every_ntcb_prefix(frame: bytes) -> None:
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


def test_a_negotiated_flex_session_is_cut_at_its_record_size() -> None:
    session = Session()
    fr = Framer(PROTOCOL.session_framing(session), PROTOCOL.max_frame_size)
    frames = []
    for frame in (v.FLEX20_LOGIN, v.FLEX20, v.FLEX20_URGENT, v.FLEX20_ARRAY):
        for cut in fr.feed(frame):
            PROTOCOL.inspect(cut, session)
            frames.append(cut)
    assert frames == [v.FLEX20_LOGIN, v.FLEX20, v.FLEX20_URGENT, v.FLEX20_ARRAY]


def test_an_empty_ntcb_packet_is_one_frame() -> None:
    """A body of length 0 is the NTCB keep-alive: a 16-byte header alone."""
    keep_alive = v.LOGIN[:12] + b"\x00\x00\x00" + bytes((0,))
    head = bytearray(keep_alive)
    x = 0
    for b in head[:15]:
        x ^= b
    head[15] = x
    assert frame_length(bytes(head)) == 16
