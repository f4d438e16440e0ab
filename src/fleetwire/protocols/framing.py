"""The one generic stream framer: owns the receive buffer, the size cap and the work per call.

Each protocol only answers "where does the next frame end" (TrackerProtocol.frame_length); this
class does the buffering, garbage skipping and limits the same way for all of them, without
copying when a read holds whole frames (the common case for small tracker frames).

Garbage costs linear time at C speed: the bytes that can start a frame are learnt once per
framing function (``frame_starts``), and after a protocol says "skip" the framer jumps straight
to the next such byte with a compiled search instead of asking the protocol byte by byte. Each
``feed`` does a bounded number of steps, so one flooding peer cannot hold the event loop: the
caller sees ``more`` and feeds again (with no new bytes) on a later tick.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from fleetwire.errors import FrameTooLarge, FramingError

FrameLength = Callable[[memoryview], int]

_GARBAGE_SAMPLE = 64  # bytes of skipped garbage kept for the log line
MAX_STEPS = 512  # frames plus skips handled in one feed() before yielding to other connections
_ANY = re.compile(rb"[\x00-\xff]")


def garbage_before(buf: bytes | bytearray | memoryview, starts: bytes) -> int:
    """For a frame_length on its garbage path: the bytes before the next byte (after the first)
    that may start a frame, one of ``starts``; all of them when there is none."""
    data = bytes(buf)
    cut = len(data)
    for start in starts:
        i = data.find(bytes((start,)), 1, cut)
        if i > 0:
            cut = i
    return cut


def frame_starts(frame_length: FrameLength) -> bytes:
    """The bytes a frame may start with, as this framing function judges a lone first byte.

    A byte it calls garbage on its own can never start a frame (the contract tests hold every
    protocol to that for any continuation), so the framer may skip it without asking again."""
    starts = bytearray()
    for b in range(256):
        try:
            if frame_length(memoryview(bytes((b,)))) >= 0:
                starts.append(b)
        except FramingError:
            starts.append(b)  # it wants to judge the header itself: ask it every time
    return bytes(starts)


def start_pattern(starts: bytes) -> re.Pattern[bytes]:
    if len(starts) == 256:
        return _ANY
    return re.compile(b"[" + b"".join(re.escape(bytes((b,))) for b in starts) + b"]")


class Framer:
    __slots__ = (
        "_buf",
        "_frame_length",
        "_max",
        "_starts",
        "garbage",
        "garbage_total",
        "more",
        "skipped",
    )

    def __init__(
        self,
        frame_length: FrameLength,
        max_frame_size: int,
        starts: re.Pattern[bytes] | None = None,
    ) -> None:
        self._frame_length = frame_length
        self._max = max_frame_size
        self._starts = starts if starts is not None else start_pattern(frame_starts(frame_length))
        self._buf: bytearray | None = None  # None while empty: idle connections stay small
        self.skipped = 0  # garbage bytes skipped since the last whole frame
        self.garbage_total = 0  # garbage bytes skipped since the caller last reset it
        self.garbage: bytes = b""  # a sample of that garbage, for the log
        self.more = False  # feed() stopped at its step budget: call it again to go on

    @property
    def buffered(self) -> int:
        return len(self._buf) if self._buf else 0

    def feed(self, data: bytes = b"", max_steps: int = MAX_STEPS) -> list[bytes]:
        """Add received bytes; return the whole frames now available, in order.

        Raises FrameTooLarge when a frame (declared or still unterminated) passes the size cap,
        and FramingError when garbage runs past it without a frame: the caller closes the
        connection on either. Stops after ``max_steps`` frames and skips with ``more`` set.
        """
        buf = self._buf
        src: bytes | bytearray
        if buf:
            if data:
                buf += data
            src = buf
        else:
            src = data
        frames: list[bytes] = []
        end = len(src)
        pos = 0
        fl = self._frame_length
        limit = self._max
        steps = 0
        self.more = False
        with memoryview(src) as mv:
            while pos < end:
                if steps >= max_steps:
                    self.more = True
                    break
                steps += 1
                n = fl(mv[pos:])
                if n > 0:
                    if n > limit:
                        raise FrameTooLarge(f"frame of {n} bytes exceeds the {limit}-byte limit")
                    if pos + n > end:
                        break
                    if pos == 0 and n == end and type(src) is bytes:
                        frames.append(src)  # the whole read is one frame: no copy
                    else:
                        frames.append(bytes(mv[pos : pos + n]))
                    pos += n
                    self.skipped = 0
                elif n == 0:
                    if end - pos > limit:
                        raise FrameTooLarge(f"{end - pos} bytes without a frame boundary")
                    break
                else:
                    # past the bytes the protocol rejected, on to the next possible frame start
                    m = self._starts.search(src, min(pos - n, end))
                    nxt = m.start() if m is not None else end
                    self._skip(mv[pos:nxt])
                    pos = nxt
                    if self.skipped > limit:
                        raise FramingError(f"{self.skipped} bytes of garbage without a frame")
            rest = bytes(mv[pos:]) if pos < end else b""
        self._buf = bytearray(rest) if rest else None
        return frames

    def _skip(self, seg: memoryview) -> None:
        if not seg.tobytes().strip(b"\r\n"):
            return  # line ends between text frames: not garbage
        if len(self.garbage) < _GARBAGE_SAMPLE:
            self.garbage = (self.garbage + seg[:_GARBAGE_SAMPLE].tobytes())[:_GARBAGE_SAMPLE]
        self.skipped += len(seg)
        self.garbage_total += len(seg)

    def take_garbage(self) -> bytes:
        """The garbage sample since the last call (to log once), and forget it."""
        g = self.garbage
        self.garbage = b""
        return g
