"""The one generic stream framer: owns the receive buffer and the size cap.

Each protocol only answers "where does the next frame end" (TrackerProtocol.frame_length); this
class does the buffering, garbage skipping and limits the same way for all of them, without
copying when a read holds whole frames (the common case for small tracker frames).
"""

from __future__ import annotations

from collections.abc import Callable

from fleetwire.errors import FrameTooLarge, FramingError

FrameLength = Callable[[memoryview], int]

_GARBAGE_SAMPLE = 64  # bytes of skipped garbage kept for the log line


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


class Framer:
    __slots__ = ("_buf", "_frame_length", "_max", "garbage", "skipped")

    def __init__(self, frame_length: FrameLength, max_frame_size: int) -> None:
        self._frame_length = frame_length
        self._max = max_frame_size
        self._buf: bytearray | None = None  # None while empty: idle connections stay small
        self.skipped = 0  # garbage bytes skipped since the last whole frame
        self.garbage: bytes = b""  # a sample of that garbage, for the log

    @property
    def buffered(self) -> int:
        return len(self._buf) if self._buf else 0

    def feed(self, data: bytes) -> list[bytes]:
        """Add received bytes; return the whole frames now available, in order.

        Raises FrameTooLarge when a frame (declared or still unterminated) passes the size cap,
        and FramingError when garbage runs past it without a frame: the caller closes the
        connection on either.
        """
        buf = self._buf
        src: bytes | bytearray
        if buf:
            buf += data
            src = buf
        else:
            src = data
        frames: list[bytes] = []
        end = len(src)
        pos = 0
        fl = self._frame_length
        limit = self._max
        with memoryview(src) as mv:
            while pos < end:
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
                    skip = min(-n, end - pos)
                    if not bytes(mv[pos : pos + skip]).strip(b"\r\n"):
                        pos += skip  # line ends between text frames: not garbage
                        continue
                    if self.skipped < _GARBAGE_SAMPLE:
                        self.garbage = (self.garbage + bytes(mv[pos : pos + skip]))[
                            :_GARBAGE_SAMPLE
                        ]
                    self.skipped += skip
                    pos += skip
                    if self.skipped > limit:
                        raise FramingError(f"{self.skipped} bytes of garbage without a frame")
            rest = bytes(mv[pos:]) if pos < end else b""
        self._buf = bytearray(rest) if rest else None
        return frames

    def take_garbage(self) -> bytes:
        """The garbage sample since the last call (to log once), and forget it."""
        g = self.garbage
        self.garbage = b""
        return g
