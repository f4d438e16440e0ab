"""Navis framing: a real FLEX 2.0 session cut at the record size Navis' own *>FLEX handling
negotiates. The envelopes are Navtelecom's (protocols/navis/framing.py hands out its framer), so
the framing's shape tests (every frame whole, glued, behind garbage, every prefix) run over
Navis' real frames in tests/protocols/navtelecom/test_framing.py, once for both protocols."""

from __future__ import annotations

from fleetwire.protocols.base import Session
from fleetwire.protocols.framing import Framer
from fleetwire.protocols.navis import PROTOCOL

from . import vectors as v


def test_a_negotiated_flex_session_is_cut_at_its_record_size() -> None:
    session = Session()
    fr = Framer(PROTOCOL.session_framing(session), PROTOCOL.max_frame_size)
    frames = []
    for frame in (v.FLEX20_LOGIN, v.FLEX20, v.FLEX20_URGENT, v.FLEX20_ARRAY):
        for cut in fr.feed(frame):
            PROTOCOL.inspect(cut, session)
            frames.append(cut)
    assert frames == [v.FLEX20_LOGIN, v.FLEX20, v.FLEX20_URGENT, v.FLEX20_ARRAY]
