"""VT200 framing: where the next frame ends in a TCP stream (escaped bytes counted), and
opening one frame (unescaped, length and XOR checked). Knows the envelope only.
"""

from __future__ import annotations

from typing import NamedTuple

from fleetwire.errors import ChecksumError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer, xor8
from fleetwire.protocols._binary import unescape as unescape_bytes
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.framing import garbage_before

from .constants import END, ESCAPE, ESCAPED, HEAD, ID_BYTES, MAX_FRAME_SIZE, OVERHEAD, START

_UNESCAPED = {b: b ^ ESCAPE for b in ESCAPED}


class Envelope(NamedTuple):
    unit_id: str
    type: int
    data: bytes


def unescape(raw: bytes) -> bytes:
    return unescape_bytes(raw, ESCAPE, _UNESCAPED)


def escape(raw: bytes) -> bytes:
    return raw.replace(bytes((END,)), bytes((ESCAPE, END ^ ESCAPE)))


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next frame (see base.NEED_MORE): up to the first `29`, which
    never occurs inside a frame (escaped)."""
    if not len(buf):
        return NEED_MORE
    if buf[0] != START:
        return -garbage_before(buf[:MAX_FRAME_SIZE], bytes((START,)))
    head = bytes(buf[: MAX_FRAME_SIZE + 1])
    end = head.find(END)
    if end < 0:
        return -len(head) if len(head) > MAX_FRAME_SIZE else NEED_MORE
    if end + 1 < OVERHEAD:
        return -1
    return end + 1


def open_frame(frame: bytes) -> Envelope:
    if not frame or frame[0] != START:
        raise FramingError(f"not a VT200 frame: {frame[:8].hex()}")
    if frame[-1] != END or len(frame) < OVERHEAD:
        raise TruncatedFrame(f"frame of {len(frame)} bytes without its end")
    inner = unescape(frame[1:-1])
    if len(inner) < HEAD - 1 + 1:
        raise TruncatedFrame(f"frame of {len(frame)} bytes")
    body, checksum = inner[:-1], inner[-1]
    length = int.from_bytes(body[ID_BYTES + 2 : ID_BYTES + 4], "big")
    if len(body) != HEAD - 1 + length:
        raise TruncatedFrame(f"{len(body) - HEAD + 1} data bytes, length says {length}")
    if xor8(body) != checksum:
        raise ChecksumError(f"XOR {xor8(body):02x}, frame says {checksum:02x}")
    unit = body[:ID_BYTES].hex()
    if not unit.isdigit():
        raise InvalidField(f"bad BCD unit id {unit}")
    return Envelope(unit, int.from_bytes(body[ID_BYTES : ID_BYTES + 2], "big"), body[HEAD - 1 :])


def build(unit_id: str, type_: int, data: bytes) -> bytes:
    body = bytes.fromhex(unit_id) + type_.to_bytes(2, "big") + len(data).to_bytes(2, "big") + data
    return bytes((START,)) + escape(body + bytes((xor8(body),))) + bytes((END,))
