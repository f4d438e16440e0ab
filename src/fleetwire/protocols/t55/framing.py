"""T55 framing: one line per message, ended by CR LF (NMEA), a lone LF, or a lone CR (known once
the next byte is not LF). A line is printable ASCII; a control byte inside one makes it garbage,
skipped up to the next printable byte.
"""

from __future__ import annotations

from fleetwire.protocols._binary import Buffer
from fleetwire.protocols.base import NEED_MORE

from .constants import CR, LF, MAX_FRAME_SIZE


def _printable(b: int) -> bool:
    return 0x20 <= b <= 0x7E


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next line (see base.NEED_MORE)."""
    n = len(buf)
    if n == 0:
        return NEED_MORE
    if not _printable(buf[0]):
        return -1
    for i in range(1, min(n, MAX_FRAME_SIZE)):
        b = buf[i]
        if b == LF:
            return i + 1
        if b == CR:
            if i + 1 == n:
                return NEED_MORE  # its LF may follow in the next read
            return i + 2 if buf[i + 1] == LF else i + 1
        if not _printable(b):
            return -i
    return NEED_MORE  # the framer's size cap bounds the wait
