"""The Suntech device side, for the simulator and round-trip tests: ST300 STT status reports
(one fix each), or with ``binary`` universal binary 0x81 status reports (field map 3FFFFF, the
layout of binary.py), and ALV keep-alives, none answered by the server. Kept fast for the load
generator: formatting and packing only. Must agree with inspect.py (no replies).
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from datetime import UTC

from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice, Transport

MODEL = "04"  # ST300H in the ST310U manual's model table
SW_VERSION = "564"

# 0x81 status with map 3FFFFF: MODEL, SW_VER (3), MSG_TYPE, DATE (3), TIME (3), CELL_ID, MCC,
# MNC, LAC, RX_LVL, LAT, LON, SPD, CRS, SATT, FIX, IN_STATE, OUT_STATE, MODE, STT_RPT_TYPE,
# MSG_NUM. Cell fields are zero (no cell), MODE and STT_RPT_TYPE 1.
_BINARY_MAP = b"\x3f\xff\xff"
_BINARY_FIELDS = struct.Struct(">B3sB3s3sIHHHBIIHHBBBBBBH")
_BINARY_MODEL = 52
_BINARY_SW = bytes((1, 0, 3))


class Device(SimulatedDevice):
    def __init__(
        self, unique_id: str, transport: Transport = Transport.TCP, *, binary: bool = False
    ) -> None:
        super().__init__(unique_id, transport)
        self._number = 0
        self._binary = binary
        if binary and not (unique_id.isdigit() and len(unique_id) <= 10):
            raise ValueError(f"a binary report's DEV_ID is 10 BCD digits, not {unique_id!r}")

    def login(self) -> tuple[bytes, bytes]:
        """Suntech has no login: a connection starts with a keep-alive or a report."""
        return self.heartbeat()

    def heartbeat(self) -> tuple[bytes, bytes]:
        return f"ST300ALV;{self.unique_id}\r".encode("ascii"), b""

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        """One ST300STT for one record; an empty report is a keep-alive."""
        if not records:
            return self.heartbeat()
        if len(records) > 1:
            raise ValueError(f"a Suntech report carries one fix, got {len(records)}")
        rec = records[0]
        a = rec.attributes
        self._number = self._number % 9999 + 1
        if self._binary:
            return self._binary_report(rec), b""
        t = rec.fix_time.astimezone(UTC)
        io = "".join(
            "1" if a.get(k) else "0" for k in ("ignition", "in1", "in2", "in3", "out1", "out2")
        )
        hours = round(a.get("hours", 0) / 60_000)
        frame = (
            f"ST300STT;{self.unique_id};{MODEL};{SW_VERSION};{t:%Y%m%d;%H:%M:%S};0;"
            f"{rec.latitude or 0:+010.6f};{rec.longitude or 0:+011.6f};{rec.speed or 0:07.3f};"
            f"{rec.course or 0:06.2f};{rec.satellites or 0};{1 if rec.valid else 0};"
            f"{a.get('odometer', 0)};{a.get('power', 0):.2f};{io};1;{self._number:04d};"
            f"{hours:06d};{a.get('battery', 0):.1f};{0 if a.get('archive') else 1}\r"
        )
        return frame.encode("ascii"), b""

    def _binary_report(self, rec: Record) -> bytes:
        t = rec.fix_time.astimezone(UTC)
        a = rec.attributes
        fields = _BINARY_FIELDS.pack(
            _BINARY_MODEL, _BINARY_SW, 0 if a.get("archive") else 1,
            bytes((t.year - 2000, t.month, t.day)), bytes((t.hour, t.minute, t.second)),
            0, 0, 0, 0, 0, _coordinate(rec.latitude), _coordinate(rec.longitude),
            round((rec.speed or 0) * 100), round((rec.course or 0) * 100), rec.satellites or 0,
            1 if rec.valid else 0, a.get("input", 0), a.get("output", 0), 1, 1, self._number,
        )  # fmt: skip
        body = bytes.fromhex(self.unique_id.rjust(10, "0")) + _BINARY_MAP + fields
        return b"\x81" + len(body).to_bytes(2, "big") + body


def _coordinate(degrees: float | None) -> int:
    """Sign and magnitude in 1e-6 degrees: the top bit is south / west."""
    micro = round(abs(degrees or 0) * 1_000_000)
    return micro | 0x8000_0000 if (degrees or 0) < 0 else micro
