"""The ATrack device side, for the simulator and round-trip tests: keep-alive as the first
frame and heartbeat, binary @P reports carrying any number of records with a small %CI block
(satellites, main power, altitude), each with the exact acknowledgement the unit waits for.

Kept fast for the load generator: struct packing only, no Reader and no decoding. Must agree
with inspect.py on the acknowledgements.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from typing import Final

from fleetwire.errors import EncodeError
from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice, Transport

from .constants import HEADER_SIZE, MAX_FRAME_SIZE, NO_TEMPERATURE
from .framing import ack, build_binary

# GPS, RTC, send time, lon, lat, heading, report id, odometer, HDOP, inputs, speed, outputs, analog
_FIXED: Final = struct.Struct(">IIIiiHBIHBHBH")
# driver id "", temperatures (none fitted), text message "", then %CI%SA%MV%AT and its values
_MIDDLE: Final = b"\x00" + struct.pack(">hh", NO_TEMPERATURE, NO_TEMPERATURE) + b"\x00"
_FORMAT: Final = b"%CI%SA%MV%AT\x00"
_CUSTOM: Final = struct.Struct(">BHi")
_REPORT_ID: Final = 2  # the periodic time report


def _record(r: Record) -> bytes:
    a = r.attributes
    t = int(r.fix_time.timestamp())
    return b"".join((
        _FIXED.pack(
            t, t, t,
            round((r.longitude or 0.0) * 1e6), round((r.latitude or 0.0) * 1e6),
            round(r.course or 0) % 360, _REPORT_ID, round(a.get("odometer", 0) / 100),
            round(a.get("hdop", 0) * 10), 1 if a.get("ignition") else 0,
            round(r.speed or 0), 0, 0,
        ),
        _MIDDLE,
        _FORMAT,
        _CUSTOM.pack(r.satellites or 0, round(a.get("power", 0) * 10), round(r.altitude or 0)),
    ))  # fmt: skip


class Device(SimulatedDevice):
    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        super().__init__(unique_id, transport)
        if not unique_id.isdigit() or int(unique_id) > 0xFFFF_FFFF_FFFF_FFFF:
            raise ValueError(f"an ATrack unit id is a 64-bit number, not {unique_id!r}")
        self._unit = int(unique_id)
        self._sequence = 0

    def _next(self) -> int:
        self._sequence = (self._sequence + 1) & 0xFFFF
        return self._sequence

    def login(self) -> tuple[bytes, bytes]:
        """A unit opens with a keep-alive; the server echoes it."""
        return self.heartbeat()

    def heartbeat(self) -> tuple[bytes, bytes]:
        frame = ack(self._unit, self._next())  # FE 02 + unit id + sequence id, both ways
        return frame, frame

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        if not records:
            return self.heartbeat()
        payload = b"".join(map(_record, records))
        if HEADER_SIZE + len(payload) > MAX_FRAME_SIZE:
            raise EncodeError(f"{len(records)} records do not fit one ATrack frame")
        seq = self._next()
        return build_binary(seq, self._unit, payload), ack(self._unit, seq)
