"""GoTop framing: real messages in every shape, `#` or a line end closing them."""

from __future__ import annotations

from fleetwire.protocols.gotop import PROTOCOL
from fleetwire.protocols.gotop.framing import frame_length
from tests.protocols.contract import assert_framing, framer

from . import vectors as v


def test_real_messages_in_every_shape() -> None:
    assert_framing(PROTOCOL, v.VALID)


def test_a_line_end_closes_a_message_too() -> None:
    line = v.KEEPALIVE[:-1] + b"\r\n"
    assert frame_length(line + v.TRACKING) == len(line)
    assert frame_length(v.KEEPALIVE + b"\r\n" + v.TRACKING) == len(v.KEEPALIVE) + 2


def test_garbage_is_skipped_to_the_next_digit() -> None:
    assert framer(PROTOCOL).feed(b"\x00junk" + v.KEEPALIVE) == [v.KEEPALIVE]
