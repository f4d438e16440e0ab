"""EasyTrack framing: real messages whole, glued, byte by byte and behind garbage."""

from __future__ import annotations

from fleetwire.protocols.easytrack import PROTOCOL
from fleetwire.protocols.easytrack.framing import frame_length
from tests.protocols.contract import assert_framing, framer

from . import vectors as v


def test_framing_of_real_messages() -> None:
    assert_framing(PROTOCOL, v.MESSAGES)


def test_resync_and_refusals() -> None:
    mq = b"*ET,358155100132943,MQ#"
    assert framer(PROTOCOL).feed(b"junk#" + mq + b"\r\n*ET,1") == [mq]
    assert frame_length(b"*ET,1") == 0
    assert frame_length(b"*ET,\x01#") == -4
