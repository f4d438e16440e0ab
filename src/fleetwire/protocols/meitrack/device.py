"""The Meitrack device side, for the simulator and round-trip tests: AAA reports (one fix),
CCE batches (several fixes) and event-31 heartbeats, none of which the server answers.

Kept fast for the load generator: text by f-string, binary by struct, no decoding. Must agree
with inspect.py on which frames are answered.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from datetime import UTC

from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice, Transport

from .constants import DEVICE_START, EPOCH_2000
from .framing import build_frame

EVENT_TIME_INTERVAL = 35  # "track by time interval"
EVENT_HEARTBEAT = 31
_FLAGS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_B1 = struct.Struct("<BB")
_B2 = struct.Struct("<BH")
_B2S = struct.Struct("<Bh")
_B4 = struct.Struct("<BI")
_B4S = struct.Struct("<Bi")
_CELL = struct.Struct("<BBHHHI")  # id, size, mcc, mnc, lac, ci


def _cell_text(a: dict[str, object]) -> str:
    if "mcc" not in a:
        return "0|0|0000|0000"
    return f"{a['mcc']}|{a['mnc']}|{a['lac']:04X}|{a['cid']:04X}"


def aaa_fields(rec: Record, event: int) -> str:
    a = rec.attributes
    t = rec.fix_time.astimezone(UTC)
    return (
        f"AAA,{event},{rec.latitude or 0.0:.6f},{rec.longitude or 0.0:.6f},"
        f"{t:%y%m%d%H%M%S},{'A' if rec.valid else 'V'},{rec.satellites or 0},"
        f"{a.get('rssi', 0)},{round(rec.speed or 0)},{round(rec.course or 0)},"
        f"{a.get('hdop', 0)},{round(rec.altitude or 0)},{a.get('odometer', 0)},"
        f"{a.get('hours', 0) // 1000},{_cell_text(a)},0000,0000|0000|0000|0000|0000,"
    )


def cce_packet(rec: Record, event: int) -> bytes:
    a = rec.attributes
    seconds = int((rec.fix_time - EPOCH_2000).total_seconds())
    one = _B1.pack(0x01, event) + _B1.pack(0x05, 1 if rec.valid else 0)
    one += _B1.pack(0x06, rec.satellites or 0) + _B1.pack(0x07, a.get("rssi", 0))
    two = _B2.pack(0x08, round(rec.speed or 0)) + _B2.pack(0x09, round(rec.course or 0))
    two += _B2.pack(0x0A, round(a.get("hdop", 0) * 10)) + _B2S.pack(0x0B, round(rec.altitude or 0))
    four = _B4S.pack(0x02, round((rec.latitude or 0) * 1e6))
    four += _B4S.pack(0x03, round((rec.longitude or 0) * 1e6)) + _B4.pack(0x04, seconds)
    four += _B4.pack(0x0C, a.get("odometer", 0)) + _B4.pack(0x0D, a.get("hours", 0) // 1000)
    sized = b"\x00"
    if "mcc" in a:
        sized = b"\x01" + _CELL.pack(0x0E, 10, a["mcc"], a["mnc"], a["lac"], a["cid"])
    body = b"\x04" + one + b"\x04" + two + b"\x05" + four + sized
    params = 13 + (1 if "mcc" in a else 0)
    return struct.pack("<HH", len(body) + 2, params) + body


class Device(SimulatedDevice):
    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        super().__init__(unique_id, transport)
        self._n = 0

    def _flag(self) -> str:
        self._n += 1
        return _FLAGS[self._n % len(_FLAGS)]

    def login(self) -> tuple[bytes, bytes]:
        """Meitrack has no login: the first frame is a report (here a heartbeat)."""
        return self.heartbeat()

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        """One record: an AAA report; several: one CCE batch. Neither is answered."""
        if not records:
            return self.heartbeat()
        if len(records) == 1:
            text = aaa_fields(records[0], EVENT_TIME_INTERVAL).encode("ascii")
            return build_frame(DEVICE_START, self._flag(), self.unique_id, text), b""
        packets = b"".join(cce_packet(r, EVENT_TIME_INTERVAL) for r in records)
        data = b"CCE," + struct.pack("<IH", 0, len(records)) + packets
        return build_frame(DEVICE_START, self._flag(), self.unique_id, data), b""

    def heartbeat(self) -> tuple[bytes, bytes]:
        """Event 31 without a fix or a clock yet (all-zero date-time): the sleep-mode keep-alive."""
        text = f"AAA,{EVENT_HEARTBEAT},0.000000,0.000000,"
        text += "000000000000,V,0,20,0,0,0,0,0,0,0|0|0000|0000,0000,0000|0000|0000|0000|0000,"
        return build_frame(DEVICE_START, self._flag(), self.unique_id, text.encode("ascii")), b""
