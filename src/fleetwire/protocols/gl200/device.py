"""The @Track device side, for the simulator and round-trip tests: a GV300-style GTFRI carrying
up to 15 fixes, and the GTHBD heartbeat, each with the server acknowledgement a device in SACK
mode waits for. Kept fast for the load generator: string formatting only, no parsing.
Must agree with inspect.py on the acknowledgements.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice, Transport

from .constants import MAX_POSITIONS

VERSION = "060100"  # GV300, protocol 01.00 (the GV300 document's examples)
_EPOCH_SEND = datetime(2026, 1, 1, tzinfo=UTC)


def _block(rec: Record) -> str:
    a = rec.attributes
    t = rec.fix_time.astimezone(UTC).strftime("%Y%m%d%H%M%S")
    acc = a.get("hdop", 1 if rec.valid else 0)
    cell = ",".join(
        (f"{a.get('mcc', 0):04d}", f"{a.get('mnc', 0):04d}", f"{a.get('lac', 0):04X}",
         f"{a.get('cid', 0):04X}")
    )  # fmt: skip
    return (
        f"{acc},{rec.speed or 0:.1f},{round(rec.course or 0)},{rec.altitude or 0:.1f},"
        f"{rec.longitude or 0:.6f},{rec.latitude or 0:.6f},{t},{cell},00"
    )


class Device(SimulatedDevice):
    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        super().__init__(unique_id, transport)
        self._count = 0

    def _next(self) -> str:
        self._count = (self._count + 1) & 0xFFFF
        return f"{self._count:04X}"

    def login(self) -> tuple[bytes, bytes]:
        """@Track has no login: a device's first words are usually its heartbeat."""
        return self.heartbeat()

    def heartbeat(self) -> tuple[bytes, bytes]:
        count = self._next()
        send = _EPOCH_SEND.strftime("%Y%m%d%H%M%S")
        frame = f"+ACK:GTHBD,{VERSION},{self.unique_id},,{send},{count}$"
        return frame.encode("ascii"), f"+SACK:GTHBD,{VERSION},{count}$".encode("ascii")

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        """One GTFRI for up to 15 records; an empty report is a heartbeat. Send time is the
        last fix time (the device clock is its GPS clock here)."""
        if not records:
            return self.heartbeat()
        if len(records) > MAX_POSITIONS:
            raise ValueError(f"GTFRI carries at most {MAX_POSITIONS} fixes, got {len(records)}")
        last = records[-1]
        a = last.attributes
        count = self._next()
        blocks = ",".join(_block(r) for r in records)
        odometer = f"{a['odometer'] / 1000:.1f}" if "odometer" in a else ""
        ignition = "2" if a.get("ignition") else "1"
        moving = "2" if a.get("motion") else "1"
        status = f"{ignition}{moving}0{1 if a.get('ignition') else 0}00"
        battery = a.get("batteryLevel", "")
        send = last.fix_time.astimezone(UTC).strftime("%Y%m%d%H%M%S")
        kind = "BUFF" if a.get("archive") else "RESP"
        frame = (
            f"+{kind}:GTFRI,{VERSION},{self.unique_id},,,10,{len(records)},{blocks},"
            f"{odometer},,,,{battery},{status},,,,{send},{count}$"
        )
        return frame.encode("ascii"), f"+SACK:{count}$".encode("ascii")
