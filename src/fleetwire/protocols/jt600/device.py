"""The JT600 device side, for the simulator and round-trip tests: a JT701 unit's U01 text
report per fix, answered "(S39)". There is no login: a unit's first report names it (and on
the shared auto port a text report is recognised at once, where a binary `$` record shares its
first bytes with H02's). ``binary_report`` builds the JT600 short-format frame of the same
records, unanswered. Kept cheap: string formatting only, no decoding.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC
from typing import ClassVar

from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice, Transport

from .constants import (
    BINARY_START,
    FLAG_EAST,
    FLAG_NORTH,
    FLAG_VALID,
    SHORT_RECORD,
    TEXT_REPLIES,
    TYPE_MULTI,
    TYPE_SINGLE,
)


def _dm(value: float, degree_digits: int) -> str:
    """Degrees and minutes x 10000 as digits, e.g. 22329862 for 22 deg 32.9862 min."""
    total = round(abs(value) * 600000)  # ten-thousandths of a minute
    degrees, minutes = divmod(total, 600000)
    return f"{degrees:0{degree_digits}d}{minutes:06d}"


def record_bytes(r: Record) -> bytes:
    """One 27-byte short-format record."""
    t = r.fix_time.astimezone(UTC)
    lat, lon = r.latitude or 0.0, r.longitude or 0.0
    flags = (FLAG_VALID if r.valid else 0) | (FLAG_NORTH if lat >= 0 else 0)
    flags |= FLAG_EAST if lon >= 0 else 0
    digits = f"{t:%d%m%y%H%M%S}{_dm(lat, 2)}{_dm(lon, 3)}{flags:X}"
    speed = min(round(r.speed or 0.0), 255)
    course = round((r.course or 0.0) % 360 / 2) % 180
    tail = bytes((speed, course, r.satellites or 0)) + bytes(SHORT_RECORD - 18)
    return bytes.fromhex(digits) + tail


def u01_line(unit_id: str, r: Record) -> bytes:
    t = r.fix_time.astimezone(UTC)
    lat, lon = r.latitude or 0.0, r.longitude or 0.0
    return (
        f"({unit_id},U01,{t:%d%m%y},{t:%H%M%S},{'T' if r.valid else 'F'},"
        f"{abs(lat):.6f},{'N' if lat >= 0 else 'S'},{abs(lon):.6f},{'E' if lon >= 0 else 'W'},"
        f"{min(r.speed or 0.0, 999.0):.2f},{round(r.course or 0.0) % 360},{r.satellites or 0},"
        "100%,00000000000000,0,0,0,0,0)"
    ).encode("ascii")


class Device(SimulatedDevice):
    example_id: ClassVar[str] = "3120820029"  # the unit id: 10 digits

    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        super().__init__(unique_id, transport)
        if len(unique_id) != 10 or not unique_id.isdigit():
            raise ValueError(f"a JT600 unit id is 10 digits, not {unique_id!r}")
        self._serial = 0

    def login(self) -> tuple[bytes, bytes]:
        return b"", b""

    def heartbeat(self) -> tuple[bytes, bytes]:
        return f"({self.unique_id},@JT)".encode("ascii"), b""

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        """One U01 line for one record (a text report carries one fix)."""
        if not records:
            return self.heartbeat()
        if len(records) > 1:
            raise ValueError(f"a U01 report carries one fix, got {len(records)} records")
        return u01_line(self.unique_id, records[0]), TEXT_REPLIES["U01"]

    def binary_report(self, records: Sequence[Record]) -> bytes:
        """The same records as one JT600 short-format frame (not answered)."""
        body = b"".join(record_bytes(r) for r in records)
        self._serial = (self._serial + 1) % 256
        kind = TYPE_SINGLE if len(records) == 1 else TYPE_MULTI
        head = bytes((BINARY_START,)) + bytes.fromhex(self.unique_id) + bytes((kind,))
        return head + len(body).to_bytes(2, "big") + body + bytes((self._serial,))
