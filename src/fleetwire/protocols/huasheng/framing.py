"""HuaSheng framing: where the next frame ends (the closing C0), opening one frame (SLIP
unescaped, length checked) and building one. Knows the envelope only."""

from __future__ import annotations

from typing import NamedTuple

from fleetwire.errors import FramingError, TruncatedFrame
from fleetwire.protocols._binary import Buffer, Reader, unescape
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.framing import garbage_before

from .constants import ESC, FLAG, HEADER, MAX_FRAME_SIZE, UNESCAPED


class Envelope(NamedTuple):
    version: int
    type: int
    serial: int  # the "index" field, echoed in the answer
    content: bytes


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next frame (see base.NEED_MORE)."""
    if not len(buf):
        return NEED_MORE
    if buf[0] != FLAG:
        return -garbage_before(buf[:MAX_FRAME_SIZE], bytes((FLAG,)))
    head = bytes(buf[: MAX_FRAME_SIZE + 1])
    end = head.find(FLAG, 1)
    if end < 0:
        return -len(head) if len(head) > MAX_FRAME_SIZE else NEED_MORE
    if end < 1 + HEADER:
        return -end  # too short for a header: the closing flag may open the next frame
    return end + 1


def open_frame(frame: bytes) -> Envelope:
    if len(frame) < 2 or frame[0] != FLAG:
        raise FramingError(f"not a HuaSheng frame: {frame[:8].hex()}")
    if frame[-1] != FLAG:
        raise TruncatedFrame("frame without its closing C0")
    inner = unescape(frame[1:-1], ESC, UNESCAPED)
    r = Reader(inner)
    version, length, kind = r.u16(), r.u16(), r.u16()
    if length != len(inner):
        raise TruncatedFrame(f"{len(inner)} bytes between the flags, length says {length}")
    r.skip(2)
    index = r.u32()
    return Envelope(version, kind, index, inner[HEADER:])


def build(version: int, kind: int, index: int, content: bytes = b"") -> bytes:
    inner = (
        version.to_bytes(2, "big") + (HEADER + len(content)).to_bytes(2, "big")
        + kind.to_bytes(2, "big") + b"\x00\x00" + index.to_bytes(4, "big") + content
    )  # fmt: skip
    escaped = inner.replace(bytes((ESC,)), bytes((ESC, 0xDD))).replace(
        bytes((FLAG,)), bytes((ESC, 0xDC))
    )
    return bytes((FLAG,)) + escaped + bytes((FLAG,))


def items(data: bytes) -> dict[int, bytes]:
    """TLV items: id(2), length(2, the 4 header bytes included), value."""
    r = Reader(data)
    out: dict[int, bytes] = {}
    while r.remaining >= 4:
        item, size = r.u16(), r.u16()
        if size < 4:
            raise TruncatedFrame(f"item {item:#06x} of length {size}")
        out[item] = r.bytes(size - 4)
    return out
