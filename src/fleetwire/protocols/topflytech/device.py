"""The Topflytech device side in the text form, for the simulator and round-trip tests: one
``(IMEI BP00 ...)`` message per record, several back to back in one write, none answered.
There is no login or keep-alive in this form, so login() and heartbeat() send nothing.
(A binary T880x unit is the t800x package's Device.) Kept cheap: string formatting only.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC
from typing import Final

from fleetwire.model import Record
from fleetwire.protocols._nmea import position_text
from fleetwire.protocols.base import SimulatedDevice, Transport

# The status run of a captured message (traccar TopflytechProtocolDecoderTest); opaque to us.
_STATUS: Final = "XG00b600000000L00074b54S00000000R0C0F0014000100f0"


def _message(imei: str, r: Record) -> str:
    lat, lon = r.latitude or 0.0, r.longitude or 0.0
    return (
        f"({imei}BP00{_STATUS}{r.fix_time.astimezone(UTC):%y%m%d%H%M%S}"
        f"{'A' if r.valid else 'V'}"
        f"{position_text(lat, lon, '')}"
        f"{min(r.speed or 0.0, 999.9):05.1f}{(r.course or 0.0) % 360:06.2f})"
    )


class Device(SimulatedDevice):
    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        super().__init__(unique_id, transport)
        if not unique_id.isdigit() or len(unique_id) != 15:
            raise ValueError(f"a Topflytech IMEI is 15 digits, not {unique_id!r}")

    def login(self) -> tuple[bytes, bytes]:
        return b"", b""

    def heartbeat(self) -> tuple[bytes, bytes]:
        return b"", b""

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        return "".join(_message(self.unique_id, r) for r in records).encode("ascii"), b""
