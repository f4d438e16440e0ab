"""The StarLink device side, for the simulator and round-trip tests: one report per fix in the
default format, with its checksum, each on a line of its own (the CR LF lets the shared auto
port tell it at once from the `$`-framed protocols that would wait for more). Nothing is
answered and there is no login.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC
from typing import ClassVar

from fleetwire.errors import EncodeError
from fleetwire.model import Record
from fleetwire.protocols._nmea import degrees_minutes
from fleetwire.protocols._units import KNOTS
from fleetwire.protocols.base import SimulatedDevice, Transport

from .framing import build

_LOCATION = 1  # the event id of periodic location reports ("Location" in the captures)


def _signed(value: float, width: int) -> str:
    return f"{'-' if value < 0 else '+'}{degrees_minutes(value, width)}"


class Device(SimulatedDevice):
    example_id: ClassVar[str] = "352353088342073"

    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        super().__init__(unique_id, transport)
        self._index = 0  # the report index, counting up as the device's own does

    def login(self) -> tuple[bytes, bytes]:
        return b"", b""

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        return b"".join(self._report(r) for r in records), b""

    def _report(self, r: Record) -> bytes:
        if r.latitude is None or r.longitude is None:
            raise EncodeError("a StarLink report of the simulator carries a position")
        self._index += 1
        t = f"{r.fix_time.astimezone(UTC):%y%m%d%H%M%S}"
        fields = [
            f"SLU{self.unique_id}", "06", str(self._index), t, f"{_LOCATION:02d}", t,
            _signed(r.latitude, 2), _signed(r.longitude, 3), f"{(r.speed or 0) / KNOTS:05.1f}",
            f"{round(r.course or 0) % 360:03d}", "000000", "0", "0", "0", "0", "0", "0", "0",
            "0", "", "", "12.500", "04.100", "", "1", "1",
        ]  # fmt: skip
        return build(",".join(fields)) + b"\r\n"
