"""The Laipac device side, for the simulator and round-trip tests: an `$ECHK` on connect
(echoed back), then one `$AVRMC` per fix with a lower-case status, each waiting for its
`$EAVACK`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC

from fleetwire.model import Record
from fleetwire.protocols._nmea import position_text
from fleetwire.protocols._units import KNOTS
from fleetwire.protocols.base import SimulatedDevice

from .framing import checksum_of, sentence
from .inspect import acknowledgement


class Device(SimulatedDevice):
    example_id = "358174067149865"

    def login(self) -> tuple[bytes, bytes]:
        frame = sentence(f"$ECHK,{self.unique_id},0")
        return frame, frame

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        if not records:
            return self.heartbeat()
        r = records[0]
        t = r.fix_time.astimezone(UTC)
        lat, lon = r.latitude or 0.0, r.longitude or 0.0
        frame = sentence(
            f"$AVRMC,{self.unique_id},{t:%H%M%S},{'a' if r.valid else 'v'},"
            f"{position_text(lat, lon)},"
            f"{(r.speed or 0.0) / KNOTS:.2f},{r.course or 0:.2f},{t:%d%m%y},0,4076,119,1,0,0,"
            "3EE4A617,020610"
        )
        return frame, acknowledgement("0", checksum_of(frame))

    def heartbeat(self) -> tuple[bytes, bytes]:
        return self.login()
