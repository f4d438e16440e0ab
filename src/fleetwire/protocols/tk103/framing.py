"""TK103 framing: where the next `( ... )` frame ends in a TCP stream, and opening one frame.

A frame runs from `(` to the first `)`; CR/LF right after it stay with it. The header is the
device id (12 characters in the document; 10-16 letters or digits in captures) followed by a
four-character command word. Knows the envelope only, never what a command means.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from fleetwire.errors import FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer
from fleetwire.protocols.base import NEED_MORE

from .constants import CR, END, LF, MAX_FRAME_SIZE, START

_FIRST_LOOK = 256
# Inside a frame: printable text, CR/LF (multi-line command answers), bytes above 0x7f (UTF-8 in
# an answer's text: kept, and decoded or dead-lettered later), never another '(' or control byte.
_NOT_BODY = re.compile(rb"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f]|\(")
# A ZC03 command answer carries free text between '$' signs, parentheses included ("minute(s)"):
# only there may '(' and ')' stand inside a frame.
_ANSWER_HEAD = re.compile(rb"\([0-9A-Za-z]{10,16},ZC03,")
_ANSWER_TEXT = re.compile(rb"\$[^$]*\$")
_HEADER = re.compile(r"([0-9A-Za-z]{10,16}?)([A-Z]{2}[0-9]{2})")


# "(<IMEI or id>,<type>,..." firmware (ZC.., DW.., and BP05 in that layout)
_ALTERNATIVE = re.compile(r"([0-9A-Za-z]{10,16}),([0-9A-Z]{4})(?:,|$)")


class Frame(NamedTuple):
    unique_id: str
    command: str
    body: str  # everything between the command word and ')'
    alternative: bool = False  # the comma-separated "(<IMEI>,<type>,...)" layout


def _blank_answer_text(data: bytes) -> bytes | None:
    """The frame with its answer text's parentheses blanked; None while that text is open."""
    if _ANSWER_HEAD.match(data) is None:
        return data
    blanked = _ANSWER_TEXT.sub(lambda m: re.sub(rb"[()]", b" ", m.group()), data)
    dollar = blanked.rfind(b"$")
    if blanked.count(b"$") % 2 and (b")" in blanked[dollar:] or b"(" in blanked[dollar:]):
        return None  # an open text: its parentheses say nothing about the frame yet
    return blanked


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next frame (see base.NEED_MORE)."""
    n = len(buf)
    if not n:
        return NEED_MORE
    if buf[0] != START:
        data = bytes(buf[:MAX_FRAME_SIZE])  # only on the garbage path
        cut = data.find(b"(")
        return -(cut if cut > 0 else len(data))
    if n > 1 and not chr(buf[1]).isalnum():
        return -1
    head = _blank_answer_text(bytes(buf[:_FIRST_LOOK]))
    end = -1 if head is None else head.find(b")")
    if end < 0 and n > _FIRST_LOOK:
        head = _blank_answer_text(bytes(buf[: MAX_FRAME_SIZE + 1]))
        end = -1 if head is None else head.find(b")")
    if head is None:
        return NEED_MORE  # inside an answer's text: the size cap bounds the wait
    bad = _NOT_BODY.search(head, 1, end if end >= 0 else len(head))
    if bad is not None:
        return -bad.start()
    if end < 0:
        return NEED_MORE  # the framer's size cap bounds the wait
    stop = end + 1
    while stop < n and stop - end <= 2 and buf[stop] in (CR, LF):
        stop += 1
    return stop


def open_frame(frame: bytes) -> Frame:
    """Check a whole frame's envelope and header; raise the device's error otherwise."""
    data = frame.rstrip(b"\r\n")
    if not data or data[-1] != END:
        raise TruncatedFrame(f"frame of {len(frame)} bytes without its ')'")
    if data[0] != START:
        raise FramingError(f"bad start {data[:1].hex()}")
    try:
        text = data[1:-1].decode("utf-8")
    except UnicodeDecodeError as e:
        raise InvalidField("frame text is not UTF-8") from e
    blanked = _blank_answer_text(data[:-1])
    if blanked is None or b"(" in blanked[1:] or b")" in blanked:
        raise FramingError("two frames in one")
    m = _HEADER.match(text)
    if m is not None:
        return Frame(m.group(1), m.group(2), text[m.end() :])
    m = _ALTERNATIVE.match(text)
    if m is not None:
        return Frame(m.group(1), m.group(2), text[m.end() :], alternative=True)
    raise InvalidField(f"bad header {text[:20]!r}")
