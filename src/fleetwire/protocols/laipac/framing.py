"""Laipac framing: where the next sentence ends in a TCP stream, and opening one sentence.

A sentence is `$` ... `*XX` then CR LF (or LF); the line end stays with the sentence. The
`*XX` XOR (NMEA's: every character between `$` and `*`) makes a sentence whole without its
line end too, which is how captures hold them. Knows the envelope only.
"""

from __future__ import annotations

import re

from fleetwire.errors import ChecksumError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer, xor8
from fleetwire.protocols.base import NEED_MORE

from .constants import MAX_FRAME_SIZE

_NOT_TEXT = re.compile(rb"[^\x20-\x23\x25-\x7e]")  # control, non-ASCII, or a second '$'
_TAIL = re.compile(rb"\*([0-9A-Fa-f]{2})$")


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next sentence (see base.NEED_MORE)."""
    if not len(buf):
        return NEED_MORE
    head = bytes(buf[: MAX_FRAME_SIZE + 1])
    if head[0] != 0x24:  # '$'
        i = head.find(b"$", 1)
        return -(i if i > 0 else len(head))
    bad = _NOT_TEXT.search(head, 1)
    if bad is None:
        return NEED_MORE  # the framer's size cap bounds the wait
    i = bad.start()
    if head[i] == 0x0A:
        return i + 1 if i > 1 else -1
    if head[i] == 0x0D:
        if i + 1 == len(head):
            return NEED_MORE  # its LF may be on the way
        return i + 2 if head[i + 1] == 0x0A else i + 1
    return -i  # a cut sentence: resync where the next may start


def open_sentence(frame: bytes) -> list[str]:
    """The comma fields of one whole sentence (type first), its XOR checked; the device's error
    when it is cut, corrupt or not a sentence."""
    line = frame.rstrip(b"\r\n")
    if not line.startswith(b"$"):
        raise FramingError(f"not a Laipac sentence: {frame[:12]!r}")
    m = _TAIL.search(line)
    if m is None:
        raise TruncatedFrame(f"Laipac sentence without its checksum: {frame[:24]!r}")
    body = line[1 : m.start()]
    if _NOT_TEXT.search(body) is not None:
        raise InvalidField(f"bad character in a Laipac sentence: {frame[:24]!r}")
    if xor8(body) != int(m[1], 16):
        raise ChecksumError(f"Laipac checksum {m[1].decode()}, computed {xor8(body):02X}")
    return ("$" + body.decode("ascii")).split(",")


def checksum_of(frame: bytes) -> str:
    """The two checksum characters as the sentence carries them (echoed in `$EAVACK`)."""
    return frame.rstrip(b"\r\n")[-2:].decode("ascii")


def sentence(text: str) -> bytes:
    """``text`` (from `$`) closed by `*XX` and CR LF."""
    body = text[1:].encode("ascii")
    return b"$" + body + f"*{xor8(body):02X}\r\n".encode("ascii")
