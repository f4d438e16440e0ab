"""A simulated Teltonika device: IMEI login, Codec 8 Extended reports over TCP or UDP.

Used by the load generator and the round-trip tests, so report() is built from precomputed
parts and struct packing. Writes ignition (239), motion (240), power (66, mV) and odometer
(16, m) when a record carries them; nothing else.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Final

from fleetwire.errors import EncodeError
from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice, Transport
from fleetwire.protocols.teltonika.constants import (
    IMEI_ACCEPT,
    KEEPALIVE,
    UDP_ACK_LENGTH,
    UDP_ACK_TYPE,
    Codec,
    MessageType,
)
from fleetwire.protocols.teltonika.encoding import codec12
from fleetwire.protocols.teltonika.framing import wrap_tcp

_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_MS: Final = timedelta(milliseconds=1)
# timestamp, priority, longitude, latitude, altitude, angle, satellites, speed, event id
_GPS: Final = struct.Struct(">QBiihHBHH")
_U16: Final = struct.Struct(">H")
_U32: Final = struct.Struct(">I")
_IO1: Final = struct.Struct(">HB")
_IO2: Final = struct.Struct(">HH")
_IO4: Final = struct.Struct(">HI")
_UDP_HEAD: Final = struct.Struct(">HHBB")  # length, packet id, type, avl packet id
_UDP_ACK: Final = struct.Struct(">HHBBB")
_NO_8_OR_VARIABLE: Final = b"\x00\x00\x00\x00"  # n8 = 0, nx = 0
_MAX_RECORDS: Final = 255  # the record counts are one byte
_AVL_PACKET_ID: Final = 1  # the server only echoes it back, so a constant is enough


def _record(r: Record) -> bytes:
    a = r.attributes
    ones = [(239, int(bool(a["ignition"])))] if "ignition" in a else []
    if "motion" in a:
        ones.append((240, int(bool(a["motion"]))))
    twos = [(66, round(a["power"] * 1000))] if "power" in a else []
    fours = [(16, int(a["odometer"]))] if "odometer" in a else []
    parts = [
        _GPS.pack(
            (r.fix_time - _EPOCH) // _MS,
            0,
            round((r.longitude or 0.0) * 1e7),
            round((r.latitude or 0.0) * 1e7),
            round(r.altitude or 0),
            round(r.course or 0) % 360,
            r.satellites or 0,
            round(r.speed or 0),
            0,
        ),
        _U16.pack(len(ones) + len(twos) + len(fours)),
        _U16.pack(len(ones)),
        *(_IO1.pack(*e) for e in ones),
        _U16.pack(len(twos)),
        *(_IO2.pack(*e) for e in twos),
        _U16.pack(len(fours)),
        *(_IO4.pack(*e) for e in fours),
        _NO_8_OR_VARIABLE,
    ]
    return b"".join(parts)


class Device(SimulatedDevice):
    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        super().__init__(unique_id, transport)
        imei = unique_id.encode("ascii")
        self._login = _U16.pack(len(imei)) + imei
        self._packet_id = 0

    def login(self) -> tuple[bytes, bytes]:
        return self._login, IMEI_ACCEPT

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        n = len(records)
        if n > _MAX_RECORDS:
            raise EncodeError(f"{n} records do not fit one Teltonika packet")
        count = bytes((n,))
        data = b"".join((bytes((Codec.C8E,)), count, *map(_record, records), count))
        if self.transport is not Transport.UDP:
            return wrap_tcp(data), _U32.pack(n)
        self._packet_id = (self._packet_id + 1) & 0xFFFF
        tail = self._login + data  # the UDP header carries the same length-prefixed IMEI
        head = _UDP_HEAD.pack(len(tail) + 4, self._packet_id, 1, _AVL_PACKET_ID)
        ack = _UDP_ACK.pack(UDP_ACK_LENGTH, self._packet_id, UDP_ACK_TYPE, _AVL_PACKET_ID, n)
        return head + tail, ack

    def respond(self, downlink: bytes) -> bytes:
        """Answer a Codec 12 command as FMB firmware does: a Codec 12 response (type 0x06)
        whose text names the command; anything else gets no answer."""
        if len(downlink) < 16 or downlink[8] != Codec.C12 or downlink[10] != MessageType.COMMAND:
            return b""
        size = _U32.unpack_from(downlink, 11)[0]
        text = downlink[15 : 15 + size]
        return codec12(b"OK: " + text, MessageType.RESPONSE)

    def heartbeat(self) -> tuple[bytes, bytes]:
        # A real device never sends a zero-record packet; idle firmware sends one 0xFF byte.
        return bytes((KEEPALIVE,)), b""
