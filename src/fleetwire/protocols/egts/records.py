"""EGTS service layer: the service data records (SDR) in a packet's frame data, their
subrecords, and building the server's own records (confirmations, the auth result). Knows the
record envelope only; what a subrecord holds is teledata.py's and auth.py's.

A record: RL (2, length of RD), RN (2), RFL (flags), [OID (4)], [EVID (4)], [TM (4)], SST, RST,
then RD: subrecords of SRT (1), SRL (2) and SRD (SRL bytes).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Final

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Reader

from .constants import EVFE, OBFE, RSOD, TMFE, PacketType, Result, Service, Sub
from .framing import Packet

_SUB_HEAD: Final = struct.Struct("<BH")
_RECORD_HEAD: Final = struct.Struct("<HHB")  # RL RN RFL
_CONFIRM: Final = struct.Struct("<HB")  # CRN RST


@dataclass(slots=True, frozen=True)
class ServiceRecord:
    rn: int
    flags: int
    oid: int | None  # the object (terminal) the record is about, when given
    time: int | None  # TM, seconds since 2010-01-01 UTC, when given
    sst: int  # the sending service
    rst: int  # the receiving service
    subrecords: tuple[tuple[int, memoryview], ...]  # (SRT, SRD)


def _le(r: Reader, size: int) -> int:
    return int.from_bytes(r.bytes(size), "little")


def _subrecords(data: memoryview) -> tuple[tuple[int, memoryview], ...]:
    out = []
    pos, end = 0, len(data)
    while pos < end:
        if end - pos < _SUB_HEAD.size:
            raise TruncatedFrame(f"subrecord header cut at {pos} of {end}")
        srt, srl = _SUB_HEAD.unpack_from(data, pos)
        pos += _SUB_HEAD.size
        if pos + srl > end:
            raise TruncatedFrame(f"subrecord {srt} of {srl} bytes, {end - pos} left")
        out.append((srt, data[pos : pos + srl]))
        pos += srl
    return tuple(out)


def body_offset(packet: Packet) -> int:
    """Where the service records start in the frame data."""
    data = packet.data
    if packet.packet_type == PacketType.RESPONSE:
        return 3  # RPID, PR
    if packet.packet_type == PacketType.SIGNED_APPDATA:
        if len(data) < 2:
            raise TruncatedFrame("signed packet without its SIGL")
        return 2 + (data[0] | (data[1] << 8))  # SIGL, SIGD
    return 0


def service_records(packet: Packet) -> list[ServiceRecord]:
    """Every record of a readable packet; a record or subrecord running past its bounds is the
    device's error."""
    data = packet.data
    start = body_offset(packet)
    if start > len(data):
        raise TruncatedFrame(f"frame data of {len(data)} bytes, records start at {start}")
    r = Reader(data, start)
    out = []
    while r.remaining:
        rl, rn, rfl = _RECORD_HEAD.unpack(r.bytes(_RECORD_HEAD.size))
        oid = _le(r, 4) if rfl & OBFE else None
        if rfl & EVFE:
            r.skip(4)
        tm = _le(r, 4) if rfl & TMFE else None
        sst, rst = r.u8(), r.u8()
        if rl > r.remaining:
            raise TruncatedFrame(f"record {rn} of {rl} bytes, {r.remaining} left")
        at = r.pos
        r.skip(rl)
        out.append(ServiceRecord(rn, rfl, oid, tm, sst, rst, _subrecords(data[at : at + rl])))
    return out


def response_header(packet: Packet) -> tuple[int, int]:
    """RPID and PR of an EGTS_PT_RESPONSE."""
    if len(packet.data) < 3:
        raise InvalidField("response without RPID and PR")
    data = packet.data
    return data[0] | (data[1] << 8), data[2]


def subrecord(srt: int, srd: bytes) -> bytes:
    return _SUB_HEAD.pack(srt, len(srd)) + srd


def build_record(rn: int, service: int, subrecords: bytes, recipient: int | None = None) -> bytes:
    """A server record (no OID, EVID or TM) for the terminal's ``recipient`` service."""
    rst = service if recipient is None else recipient
    return (
        _RECORD_HEAD.pack(len(subrecords), rn & 0xFFFF, RSOD) + bytes((service, rst)) + (subrecords)
    )


def confirmation(rn: int, crn: int, service: int, recipient: int, status: int = Result.OK) -> bytes:
    """Record ``rn`` of our ``service`` holding EGTS_SR_RECORD_RESPONSE for the terminal's
    record ``crn``, sent to its ``recipient`` service (the one that sent that record)."""
    srd = _CONFIRM.pack(crn, status)
    return build_record(rn, service, subrecord(Sub.RECORD_RESPONSE, srd), recipient)


def result_code(rn: int, code: int = Result.OK) -> bytes:
    """The auth service's EGTS_SR_RESULT_CODE record, which ends the terminal's authorisation."""
    return build_record(rn, Service.AUTH, subrecord(Sub.RESULT_CODE, bytes((code,))))


def confirmed(record: ServiceRecord) -> list[tuple[int, int]]:
    """(CRN, RST) of every RECORD_RESPONSE in a record."""
    out = []
    for srt, srd in record.subrecords:
        if srt == Sub.RECORD_RESPONSE and len(srd) == _CONFIRM.size:
            out.append(_CONFIRM.unpack(srd))
    return out
