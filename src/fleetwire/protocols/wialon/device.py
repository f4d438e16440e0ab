"""A simulated Wialon IPS v2.0 device: login, one `#D#` per record (a `#B#` black box for
several), `#P#` pings, each with the exact answer the device expects.

Used by the load generator and the round-trip tests: packets are formatted directly, with no
parsing. Writes hdop, input/output masks and iButton from the attributes of the same name, and
every other int/float/str attribute as a typed param. Must agree with inspect.py on answers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC
from typing import Any, Final

from fleetwire.model import Record
from fleetwire.protocols._nmea import coordinate_text
from fleetwire.protocols.base import SimulatedDevice, Transport

from .constants import DATA_OK, LOGIN_OK, PING_OK
from .framing import build

_FIXED: Final = frozenset({"hdop", "input", "output", "driverUniqueId", "alarm"})
_FAMILY: Final = re.compile(r"(?:in|out|adc)\d+")  # rebuilt by the decoder from the masks


def _nmea(value: float | None, width: int, signs: str) -> str:
    if value is None:
        return "NA;NA"
    return coordinate_text(value, width, signs, ";", 6)


def _opt(value: Any, fmt: str = "") -> str:
    return "NA" if value is None else format(value, fmt)


def _param(name: str, value: Any) -> str | None:
    if name in _FIXED or _FAMILY.fullmatch(name):
        return None
    if isinstance(value, bool | int):
        return f"{name}:1:{int(value)}"
    if isinstance(value, float):
        return f"{name}:2:{value!r}"
    if isinstance(value, str) and "," not in value and ";" not in value:
        return f"{name}:3:{value}"
    return None


def _message(r: Record) -> bytes:
    t = r.fix_time.astimezone(UTC)
    a = r.attributes
    params = ",".join(p for p in (_param(k, v) for k, v in a.items()) if p)
    return ";".join((
        t.strftime("%d%m%y;%H%M%S"),
        _nmea(r.latitude, 2, "NS"),
        _nmea(r.longitude, 3, "EW"),
        _opt(r.speed), _opt(r.course), _opt(r.altitude), _opt(r.satellites),
        _opt(a.get("hdop")), _opt(a.get("input")), _opt(a.get("output")),
        "NA", a.get("driverUniqueId", "NA"), params,
    )).encode()  # fmt: skip


class Device(SimulatedDevice):
    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        super().__init__(unique_id, transport)
        # Over UDP every datagram carries "2.0;<id>" in front; no login is sent there.
        self._prefix = f"2.0;{unique_id}".encode() if transport is Transport.UDP else b""

    def login(self) -> tuple[bytes, bytes]:
        return build("L", f"2.0;{self.unique_id};NA".encode(), crc=True), LOGIN_OK

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        """One `#D#` for one record; a `#B#` black box (answered with its count) for more."""
        if not records:
            return self.heartbeat()
        if len(records) == 1:
            return build("D", _message(records[0]), True, self._prefix), DATA_OK
        body = b"|".join(map(_message, records))
        frame = build("B", body, True, self._prefix, sep=b"|")
        return frame, b"#AB#%d\r\n" % len(records)

    def heartbeat(self) -> tuple[bytes, bytes]:
        return build("P", b"", False, self._prefix), PING_OK
