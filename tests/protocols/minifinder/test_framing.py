"""MiniFinder text framing: real messages through the shared framer in every shape, CR/LF after
`;` kept with the message, resync on `!` after garbage, and binary (minifinder2) frames on the
old name's port framed whole."""

from __future__ import annotations

from fleetwire.protocols.minifinder import PROTOCOL
from fleetwire.protocols.minifinder.framing import frame_length
from tests.protocols.contract import assert_framing, framer
from tests.protocols.minifinder2 import vectors as binary

from . import vectors as v


def test_real_messages_in_every_shape() -> None:
    assert_framing(PROTOCOL, v.VALID)


def test_line_end_stays_with_the_message() -> None:
    assert frame_length(v.LOGIN + b"\r\n" + v.POSITION) == len(v.LOGIN) + 2


def test_garbage_is_skipped_to_the_next_message() -> None:
    assert framer(PROTOCOL).feed(b"\x00junk" + v.POSITION) == [v.POSITION]


def test_a_message_cut_by_a_new_one_is_dropped() -> None:
    assert framer(PROTOCOL).feed(b"!D,22/2/14" + v.POSITION) == [v.POSITION]


def test_binary_frames_are_framed_by_minifinder2() -> None:
    stream = v.LOGIN + binary.GPS_SHENZHEN + binary.HEARTBEAT
    assert framer(PROTOCOL).feed(stream) == [v.LOGIN, binary.GPS_SHENZHEN, binary.HEARTBEAT]
