"""Mictrack framing: one line per message, ended by CR LF (the MT500/MT700 documents), a lone LF
or CR; a control byte inside a line makes it garbage."""

from __future__ import annotations

from fleetwire.protocols._binary import Buffer
from fleetwire.protocols._text import line_length

from .constants import MAX_FRAME_SIZE


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next line (see base.NEED_MORE)."""
    return line_length(buf, MAX_FRAME_SIZE)
