"""The Xexun device side, for the simulator and round-trip tests: full-layout reports (one fix
each, with length and CRC) and no-fix status reports as heartbeats; none is answered.

Kept fast for the load generator: one f-string and one compiled CRC per message. A message ends
with CR LF; the frame keeps the CR, the LF is skipped between frames.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC

from fleetwire.model import Record
from fleetwire.protocols._binary import crc16_xmodem
from fleetwire.protocols._nmea import checksummed, position_text
from fleetwire.protocols._units import KNOTS
from fleetwire.protocols.base import SimulatedDevice

END = b"\r\n"


def _sentence(rec: Record) -> str:
    t = rec.fix_time.astimezone(UTC)
    lat, lon = rec.latitude or 0.0, rec.longitude or 0.0
    body = (
        f"GPRMC,{t:%H%M%S}.000,{'A' if rec.valid else 'V'},{position_text(lat, lon)},"
        f"{(rec.speed or 0) / KNOTS:.2f},{rec.course or 0:.2f},{t:%d%m%y},,,A"
    )
    return checksummed(body)


def full_message(head: str, imei: str, rec: Record | None) -> bytes:
    """``head``: serial, phone and sentence; then the tail with its length and CRC."""
    a = rec.attributes if rec else {}
    alarm = a.get("event", "")
    sats = "" if rec is None else f"{rec.satellites or 0:02d}"
    alt = "" if rec is None else f"{rec.altitude or 0:.1f}"
    prefix = (
        f"{head},{'F' if rec and rec.valid else 'L'},{alarm}, imei:{imei},{sats},{alt},"
        f"F:{a.get('battery', 4.1):.2f}V,{1 if a.get('charge') else 0},"
    )
    counted = f"{prefix}{len(prefix)},".encode("ascii")
    cell = "0,0,0000,0000"
    if "mcc" in a:
        cell = f"{a['mcc']},{a['mnc']:02d},{a['lac']:04X},{a['cid']:04X}"
    return counted + f"{crc16_xmodem(counted)},{cell}".encode("ascii") + END


class Device(SimulatedDevice):
    def login(self) -> tuple[bytes, bytes]:
        """Xexun has no login: the first message is a report (here a no-fix status)."""
        return self.heartbeat()

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        if not records:
            return self.heartbeat()
        if len(records) > 1:
            raise ValueError(f"Xexun carries one fix per message, got {len(records)} records")
        rec = records[0]
        serial = f"{rec.fix_time.astimezone(UTC):%y%m%d%H%M%S}"
        return full_message(f"{serial},,{_sentence(rec)}", self.unique_id, rec), b""

    def heartbeat(self) -> tuple[bytes, bytes]:
        return full_message(",,", self.unique_id, None), b""
