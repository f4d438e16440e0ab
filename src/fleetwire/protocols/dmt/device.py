"""The Digital Matter device side, for the simulator and round-trip tests: a hello, data records
(0x04: GPS, digital and analogue fields; no answer each) and the commit request that closes an
upload, with the exact replies.

Kept fast for the load generator: fields are packed with struct, no decoding. Must agree with
decoding.py on the field layouts and with inspect.py on the replies.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from typing import Final

from fleetwire.errors import EncodeError
from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice, Transport

from .constants import (
    EPOCH,
    GPS_SIZE,
    GPS_VALID,
    HEAD_SIZE,
    MAX_PAYLOAD,
    RECORD_HEAD,
    AnalogId,
    FieldId,
    MsgType,
)
from .framing import COMMIT_REQUEST, COMMIT_RESPONSE, build, hello_response

_HELLO: Final = struct.Struct("<I16s21sBBBBI")
_HEAD: Final = struct.Struct("<HIIB")
_GPS: Final = struct.Struct("<BBIiihHBBBBB")
_DIGITAL: Final = struct.Struct("<BBIHH")
_A16: Final = struct.Struct("<BH")
_PRODUCT: Final = 0x22  # as in a captured hello (Traccar DmtProtocolDecoderTest)
_LOG_REASON: Final = 3  # as in the captured periodic records
_GOOD_FIX: Final = GPS_VALID | 0x02  # the captures' valid 3-D fixes carry 03


def _seconds(r: Record) -> int:
    s = int((r.fix_time - EPOCH).total_seconds())
    if not 0 < s < 1 << 32:
        raise EncodeError(f"{r.fix_time} cannot be sent (seconds since 2013)")
    return s


class Device(SimulatedDevice):
    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        super().__init__(unique_id, transport)
        self._imei = unique_id.encode("ascii")
        self._sequence = 0

    def login(self) -> tuple[bytes, bytes]:
        payload = _HELLO.pack(
            int(self.unique_id[-6:]), self._imei, b"89610185001824844630", _PRODUCT, 2, 1, 9, 0
        )
        return build(MsgType.HELLO, payload), hello_response()

    def accepts(self, expected: bytes, got: bytes) -> bool:
        """The hello response carries the server's clock (the 4 bytes after the 5-byte header),
        which no simulated device can know: everything else byte for byte."""
        if expected != hello_response() or len(got) != len(expected):
            return got == expected

        def without_time(b: bytes) -> bytes:
            return b[:HEAD_SIZE] + b[HEAD_SIZE + 4 :]

        return without_time(got) == without_time(expected)

    def _record(self, r: Record) -> bytes:
        self._sequence = (self._sequence + 1) & 0xFFFFFFFF
        t = _seconds(r)
        a = r.attributes
        fields = [
            _GPS.pack(
                FieldId.GPS, GPS_SIZE, t,
                round((r.latitude or 0.0) * 1e7), round((r.longitude or 0.0) * 1e7),
                round(r.altitude or 0.0), round((r.speed or 0.0) / 0.036), 0,
                round((r.course or 0.0) / 2) % 180, round(a.get("pdop", 1.0) * 10),
                int(a.get("accuracy", 5)), _GOOD_FIX if r.valid else 0,
            ),
            _DIGITAL.pack(FieldId.DIGITAL, 8, int(a.get("input", 0)), int(a.get("output", 0)), 0),
        ]  # fmt: skip
        analog = []
        if "battery" in a:
            analog.append(_A16.pack(AnalogId.BATTERY, round(a["battery"] * 1000)))
        if "power" in a:
            analog.append(_A16.pack(AnalogId.EXTERNAL, round(a["power"] * 1000)))
        if analog:
            fields.append(bytes((FieldId.ANALOG16, 3 * len(analog))) + b"".join(analog))
        body = b"".join(fields)
        return _HEAD.pack(RECORD_HEAD + len(body), self._sequence, t, _LOG_REASON) + body

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        """One 0x04 message; the device expects no answer to it, only to the commit after it
        (``commit()``)."""
        payload = b"".join(map(self._record, records))
        if len(payload) > MAX_PAYLOAD:
            raise EncodeError(f"{len(records)} records do not fit one Digital Matter message")
        return build(MsgType.DATA_RECORDS, payload), b""

    def commit(self) -> tuple[bytes, bytes]:
        """The commit request that ends an upload, and the commit response it waits for."""
        return COMMIT_REQUEST, COMMIT_RESPONSE

    def heartbeat(self) -> tuple[bytes, bytes]:
        """An idle device connects, says hello and commits nothing: the commit is its keep-alive."""
        return self.commit()
