"""The EGTS terminal side, for the simulator and round-trip tests: it authenticates with
EGTS_SR_TERM_IDENTITY (TID and IMEI) and waits for the record confirmation and the result
code, then sends one teledata record per fix (POS_DATA with altitude, EXT_POS_DATA with
satellites and HDOP), its OID the TID, each packet waiting for its EGTS_PT_RESPONSE. Must agree
with teledata.py on the layouts.

The server numbers its packets and records per connection, so the replies are predicted with
the counters a fresh connection starts from, and ``accepts`` compares replies with those
numbers left out (after a reconnect they start again).
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from typing import Final

from fleetwire.errors import DeviceError, EncodeError
from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice, Transport

from .constants import (
    ALTE,
    ALTS,
    COORD_SCALE,
    DIRH,
    EPOCH_2010,
    HFE,
    IMEIE,
    LAHS,
    LOHS,
    MV,
    OBFE,
    SFE,
    SPEED_MASK,
    VLD,
    PacketType,
    Result,
    Service,
    Sub,
)
from .framing import build_packet, open_packet, response
from .records import confirmation, result_code, service_records, subrecord

_RECORD_HEAD: Final = struct.Struct("<HHBI")  # RL RN RFL OID
_SSOD: Final = 0x80  # the sending service is on the terminal
_POS: Final = struct.Struct("<IIIBHB3sBB")


def _pos_data(r: Record) -> bytes:
    lat, lon = r.latitude or 0.0, r.longitude or 0.0
    flags = (VLD if r.valid else 0) | (LAHS if lat < 0 else 0) | (LOHS if lon < 0 else 0)
    flags |= MV if r.attributes.get("motion") or (r.speed or 0) > 0 else 0
    course = round(r.course or 0) % 360
    speed = min(round((r.speed or 0) * 10), SPEED_MASK) | (DIRH if course > 0xFF else 0)
    alt = b""
    if r.altitude is not None:
        flags |= ALTE
        speed |= ALTS if r.altitude < 0 else 0
        alt = round(abs(r.altitude)).to_bytes(3, "little")
    odometer = int(r.attributes.get("odometer", 0)) // 100
    seconds = int(r.fix_time.timestamp()) - EPOCH_2010
    if not 0 <= seconds <= 0xFFFF_FFFF:
        raise EncodeError(f"time {r.fix_time} is outside the protocol's range")
    return _POS.pack(
        seconds, round(abs(lat) / 90 * COORD_SCALE), round(abs(lon) / 180 * COORD_SCALE),
        flags, speed, course & 0xFF, (odometer & 0xFFFFFF).to_bytes(3, "little"), 0, 0,
    ) + alt  # fmt: skip


def _ext_pos(r: Record) -> bytes:
    hdop = r.attributes.get("hdop")
    sats = r.satellites if r.satellites is not None else 0
    if isinstance(hdop, int | float):
        return struct.pack("<BHB", HFE | SFE, round(hdop * 100), sats)
    return struct.pack("<BB", SFE, sats)


def _normalised(reply: bytes) -> list[tuple[object, ...]]:
    """A reply's packets without the server's counters (PIDs and record numbers)."""
    out: list[tuple[object, ...]] = []
    rest = reply
    while rest:
        size = rest[3] + (rest[5] | (rest[6] << 8))
        size += 2 if rest[5] | rest[6] else 0
        packet = open_packet(rest[:size])
        head: tuple[object, ...] = (packet.packet_type,)
        if packet.packet_type == PacketType.RESPONSE:
            head += (bytes(packet.data[:3]),)
        records = service_records(packet)
        subs = tuple((r.sst, r.rst, tuple((t, bytes(d)) for t, d in r.subrecords)) for r in records)
        out.append(head + subs)
        rest = rest[size:]
    return out


class Device(SimulatedDevice):
    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        super().__init__(unique_id, transport)
        if not unique_id.isdigit():
            raise EncodeError(f"an EGTS terminal id is digits, got {unique_id!r}")
        self.imei = unique_id if len(unique_id) == 15 else ""
        self.tid = int(unique_id) % 1_000_000_000 if self.imei else int(unique_id)
        if self.tid > 0xFFFF_FFFF:
            raise EncodeError(f"terminal id {unique_id} does not fit the 4-byte TID")
        self._pid = 0  # this terminal's packet counter
        self._rn = 0  # and record counter
        self._server_pid = 0  # what a fresh connection's server counters are at
        self._server_rn = 0

    def _packet(self, records: Sequence[tuple[int, bytes]]) -> tuple[bytes, bytes]:
        """A packet of (service, subrecords) records, and the server's reply to it."""
        body = b""
        confirmations = b""
        for service, subrecords in records:
            rn = self._rn
            self._rn = (self._rn + 1) & 0xFFFF
            head = _RECORD_HEAD.pack(len(subrecords), rn, _SSOD | OBFE, self.tid)
            body += head + bytes((service, service)) + subrecords
            confirmations += confirmation(self._server_rn, rn, service, service)
            self._server_rn = (self._server_rn + 1) & 0xFFFF
        pid = self._pid
        self._pid = (self._pid + 1) & 0xFFFF
        reply = response(pid, Result.OK, confirmations, self._server_pid)
        self._server_pid = (self._server_pid + 1) & 0xFFFF
        return build_packet(pid, PacketType.APPDATA, body), reply

    def login(self) -> tuple[bytes, bytes]:
        flags = IMEIE if self.imei else 0
        identity = self.tid.to_bytes(4, "little") + bytes((flags,)) + self.imei.encode("ascii")
        frame, reply = self._packet([(Service.AUTH, subrecord(Sub.TERM_IDENTITY, identity))])
        done = result_code(self._server_rn)
        self._server_rn = (self._server_rn + 1) & 0xFFFF
        reply += build_packet(self._server_pid, PacketType.APPDATA, done)
        self._server_pid = (self._server_pid + 1) & 0xFFFF
        return frame, reply

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        items = [
            (Service.TELEDATA,
             subrecord(Sub.POS_DATA, _pos_data(r)) + subrecord(Sub.EXT_POS_DATA, _ext_pos(r)))
            for r in records
        ]  # fmt: skip
        return self._packet(items)

    def accepts(self, expected: bytes, got: bytes) -> bool:
        if got == expected:
            return True
        try:
            return _normalised(got) == _normalised(expected)
        except (DeviceError, IndexError):
            return False
