"""The ARNAVI device side, for the simulator and round-trip tests: a HEADER2 with the IMEI, then
one package per report with one TAGS packet per record, each confirmed with
`7B 00 <parcel number> 7D`.

Must agree with decoding.py on the tags it writes (3, 4 and 5). Speed goes in whole knots and
course in 2-degree steps, as on the wire, so a round trip rounds them.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Final

from fleetwire.model import Record
from fleetwire.protocols._units import KNOTS
from fleetwire.protocols.base import SimulatedDevice, Transport

from .constants import SERVER_COM_END, HeaderVersion, PacketType, Tag
from .framing import build_header, build_package, build_packet, header_answer, package_answer

_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_TAGS: Final = struct.Struct("<BfBfBI")
_PARCELS: Final = 0xFB  # parcel numbers 1..FB; FD is the command result
_HEADER2_ANSWER: Final = header_answer(HeaderVersion.V2, 0)  # up to the server's clock


def _nibbles(satellites: int) -> int:
    """Satellites split as the device does: GPS in the low nibble, GLONASS in the high one."""
    gps = min(satellites, 15)
    return gps | (min(satellites - gps, 15) << 4)


class Device(SimulatedDevice):
    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        super().__init__(unique_id, transport)
        self._id = int(unique_id)
        self._parcel = 0

    def login(self) -> tuple[bytes, bytes]:
        return build_header(self._id), _HEADER2_ANSWER

    def accepts(self, expected: bytes, got: bytes) -> bool:
        """The HEADER2 answer carries the server's clock and its checksum, which no simulated
        device can know: its frame and length are checked, everything else byte for byte."""
        if expected != _HEADER2_ANSWER:
            return got == expected
        return len(got) == len(expected) and got[:3] == expected[:3] and got[-1] == SERVER_COM_END

    def _record(self, r: Record) -> bytes:
        satellites = (r.satellites or 0) if r.valid else 0
        params = (
            (round((r.course or 0.0) / 2) % 180)
            | (min(max(round((r.altitude or 0.0) / 10), 0), 255) << 8)
            | (_nibbles(satellites) << 16)
            | (min(round((r.speed or 0.0) / KNOTS), 255) << 24)
        )
        data = _TAGS.pack(
            Tag.LATITUDE, r.latitude or 0.0, Tag.LONGITUDE, r.longitude or 0.0,
            Tag.COORD_PARAMS, params,
        )  # fmt: skip
        seconds = int((r.fix_time - _EPOCH).total_seconds())
        return build_packet(PacketType.TAGS, seconds, data)

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        self._parcel = self._parcel % _PARCELS + 1
        frame = build_package(self._parcel, b"".join(map(self._record, records)))
        return frame, package_answer(self._parcel)
