"""KHD framing: where the next frame ends in a TCP stream, checking and building one frame.

`29 29` cmd len(2) ... xor `0D`: the length counts every byte after itself, so a frame is
length + 5 bytes. Knows the envelope only, never what a command means.
"""

from __future__ import annotations

from typing import NamedTuple

from fleetwire.errors import ChecksumError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer, xor8
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.framing import garbage_before

from .constants import HEAD, ID_BYTES, MAX_FRAME_SIZE, START, TAIL

_X29 = 0x29
_MIN_LENGTH = 2  # checksum and tail


class Envelope(NamedTuple):
    command: int
    pseudo_ip: bytes  # empty when the frame is too short to carry one
    params: bytes  # between the pseudo-IP and the checksum
    checksum: int


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next frame (see base.NEED_MORE)."""
    n = len(buf)
    if not n:
        return NEED_MORE
    if buf[0] != _X29 or (n > 1 and buf[1] != _X29):
        return -garbage_before(buf[:MAX_FRAME_SIZE], START[:1])
    if n < HEAD:
        return NEED_MORE
    total = ((buf[3] << 8) | buf[4]) + HEAD
    if total < HEAD + _MIN_LENGTH or total > MAX_FRAME_SIZE:
        return -1
    if n >= total and buf[total - 1] != TAIL:
        return -1
    return total


def open_frame(frame: bytes) -> Envelope:
    """Check a whole frame: envelope, length, tail and checksum."""
    if frame[:2] != START[: min(len(frame), 2)] or not frame:
        raise FramingError(f"not a KHD frame: {frame[:8].hex()}")
    if len(frame) < HEAD + _MIN_LENGTH:
        raise TruncatedFrame(f"frame of {len(frame)} bytes")
    total = int.from_bytes(frame[3:5], "big") + HEAD
    if total != len(frame) or frame[-1] != TAIL:
        raise TruncatedFrame(f"frame of {len(frame)} bytes, its length says {total}")
    if xor8(frame[:-2]) != frame[-2]:
        raise ChecksumError(f"XOR {xor8(frame[:-2]):02x}, frame says {frame[-2]:02x}")
    body = frame[HEAD:-2]
    pseudo_ip = body[:ID_BYTES] if len(body) >= ID_BYTES else b""
    return Envelope(frame[2], pseudo_ip, body[len(pseudo_ip) :], frame[-2])


def build(command: int, body: bytes) -> bytes:
    head = START + bytes((command,)) + (len(body) + _MIN_LENGTH).to_bytes(2, "big") + body
    return head + bytes((xor8(head), TAIL))


def unit_id(pseudo_ip: bytes) -> str:
    """The unit number the pseudo-IP carries: each byte with its high bit cleared, written as
    (at least) two decimal digits. The high bits carry the number's leading digits, which vary
    between units and firmware, so they are left out of the id; bytes over 99 (seen: 0x66)
    give three digits."""
    if len(pseudo_ip) != ID_BYTES:
        raise InvalidField(f"bad pseudo-IP {pseudo_ip.hex()}")
    return "".join(f"{b & 0x7F:02d}" for b in pseudo_ip)


def pseudo_ip(unit: str) -> bytes:
    """The pseudo-IP of an 8-digit unit number, with the high bits that traccar
    KhdProtocolEncoderTest's frames carry (bytes 2 and 3)."""
    digits = unit[-8:].rjust(8, "0")
    v = [int(digits[i : i + 2]) for i in range(0, 8, 2)]
    return bytes((v[0], v[1] | 0x80, v[2] | 0x80, v[3]))
