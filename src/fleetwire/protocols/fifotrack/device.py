"""The Fifotrack device side, for the simulator and round-trip tests: A01 reports, one fix each,
which the server does not answer, and the answer a device gives to a command.

Kept fast for the load generator: text by f-string, no decoding. Must agree with inspect.py on
which frames are answered (none).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC

from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice, Transport

from .constants import DEVICE_START, WORK_NO_MAX
from .framing import build_frame

_NO_FIX = ",,000000000000,V,0.000000,0.000000,0,0,0,0,0,0000,00,0,,0|0,,"


def a01_fields(rec: Record, alarm: str = "") -> str:
    a = rec.attributes
    t = rec.fix_time.astimezone(UTC)
    cell = f"{a['mcc']}|{a['mnc']}|{a['lac']:X}|{a['cid']:X}" if "mcc" in a else ""
    card = f"{int(a['driverUniqueId']):X}" if "driverUniqueId" in a else ""
    return (
        f"A01,{alarm},{t:%y%m%d%H%M%S},{'A' if rec.valid else 'V'},"
        f"{rec.latitude or 0.0:.6f},{rec.longitude or 0.0:.6f},{round(rec.speed or 0)},"
        f"{round(rec.course or 0)},{round(rec.altitude or 0)},{a.get('odometer', 0)},"
        f"{a.get('hours', 0) // 1000},{a.get('status', 0):04X},{a.get('input', 0):02X},"
        f"{a.get('output', 0):X},{cell},{a.get('adc1', 0):X}|{a.get('adc2', 0):X},{card},"
    )


class Device(SimulatedDevice):
    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        super().__init__(unique_id, transport)
        self._n = 0

    def _frame(self, text: str) -> bytes:
        self._n = self._n % WORK_NO_MAX + 1
        return build_frame(DEVICE_START, self.unique_id, self._n, text.encode("ascii"))

    def login(self) -> tuple[bytes, bytes]:
        """Fifotrack has no login: the first frame is a report."""
        return b"", b""

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        """The last record as one A01 report (the protocol carries one fix per frame); none:
        an A01 without a fix or a clock. Neither is answered."""
        if not records:
            return self._frame("A01" + _NO_FIX), b""
        return self._frame(a01_fields(records[-1])), b""

    def respond(self, downlink: bytes) -> bytes:
        """C01 is answered with a position report, the other commands with "<code>,OK"."""
        try:
            code = downlink.split(b",")[3][:3].decode("ascii")
        except (IndexError, UnicodeDecodeError):
            return b""
        if code == "C01":
            return self.report([])[0]
        return self._frame(f"{code},OK")
