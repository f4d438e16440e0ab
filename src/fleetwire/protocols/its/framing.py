"""AIS-140 framing: where the next packet ends in a TCP stream.

A packet starts with `$` and ends with the standard's `*`; what vendors put around that `*`
differs (captures, traccar ItsFrameDecoderTest): a hex checksum after it (`*5E`, `*226F7BD1`),
one binary checksum byte before it (`,\\xbc*`, which may itself be `*` or `$`), CR/LF, a text
trailer after it (`*,IP=106.67.5.173`), or no `*` at all, the next `$` or a line end closing
the packet. So a packet ends at its `*` plus what follows it in the same read (hex digits,
a `,` trailer up to the line end or the next `$`, CR/LF), at a line end, or before the next
`$`. Knows the envelope only, never what a packet means.
"""

from __future__ import annotations

from fleetwire.protocols._binary import Buffer
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.framing import garbage_before

from .constants import COMMA, CR, END, LF, MAX_CHECKSUM_DIGITS, MAX_FRAME_SIZE, START

_HEX = frozenset(b"0123456789ABCDEFabcdef")
_LINE_END = (CR, LF)


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next packet (see base.NEED_MORE)."""
    n = len(buf)
    if n == 0:
        return NEED_MORE
    if buf[0] != START:
        return -garbage_before(buf, bytes((START,)))
    for i in range(1, min(n, MAX_FRAME_SIZE)):
        b = buf[i]
        if b == END:
            return _after_end(buf, i + 1, n)
        if b in _LINE_END:
            return _line_end(buf, i, n)
        if b == START or b < 0x20 or b > 0x7E:
            # a checksum byte before "*" may be any byte, "$" included
            if i + 1 == n:
                return NEED_MORE
            if buf[i + 1] == END:
                return _after_end(buf, i + 2, n)
            if b == START:
                return i  # no "*": the next packet closes this one
            return -i  # a control byte inside the text: this packet was garbage
    return NEED_MORE  # the framer's size cap bounds the wait


def _line_end(buf: Buffer, at: int, n: int) -> int:
    stop = at
    while stop < n and stop - at < 2 and buf[stop] in _LINE_END:
        stop += 1
    return stop


def _after_end(buf: Buffer, at: int, n: int) -> int:
    """The packet's tail after its `*`: a second `*` (a checksum byte that was `*`), hex
    checksum digits, a `,` trailer, CR/LF; only what this read holds."""
    stop = at
    if stop < n and buf[stop] == END:
        stop += 1
    digits = 0
    while stop < n and digits < MAX_CHECKSUM_DIGITS and buf[stop] in _HEX:
        stop += 1
        digits += 1
    if stop < n and buf[stop] == COMMA:
        while stop < min(n, MAX_FRAME_SIZE) and buf[stop] not in (START, CR, LF):
            stop += 1
    return _line_end(buf, stop, n)
