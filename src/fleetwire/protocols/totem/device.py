"""A simulated Totem device: one CLASSIC AVL-08-layout report per record (alarm type 0xAA,
interval report), unanswered, as the documents define no reply. There is no login: the first
report identifies the unit.

Writes the GPRMC sentence from the fix, HDOP from the `hdop` attribute, inputs/outputs from
in<N>/out<N>, battery/power/charge, ADC0 from `adc1`, and a serial number from `index`.
Kept cheap: string formatting only; must agree with decoding.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from fleetwire.model import Record
from fleetwire.protocols._nmea import checksummed, position_text
from fleetwire.protocols._units import KNOTS
from fleetwire.protocols.base import SimulatedDevice, Transport

from .constants import INTERVAL_REPORT
from .framing import classic


def _flags(r: Record) -> str:
    a = r.attributes
    ins = "".join("1" if a.get(f"in{n}") else "0" for n in range(1, 5))
    outs = "".join("1" if a.get(f"out{n}") else "0" for n in range(1, 5))
    return "0000" + ins + outs


def _sentence(r: Record) -> str:
    t = r.fix_time.astimezone(UTC)
    lat, lon = r.latitude or 0.0, r.longitude or 0.0
    body = (
        f"GPRMC,{t:%H%M%S}.000,{'A' if r.valid else 'V'},{position_text(lat, lon)},"
        f"{(r.speed or 0.0) / KNOTS:.2f},{r.course or 0.0:.2f},{t:%d%m%y},,,A"
    )
    return f"${checksummed(body)}"


def _report(r: Record) -> bytes:
    a = r.attributes
    t = r.fix_time.astimezone(UTC)
    voltage = (
        f"{1 if a.get('charge') else 0}{round(a.get('battery', 4.1) * 100):03d}"
        f"{round(a.get('power', 12.0) * 100):04d}"
    )
    fields = (
        f"{INTERVAL_REPORT:02X}{_sentence(r)}", f"{a.get('pdop', 1.0):04.1f}",
        f"{a.get('hdop', 1.0):04.1f}", f"{a.get('vdop', 1.0):04.1f}", _flags(r),
        f"{t:%Y%m%d%H%M%S}", voltage, f"{round(a.get('adc1', 0.0) * 100):04d}0000",
        "00000000", "0000", "0.0000", f"{a.get('index', 1) % 10000:04d}",
    )  # fmt: skip
    return "|".join(fields).encode("ascii")


class Device(SimulatedDevice):
    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        super().__init__(unique_id, transport)

    def login(self) -> tuple[bytes, bytes]:
        return b"", b""  # no login message: the first report identifies the unit

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        """One frame per record; an empty report is a report of an invalid fix."""
        if len(records) > 1:
            raise ValueError(f"a Totem frame carries one fix, got {len(records)} records")
        if not records:
            records = [Record(fix_time=datetime(2026, 1, 1, tzinfo=UTC), valid=False)]
        return classic(self.unique_id, _report(records[0])), b""
