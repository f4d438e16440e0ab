"""Aplicom framing: where the next packet ends in a TCP stream, and its header.

A packet is `<type><version><unit id: 3 or 7><length: 2>[<selector: 3>]<data: length>`; the
version byte says which of the optional sizes apply (constants.py). There is no checksum and no
end marker: the length is all a stream has, so a header whose sizes cannot be a packet resyncs
at the next byte that may start one. Knows the envelope only, never what the fields mean.
"""

from __future__ import annotations

from dataclasses import dataclass

from fleetwire.errors import FramingError, TruncatedFrame
from fleetwire.protocols._binary import Buffer
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.framing import garbage_before

from .constants import (
    DEFAULT_SELECTOR,
    HAS_SELECTOR,
    IMEI_ID,
    IMEI_SIZE,
    LENGTH_SIZE,
    MAX_FRAME_SIZE,
    SELECTOR_SIZE,
    SHORT_ID_SIZE,
    TYPES,
    PacketType,
)

_STARTS = bytes(sorted(TYPES))


@dataclass(slots=True, frozen=True)
class Header:
    type: int  # a PacketType value
    version: int
    unit_id: str  # the IMEI (15 digits) or the 3-byte unit id, in decimal
    selector: int
    data_start: int  # offset of the data (after the selector)
    size: int  # the whole packet


def _sizes(version: int) -> tuple[int, int]:
    """(unit id size, selector size) for a version byte."""
    uid = IMEI_SIZE if version & IMEI_ID else SHORT_ID_SIZE
    return uid, SELECTOR_SIZE if version & HAS_SELECTOR else 0


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next packet (see base.NEED_MORE)."""
    n = len(buf)
    if not n:
        return NEED_MORE
    if buf[0] not in TYPES:
        return -garbage_before(buf[:MAX_FRAME_SIZE], _STARTS)
    if n < 2:
        return NEED_MORE
    uid, sel = _sizes(buf[1])
    at = 2 + uid
    if n < at + LENGTH_SIZE:
        return NEED_MORE
    size = at + LENGTH_SIZE + sel + int.from_bytes(buf[at : at + LENGTH_SIZE], "big")
    if size > MAX_FRAME_SIZE:
        return -1  # no packet is that long: a stray letter, resync on the next byte
    return size


def open_header(frame: Buffer) -> Header:
    """The header of a whole packet; the device's error when it is none."""
    n = len(frame)
    if not n or frame[0] not in TYPES:
        raise FramingError(f"not an Aplicom packet: {bytes(frame[:8]).hex()}")
    size = frame_length(frame)
    if size <= 0 or size > n:
        raise TruncatedFrame(f"packet of {n} bytes, its header wants more")
    version = frame[1]
    uid, sel = _sizes(version)
    unit_id = str(int.from_bytes(frame[2 : 2 + uid], "big"))
    at = 2 + uid + LENGTH_SIZE
    selector = int.from_bytes(frame[at : at + sel], "big") if sel else DEFAULT_SELECTOR
    return Header(frame[0], version, unit_id, selector, at + sel, size)


def split(data: Buffer) -> list[bytes]:
    """The whole packets in ``data`` (one read, or one datagram, may hold several); the
    device's error for bytes that do not end on a packet boundary."""
    out: list[bytes] = []
    pos, n = 0, len(data)
    if not n:
        raise TruncatedFrame("empty packet")
    while pos < n:
        size = frame_length(data[pos:])
        if size == NEED_MORE:
            raise TruncatedFrame(f"packet header cut at offset {pos}")
        if size < 0:
            raise FramingError(f"no Aplicom packet at offset {pos}")
        if pos + size > n:
            raise TruncatedFrame(f"packet of {size} bytes, {n - pos} left")
        out.append(bytes(data[pos : pos + size]))
        pos += size
    return out


def build(type_: PacketType, imei: str, selector: int, data: bytes) -> bytes:
    """A packet with the IMEI id and a selector (what the simulated device sends)."""
    head = bytes((type_, 0x80 | 0x40 | 0x02)) + int(imei).to_bytes(IMEI_SIZE, "big")
    return head + len(data).to_bytes(2, "big") + selector.to_bytes(SELECTOR_SIZE, "big") + data
