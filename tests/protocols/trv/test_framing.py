"""TRV framing: real messages through the shared framer in every shape, CR/LF after `#` kept,
garbage skipped up to the next `TRV`/`IW`."""

from __future__ import annotations

from fleetwire.protocols.trv import PROTOCOL
from fleetwire.protocols.trv.framing import frame_length
from tests.protocols.contract import assert_framing, framer

from . import vectors as v


def test_real_messages_in_every_shape() -> None:
    assert_framing(PROTOCOL, v.VALID)


def test_line_end_stays_with_the_message() -> None:
    assert frame_length(v.LOGIN + b"\r\n" + v.LOCATION) == len(v.LOGIN) + 2


def test_garbage_and_other_letters_are_skipped() -> None:
    fr = framer(PROTOCOL)
    assert fr.feed(b"\x00TX junk I " + v.LOGIN + v.HEARTBEAT) == [v.LOGIN, v.HEARTBEAT]


def test_a_message_cut_by_a_control_byte_is_dropped() -> None:
    assert framer(PROTOCOL).feed(b"TRVAP01\x0108" + v.LOGIN) == [v.LOGIN]
