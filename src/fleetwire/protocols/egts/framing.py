"""EGTS transport layer: where the next packet ends in a stream, opening a packet (header CRC-8,
data CRC-16) and building one. Knows the transport header only, never what a record means.

A packet: PRV (0x01), SKID, flags (PRF 2 bits = 00, RTE, ENA 2 bits, CMP, PR 2 bits), HL (11,
or 16 with the route fields PRA RCA TTL), HE, FDL (2), PID (2), PT, [PRA RCA TTL], HCS = CRC-8
of the header before it; then FDL bytes of frame data and, when FDL > 0, SFRCS = CRC-16/CCITT
of the frame data. The header CRC makes a false start in a stream unlikely, so the framer
resynchronises on it: a header that fails it is skipped as garbage.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Final

from fleetwire.errors import ChecksumError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer, crc8_egts, crc16_ccitt_false
from fleetwire.protocols.base import NEED_MORE

from .constants import (
    CMP_FLAG,
    CRC16_SIZE,
    ENA_MASK,
    HEADER_SIZES,
    MIN_HEADER,
    PRF_MASK,
    PRV,
    PacketType,
    Result,
)

_HEAD: Final = struct.Struct("<BBBBBHHB")  # PRV SKID flags HL HE FDL PID PT
_U16: Final = struct.Struct("<H")


def _header_ok(buf: Buffer) -> int:
    """HL when ``buf`` starts with a whole, sound header; NEED_MORE while it may still become
    one; -1 when it cannot be one."""
    n = len(buf)
    if buf[0] != PRV:
        return -1
    if n < 4:
        return NEED_MORE
    if buf[2] & PRF_MASK or buf[3] not in HEADER_SIZES:
        return -1
    hl = buf[3]
    if n < hl:
        return NEED_MORE
    if buf[4] != 0 or buf[9] > PacketType.SIGNED_APPDATA:
        return -1  # HE is always 0; three packet types exist
    if crc8_egts(bytes(buf[: hl - 1])) != buf[hl - 1]:
        return -1
    return hl


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next packet (see base.NEED_MORE)."""
    if not len(buf):
        return NEED_MORE
    hl = _header_ok(buf)
    if hl <= 0:
        return hl
    fdl = buf[5] | (buf[6] << 8)
    return hl + fdl + (CRC16_SIZE if fdl else 0)


@dataclass(slots=True, frozen=True)
class Packet:
    """A packet whose checksums passed: its header fields and frame data."""

    pid: int
    packet_type: int
    flags: int
    data: memoryview  # SFRD

    @property
    def readable(self) -> bool:
        """Neither encrypted nor compressed (no algorithm for either is fixed by the GOST)."""
        return not self.flags & (ENA_MASK | CMP_FLAG)


def open_packet(frame: bytes) -> Packet:
    """Check a whole packet: header, both CRCs, length; raise the device's error otherwise. A
    frame data CRC error carries the GOST's refusal (EGTS_PC_DATACRC_ERROR) as its reply."""
    n = len(frame)
    if n < MIN_HEADER:
        raise TruncatedFrame(f"{n} bytes is no EGTS packet")
    hl = _header_ok(frame)
    if hl < 0:
        raise InvalidField(f"not an EGTS header: {frame[:MIN_HEADER].hex()}")
    if hl == NEED_MORE:
        raise TruncatedFrame(f"EGTS header of {frame[3]} bytes, have {n}")
    _, _, flags, _, _, fdl, pid, pt = _HEAD.unpack_from(frame)
    want = hl + fdl + (CRC16_SIZE if fdl else 0)
    if n != want:
        raise TruncatedFrame(f"packet of {n} bytes, its header says {want}")
    data = memoryview(frame)[hl : hl + fdl]
    if fdl:
        sent = _U16.unpack_from(frame, hl + fdl)[0]
        computed = crc16_ccitt_false(data)
        if sent != computed:
            reply = response(pid, Result.DATACRC_ERROR, b"", 0)
            raise ChecksumError(f"SFRCS {sent:04x}, computed {computed:04x}", reply=reply)
    return Packet(pid, pt, flags, data)


def build_packet(pid: int, packet_type: int, data: bytes) -> bytes:
    """A packet without route fields, priority highest, neither encrypted nor compressed."""
    head = _HEAD.pack(PRV, 0, 0, MIN_HEADER, 0, len(data), pid & 0xFFFF, packet_type)
    head += bytes((crc8_egts(head),))
    if not data:
        return head
    return head + data + _U16.pack(crc16_ccitt_false(data))


def response(rpid: int, result: int, confirmations: bytes, pid: int) -> bytes:
    """EGTS_PT_RESPONSE ``pid`` to packet ``rpid``: the processing result, then the record
    confirmations (service records of EGTS_SR_RECORD_RESPONSE, see records.py)."""
    body = _U16.pack(rpid) + bytes((result,)) + confirmations
    return build_packet(pid, PacketType.RESPONSE, body)
