"""T55 framing: one line per message, every shape of the stream, CR or LF alone, garbage."""

from __future__ import annotations

from fleetwire.protocols.t55 import PROTOCOL
from fleetwire.protocols.t55.framing import frame_length
from tests.protocols.contract import framer
from tests.protocols.fuzzing import feed_in_chunks

from . import vectors as v


def test_real_lines_in_every_shape() -> None:
    """Whole, glued, byte by byte, cut anywhere (the shared assert_framing also puts printable
    garbage in front, which any line protocol reads as the start of the first line)."""
    frames = v.VALID[:14]
    stream = b"".join(frames)
    for f in frames:
        assert framer(PROTOCOL).feed(f) == [f]
    assert framer(PROTOCOL).feed(stream) == frames
    assert feed_in_chunks(PROTOCOL, stream, 1) == frames
    for cut in range(1, len(stream)):
        fr = framer(PROTOCOL)
        assert fr.feed(stream[:cut]) + fr.feed(stream[cut:]) == frames, cut


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
