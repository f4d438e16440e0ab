"""A simulated CalAmp LMU: acknowledged Event Reports and Null messages with their exact ACKs.

Used by the load generator and the round-trip tests, so frames are packed with struct. Writes
the Mobile ID as packed BCD (type 2, IMEI, for a 15-digit id; type 1, ESN, otherwise) and the
ignition input when a record carries it; no accumulators. Must agree with inspect.py on the ACK.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Final

from fleetwire.errors import EncodeError
from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice, Transport

from .constants import ACK_OK, MessageType, ServiceType
from .framing import message_header, mobile_id_field, options_header

_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
# the Event Report's 40 fixed bytes (see decoding._LOCATION), then event index, event code,
# accums, append
_EVENT: Final = struct.Struct(">IIiiiIHBBHhBBBBBBBB")
_ESN: Final = 1
_IMEI: Final = 2
_IMEI_DIGITS: Final = 15
_FIX_2D: Final = 0x10
_COMM_CONNECTED: Final = 0x0F  # available, network service, data service, connected
_RSSI: Final = -70
_EVENT_INDEX: Final = 0
_EVENT_CODE: Final = 2
_ACK_TAIL: Final = bytes((ACK_OK, 0, 0, 0, 0))


def _seconds(t: datetime) -> int:
    return int((t - _EPOCH).total_seconds())


class Device(SimulatedDevice):
    def __init__(self, unique_id: str, transport: Transport = Transport.UDP) -> None:
        super().__init__(unique_id, transport)
        id_type = _IMEI if len(unique_id) == _IMEI_DIGITS else _ESN
        self._options = options_header(mobile_id_field(unique_id), id_type)
        self._sequence = 0

    def _next(self, mtype: MessageType) -> tuple[bytes, bytes]:
        """The headers of the next acknowledged request and the ACK the server owes it."""
        self._sequence = (self._sequence + 1) & 0xFFFF
        head = self._options + message_header(ServiceType.ACKNOWLEDGED, mtype, self._sequence)
        reply = message_header(ServiceType.RESPONSE, MessageType.ACK, self._sequence)
        return head, self._options + reply + bytes((mtype,)) + _ACK_TAIL

    def login(self) -> tuple[bytes, bytes]:
        """LM Direct has no login: every message carries the Mobile ID."""
        return b"", b""

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        if not records:
            return self.heartbeat()
        if len(records) > 1:
            raise EncodeError("an Event Report carries one record")
        (r,) = records
        sats = r.satellites or 0
        body = _EVENT.pack(
            _seconds(r.fix_time), _seconds(r.fix_time),
            round((r.latitude or 0.0) * 1e7), round((r.longitude or 0.0) * 1e7),
            round((r.altitude or 0.0) * 100), round((r.speed or 0.0) / 0.036),
            round(r.course or 0) % 360, sats, 0 if sats > 3 else _FIX_2D, 0, _RSSI,
            _COMM_CONNECTED, round(r.attributes.get("hdop", 0) * 10),
            1 if r.attributes.get("ignition") else 0, 0, _EVENT_INDEX, _EVENT_CODE, 0, 0,
        )  # fmt: skip
        head, ack = self._next(MessageType.EVENT_REPORT)
        return head + body, ack

    def heartbeat(self) -> tuple[bytes, bytes]:
        return self._next(MessageType.NULL)
