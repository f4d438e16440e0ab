"""The MiniFinder device side, for the simulator and round-trip tests: a services heartbeat
(type 03, IMEI + key 0x10) as its first message and data messages (type 01) of one general-data
(0x24) and one GPS (0x20) key per fix, plus an alarm key (0x02) for an ``alarm`` attribute; every
message asks for the response (ACK flag), which carries its sequence id.

Kept fast for the load generator: keys are packed with struct, no walking and no decoding.
Must agree with decoding.py on the keys it writes and with inspect.py on the reply.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Final

from fleetwire.errors import EncodeError
from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice, Transport

from .constants import ACK_FLAG, ALARM_BITS, MAX_BODY, STATUS_BATTERY_SHIFT, Key, Message
from .framing import build, record
from .inspect import ack

_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_TIMED: Final = struct.Struct("<II")
_GPS: Final = struct.Struct("<iiHHhHIB")
_BITS: Final = {name: bit for bit, name in reversed(ALARM_BITS)}  # first bit of each name
_FULL_BATTERY: Final = 100


def _seconds(t: datetime) -> int:
    return int((t - _EPOCH).total_seconds())


def _keys(r: Record) -> bytes:
    a = r.attributes
    level = int(a.get("batteryLevel", _FULL_BATTERY))
    status = level << STATUS_BATTERY_SHIFT
    parts = [record(Key.GENERAL, _TIMED.pack(_seconds(r.fix_time), status))]
    if r.latitude is not None and r.longitude is not None:
        gps = _GPS.pack(
            round(r.latitude * 1e7), round(r.longitude * 1e7), round(r.speed or 0),
            round(r.course or 0) % 360, round(r.altitude or 0), 0, int(a.get("odometer", 0)),
            r.satellites or 0,
        )  # fmt: skip
        parts.append(record(Key.GPS, gps))
    alarms = [_BITS[n] for n in str(a.get("alarm", "")).split(",") if n in _BITS]
    if alarms:
        bits = sum(1 << b for b in set(alarms))
        parts.append(record(Key.ALARM, _TIMED.pack(bits, _seconds(r.fix_time))))
    return b"".join(parts)


class Device(SimulatedDevice):
    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        super().__init__(unique_id, transport)
        self._imei = record(Key.IMEI, unique_id.encode("ascii"))
        self._sequence = 0

    def _message(self, message: Message, body: bytes) -> tuple[bytes, bytes]:
        self._sequence = (self._sequence + 1) & 0xFFFF
        payload = bytes((message,)) + self._imei + body
        if len(payload) > MAX_BODY:
            raise EncodeError(f"{len(payload)} bytes do not fit one MiniFinder message")
        return build(ACK_FLAG, self._sequence, payload), ack(self._sequence)

    def login(self) -> tuple[bytes, bytes]:
        """The device has no login message: every data and services message carries the IMEI.
        Its first message is a heartbeat."""
        return self._message(Message.SERVICES, record(Key.HEARTBEAT, bytes((_FULL_BATTERY,))))

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        return self._message(Message.DATA, b"".join(map(_keys, records)))

    def heartbeat(self) -> tuple[bytes, bytes]:
        return self.login()
