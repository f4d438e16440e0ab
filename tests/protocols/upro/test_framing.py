"""UPRO framing: real messages through the shared framer in every shape (binary blocks with
CR LF inside among them), resync behind garbage and at a bad header, and the size cap."""

from __future__ import annotations

import pytest

from fleetwire.errors import DeviceError, FrameTooLarge
from fleetwire.protocols.base import NEED_MORE, Session
from fleetwire.protocols.upro import PROTOCOL
from fleetwire.protocols.upro.framing import frame_length
from tests.protocols.contract import assert_framing, framer

from . import vectors as v


def test_framing_of_glued_real_messages() -> None:
    assert_framing(PROTOCOL, [v.SHENZHEN, v.CHILE, v.BINARY_Q, v.HEARTBEAT, v.BARE])


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[1:20].decode("ascii", "replace"))
def test_every_message_whole_and_no_prefix_passes(frame: bytes) -> None:
    """No prefix is framed or accepted by inspect (decode takes a message without its `#` as
    whole, see framing.open_message, so only inspect is held to refuse the cut ones)."""
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    for cut in range(1, len(frame)):
        assert framer(PROTOCOL).feed(frame[:cut]) == [], cut
        if frame[:cut].count(b",") == 0:
            with pytest.raises(DeviceError):
                PROTOCOL.inspect(frame[:cut], Session())


def test_header_checks_and_garbage() -> None:
    assert frame_length(b"") == NEED_MORE
    assert frame_length(b"*H") == NEED_MORE
    assert frame_length(b"*HQ,4106011660,V1#") == -1  # an H02 line is no UPRO message
    assert frame_length(b"*hq20") == -1
    assert frame_length(b"xx*HQ20") == -2
    assert framer(PROTOCOL).feed(b"*HQ,1#" + v.SHENZHEN) == [v.SHENZHEN]


def test_unterminated_message_hits_the_size_cap() -> None:
    with pytest.raises(FrameTooLarge):
        framer(PROTOCOL).feed(b"*HQ200123,BA&A" + b"0" * PROTOCOL.max_frame_size)
