"""The two Navtelecom envelopes: NTCB packets and FLEX messages; where each ends, checking one,
building one.

NTCB: `@NTC`, recipient u32 LE, sender u32 LE, body length u16 LE, XOR of the body, XOR of the
15 header bytes before it, body. FLEX: `~` + kind letter + content + CRC-8 (poly 0x31, init
0xFF) over everything before it. A FLEX message has no length: its records are sized by the
field bitfield negotiated in *>FLEX: given that record size (protocol.session_framing), a
message ends exactly where its records do. Without it (no *>FLEX seen on the connection),
frame_length ends a FLEX message at the first place where the CRC-8 matches, the record count
divides the content, and the next byte (if any) can start a message, which a record's bytes can
imitate; inspect() checks the length exactly against the negotiated record size. Knows nothing
about what a body or a record means.
"""

from __future__ import annotations

import struct
from typing import Final, NamedTuple

import crcmod

from fleetwire.errors import ChecksumError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer, xor8
from fleetwire.protocols.base import NEED_MORE

from .constants import (
    ARRAY,
    CURRENT,
    FLEX_START,
    HEADER_SIZE,
    PING,
    PREAMBLE,
    URGENT,
)

# CRC-8 with poly 0x31, init 0xFF, not reflected (the vendor's FLEX checksum)
crc8: Final = crcmod.mkCrcFun(0x131, initCrc=0xFF, rev=False, xorOut=0)
_HEAD: Final = struct.Struct("<4sIIHBB")
_SKIP: Final = -1
_STARTS: Final = frozenset({PREAMBLE[0], FLEX_START, PING})
# How far a FLEX message is searched for its CRC-8 before the connection negotiated its layout.
# The search is byte by byte and starts again as more bytes arrive, so it must stay short: a
# random-bytes flood on this port (bench/hostile.py) otherwise cost the gateway seconds of CPU
# per connection. A device sends *>FLEX before its records; past this, the '~' is garbage.
_UNNEGOTIATED_SCAN: Final = 4096
# bytes before the records: "~A" + count, "~T" + index, "~C"
FLEX_HEAD: Final[dict[int, int]] = {ARRAY: 3, URGENT: 6, CURRENT: 2}


class Ntcb(NamedTuple):
    recipient: int
    sender: int
    body: bytes


def _ntcb_length(buf: Buffer) -> int:
    n = len(buf)
    for i in range(1, min(n, len(PREAMBLE))):
        if buf[i] != PREAMBLE[i]:
            return _SKIP
    if n < HEADER_SIZE:
        return NEED_MORE
    if xor8(buf[:15]) != buf[15]:
        return _SKIP  # not a header: resync on the next start byte
    return HEADER_SIZE + (buf[12] | (buf[13] << 8))


def _flex_length(buf: Buffer, record_size: int | None) -> int:
    n = len(buf)
    if n < 2:
        return NEED_MORE
    head = FLEX_HEAD.get(buf[1])
    if head is None:
        return _SKIP
    if n < head:
        return NEED_MORE
    count = buf[2] if buf[1] == ARRAY else 1
    if count == 0:
        return _SKIP
    if record_size is not None:  # the connection's layout: the exact end (inspect checks CRC)
        return head + count * record_size + 1
    data = bytes(buf[: min(n, _UNNEGOTIATED_SCAN)])
    crc = crc8(data[:head])
    for end in range(head + 1, len(data)):
        crc = crc8(data[end - 1 : end], crc)
        if (
            data[end] == crc
            and (end - head) % count == 0
            and (end + 1 == n or data[end + 1] in _STARTS)
        ):
            return end + 1
    return _SKIP if n >= _UNNEGOTIATED_SCAN else NEED_MORE


def frame_length(buf: Buffer, record_size: int | None = None) -> int:
    """Sign-coded length of the next frame (see base.NEED_MORE); ``record_size``: the FLEX
    record size the connection negotiated, when known."""
    if not len(buf):
        return NEED_MORE
    first = buf[0]
    if first == PREAMBLE[0]:
        return _ntcb_length(buf)
    if first == FLEX_START:
        return _flex_length(buf, record_size)
    if first == PING:
        return 1
    return _SKIP


def open_ntcb(frame: bytes) -> Ntcb:
    """Check a whole NTCB packet's preamble, length and both checksums."""
    n = len(frame)
    if n < HEADER_SIZE:
        raise TruncatedFrame(f"{n} bytes is no NTCB packet")
    preamble, recipient, sender, length, body_xor, head_xor = _HEAD.unpack_from(frame)
    if preamble != PREAMBLE:
        raise FramingError(f"preamble {preamble!r}")
    if xor8(frame[:15]) != head_xor:
        raise ChecksumError(f"header XOR {head_xor:02x}, computed {xor8(frame[:15]):02x}")
    if HEADER_SIZE + length != n:
        if HEADER_SIZE + length > n:
            raise TruncatedFrame(f"declared {HEADER_SIZE + length} bytes, have {n}")
        raise InvalidField(f"declared {HEADER_SIZE + length} bytes, got {n}")
    body = frame[HEADER_SIZE:]
    if xor8(body) != body_xor:
        raise ChecksumError(f"body XOR {body_xor:02x}, computed {xor8(body):02x}")
    return Ntcb(recipient, sender, body)


def build_ntcb(recipient: int, sender: int, body: bytes) -> bytes:
    head = struct.pack("<4sIIHB", PREAMBLE, recipient, sender, len(body), xor8(body))
    return head + bytes((xor8(head),)) + body


def open_flex(frame: bytes) -> tuple[int, int, int]:
    """Check a FLEX message's kind and CRC-8: (kind, records start, records end)."""
    n = len(frame)
    if n < 2 or frame[0] != FLEX_START:
        raise TruncatedFrame(f"{n} bytes is no FLEX message")
    head = FLEX_HEAD.get(frame[1])
    if head is None:
        raise InvalidField(f"FLEX message kind {frame[1]:02x}")
    if n < head + 2:
        raise TruncatedFrame(f"FLEX ~{chr(frame[1])} of {n} bytes")
    if crc8(frame[:-1]) != frame[-1]:
        raise ChecksumError(f"CRC-8 {frame[-1]:02x}, computed {crc8(frame[:-1]):02x}")
    if frame[1] == ARRAY and frame[2] == 0:
        raise InvalidField("~A with no records")
    return frame[1], head, n - 1


def build_flex(kind: int, head: bytes, records: bytes) -> bytes:
    body = bytes((FLEX_START, kind)) + head + records
    return body + bytes((crc8(body),))
