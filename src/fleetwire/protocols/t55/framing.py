"""T55 framing: one line per message, ended by CR LF (NMEA), a lone LF, or a lone CR (known once
the next byte is not LF). A line is printable ASCII; a control byte inside one makes it garbage,
skipped up to the next printable byte.
"""

from __future__ import annotations

from fleetwire.protocols._binary import Buffer
from fleetwire.protocols._text import line_length

from .constants import MAX_FRAME_SIZE


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next line (see base.NEED_MORE)."""
    return line_length(buf, MAX_FRAME_SIZE)
