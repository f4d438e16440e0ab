"""The Ruptela device side, for the simulator and round-trip tests: extended records (command 68)
with ignition, power and odometer, and heartbeats (command 16), each with the exact reply.

Kept fast for the load generator: frames are packed with struct, no Reader and no decoding.
Must agree with inspect.py on the replies and with io_elements.py on the IO ids.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Final

from fleetwire.errors import EncodeError
from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice, Transport

from .constants import ACK_OK, Command, ServerCommand
from .framing import device_packet, server_packet

# timestamp, ts extension, record extension, priority, lon, lat, altitude (dm), angle (1/100),
# satellites, speed, hdop (x10), event id
_HEAD: Final = struct.Struct(">IBBBiiHHBHBH")
_IO1: Final = struct.Struct(">HB")
_IO2: Final = struct.Struct(">HH")
_IO4: Final = struct.Struct(">HI")
_IGNITION: Final = 409
_POWER: Final = 29
_ODOMETER: Final = 65
_MAX_RECORDS: Final = 255  # the record count is one byte
_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_HDOP_UNKNOWN: Final = 0


def _record(r: Record) -> bytes:
    a = r.attributes
    ones = [_IO1.pack(_IGNITION, 1 if a["ignition"] else 0)] if "ignition" in a else []
    twos = [_IO2.pack(_POWER, round(a["power"] * 1000))] if "power" in a else []
    fours = [_IO4.pack(_ODOMETER, int(a["odometer"]))] if "odometer" in a else []
    head = _HEAD.pack(
        int((r.fix_time - _EPOCH).total_seconds()), 0, 0, 0,
        round((r.longitude or 0.0) * 1e7), round((r.latitude or 0.0) * 1e7),
        round((r.altitude or 0.0) * 10), round((r.course or 0.0) * 100) % 36000,
        r.satellites or 0, round(r.speed or 0), round(a.get("hdop", _HDOP_UNKNOWN) * 10), 0,
    )  # fmt: skip
    return b"".join(
        (head, bytes((len(ones),)), *ones, bytes((len(twos),)), *twos,
         bytes((len(fours),)), *fours, b"\x00")
    )  # fmt: skip


class Device(SimulatedDevice):
    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        super().__init__(unique_id, transport)
        self._imei = int(unique_id)
        self._records_ack = server_packet(ServerCommand.RECORDS_ACK, bytes((ACK_OK,)))
        self._heartbeat = (
            device_packet(self._imei, Command.HEARTBEAT, b""),
            server_packet(ServerCommand.HEARTBEAT_ACK, bytes((ACK_OK,))),
        )

    def login(self) -> tuple[bytes, bytes]:
        """Ruptela has no login: every packet carries the IMEI. A device's first packet is
        records or, when idle, a heartbeat."""
        return self._heartbeat

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        n = len(records)
        if n > _MAX_RECORDS:
            raise EncodeError(f"{n} records do not fit one Ruptela packet")
        data = b"".join((b"\x00", bytes((n,)), *map(_record, records)))
        return device_packet(self._imei, Command.EXTENDED_RECORDS, data), self._records_ack

    def heartbeat(self) -> tuple[bytes, bytes]:
        return self._heartbeat
