"""T55 framing: one line per message, every shape of the stream, CR or LF alone, garbage."""

from __future__ import annotations

from fleetwire.protocols.t55 import PROTOCOL
from fleetwire.protocols.t55.framing import frame_length
from tests.protocols.contract import CONTROL_GARBAGE, assert_framing, framer

from . import vectors as v

FRAMES = v.VALID[:14]


def test_real_lines_in_every_shape() -> None:
    """Printable garbage in front of a line protocol joins its first line: control bytes only."""
    assert_framing(PROTOCOL, FRAMES, CONTROL_GARBAGE)


def test_line_ends() -> None:
    assert frame_length(b"$PGID,1\n$GP") == 8
    assert frame_length(b"$PGID,1\r$GP") == 8
    assert frame_length(b"$PGID,1\r\n") == 9
    assert frame_length(b"$PGID,1\r") == 0
    assert frame_length(b"$PGID,1") == 0


def test_control_bytes_are_garbage() -> None:
    fr = framer(PROTOCOL)
    stream = b"\x00\x01\xff" + v.PGID + b"$GP\x02RMC\r\n" + v.RMC
    # the line cut by a control byte is dropped up to it; its rest is a line of its own
    assert fr.feed(stream) == [v.PGID, b"RMC\r\n", v.RMC]
    assert fr.garbage_total == 7
