"""The JT/T 808 terminal side, for the simulator and round-trip tests: authentication (or
registration), one 0x0200 per fix or a 0x0704 batch, heartbeats, each with the exact 0x8001 /
0x8100 the terminal expects.

A unique id of up to 12 digits is sent as a 2013 phone number; a longer one (an IMEI) needs the
2019 header's 20 digits. The platform serial the reply will carry is predicted by counting the
answered frames sent, as inspect.py numbers its replies per connection from 0. Kept fast for
the load generator: bodies are packed with struct, nothing is decoded.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from datetime import UTC, timedelta
from typing import Final

from fleetwire.errors import DeviceError
from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice, Transport

from .constants import (
    ALARM_BITS,
    DEFAULT_TIMEZONE_HOURS,
    PHONE_2013,
    PHONE_2019,
    STATUS_ACC,
    STATUS_OIL_CUT,
    STATUS_POSITIONED,
    STATUS_SOUTH,
    STATUS_WEST,
    MessageType,
)
from .framing import build_frame, open_frame, phone_id
from .replies import auth_code, general_response, register_response

# alarm(4) status(4) lat(4) lon(4) altitude(2) speed(2) course(2) BCD time(6)
_BASIC: Final = struct.Struct(">IIIIhHH6s")
_ITEM_U32: Final = struct.Struct(">BBI")
_ITEM_U16: Final = struct.Struct(">BBH")
_ITEM_U8: Final = struct.Struct(">BBB")
_ALARM_MASKS: Final[dict[str, int]] = {}
for _bit, _name in ALARM_BITS.items():
    _ALARM_MASKS.setdefault(_name, 1 << _bit)
_BEIJING: Final = timedelta(hours=DEFAULT_TIMEZONE_HOURS)
_VERSION_2019: Final = 1
_FIRMWARE: Final = b"fleetwire-sim".ljust(20, b"\x00")
_NO_FIX: Final = bytes(28)  # zero time and position: "no fix yet"
_PLATFORM: Final = 0x8000  # ids from here on are the platform's


def _location_body(rec: Record) -> bytes:
    a = rec.attributes
    lat = rec.latitude or 0.0
    lon = rec.longitude or 0.0
    status = STATUS_POSITIONED if rec.valid else 0
    status |= STATUS_SOUTH if lat < 0 else 0
    status |= STATUS_WEST if lon < 0 else 0
    status |= STATUS_ACC if a.get("ignition") else 0
    status |= STATUS_OIL_CUT if a.get("blocked") else 0
    alarm = 0
    for name in str(a.get("alarm") or "").split(","):
        alarm |= _ALARM_MASKS.get(name, 0)
    t = rec.fix_time.astimezone(UTC) + _BEIJING  # device time is GMT+8 by the standard
    when = bytes.fromhex(
        f"{t.year % 100:02d}{t.month:02d}{t.day:02d}{t.hour:02d}{t.minute:02d}{t.second:02d}"
    )
    body = _BASIC.pack(
        alarm, status, round(abs(lat) * 1e6), round(abs(lon) * 1e6),
        round(rec.altitude or 0), round((rec.speed or 0) * 10), round(rec.course or 0), when,
    )  # fmt: skip
    if "odometer" in a:
        body += _ITEM_U32.pack(0x01, 4, round(a["odometer"] / 100))
    if "fuel" in a:
        body += _ITEM_U16.pack(0x02, 2, round(a["fuel"] * 10))
    if "input" in a:
        body += _ITEM_U32.pack(0x25, 4, int(a["input"]))
    if "rssi" in a:
        body += _ITEM_U8.pack(0x30, 1, int(a["rssi"]))
    if rec.satellites is not None:
        body += _ITEM_U8.pack(0x31, 1, rec.satellites)
    return body


class Device(SimulatedDevice):
    def __init__(
        self,
        unique_id: str,
        transport: Transport = Transport.TCP,
        *,
        version2019: bool | None = None,
    ) -> None:
        super().__init__(unique_id, transport)
        if not unique_id.isdigit() or len(unique_id) > PHONE_2019 * 2:
            raise ValueError(f"a JT/T 808 phone number is up to 20 digits, got {unique_id!r}")
        if version2019 is None:
            version2019 = len(unique_id) > PHONE_2013 * 2
        size = PHONE_2019 if version2019 else PHONE_2013
        self._phone = bytes.fromhex(unique_id.rjust(size * 2, "0"))
        self._version = _VERSION_2019 if version2019 else None
        self._serial = -1  # the terminal's own serial, from 0
        self._server = -1  # the platform serial the next reply carries, from 0
        self.auth_code = auth_code(phone_id(self._phone))
        self._last = _NO_FIX  # the last location body reported, for 0x8201 answers

    def _send(self, msg_id: int, body: bytes) -> tuple[bytes, int, int]:
        self._serial = (self._serial + 1) & 0xFFFF
        self._server = (self._server + 1) & 0xFFFF
        frame = build_frame(msg_id, body, self._phone, self._serial, self._version)
        return frame, self._serial, self._server

    def _acked(self, msg_id: int, body: bytes) -> tuple[bytes, bytes]:
        frame, serial, server = self._send(msg_id, body)
        return frame, general_response(self._phone, self._version, server, serial, msg_id)

    def handshake(self) -> list[tuple[bytes, bytes]]:
        # the platform numbers its serial afresh on every connection: so does the prediction
        # (left counting on, a reply whose serial or check code needs escaping differs in length
        # from the one predicted, and the terminal reads the wrong number of bytes)
        self._server = -1
        return super().handshake()

    def resend(self, frame: bytes, ack: bytes) -> bytes:
        env = open_frame(frame)
        self._server = (self._server + 1) & 0xFFFF
        return general_response(self._phone, self._version, self._server, env.serial, env.msg_id)

    def register(self) -> tuple[bytes, bytes]:
        """0x0100 (first contact of a new terminal) and the 0x8100 carrying the auth code."""
        if self._version is None:
            body = b"\x00\x2c\x01\x2f" + b"FLEET" + b"SIM-808".ljust(20, b"\x00")
            body += b"0000001" + b"\x00"
        else:
            body = b"\x00\x2c\x01\x2f" + b"FLEETWIRE".ljust(11, b"\x00")
            body += b"SIM-808".ljust(30, b"\x00") + b"0000001".ljust(30, b"\x00") + b"\x00"
        frame, serial, server = self._send(MessageType.REGISTER, body)
        reply = register_response(self._phone, self._version, server, serial, 0, self.auth_code)
        return frame, reply

    def login(self) -> tuple[bytes, bytes]:
        """0x0102 authentication, what a registered terminal sends first on every connection."""
        if self._version is None:
            body = self.auth_code
        else:
            imei = self.unique_id[-15:].rjust(15, "0").encode("ascii")
            body = bytes((len(self.auth_code),)) + self.auth_code + imei + _FIRMWARE
        return self._acked(MessageType.AUTH, body)

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        """One 0x0200 for one record, a 0x0704 batch for several, a heartbeat for none."""
        if not records:
            return self.heartbeat()
        if len(records) == 1:
            self._last = _location_body(records[0])
            return self._acked(MessageType.LOCATION, self._last)
        parts = [b"%b%b" % (len(b).to_bytes(2, "big"), b) for b in map(_location_body, records)]
        body = len(records).to_bytes(2, "big") + b"\x00" + b"".join(parts)
        return self._acked(MessageType.LOCATION_BATCH, body)

    def heartbeat(self) -> tuple[bytes, bytes]:
        return self._acked(MessageType.HEARTBEAT, b"")

    def accepts(self, expected: bytes, got: bytes) -> bool:
        """Byte for byte while one connection lasts; across a reconnect the platform numbers
        its serial afresh (from 0 per connection), so a terminal resending a frame checks what
        the reply answers (message id, phone, the echoed terminal serial, message id and
        result in the body), not the platform's own counter in the header."""
        if got == expected:
            return True
        try:
            want, have = open_frame(expected), open_frame(got)
        except DeviceError:
            return False
        return (want.msg_id, want.phone, want.version, want.data[want.start : want.end]) == (
            have.msg_id, have.phone, have.version, have.data[have.start : have.end]
        )  # fmt: skip

    def respond(self, downlink: bytes) -> bytes:
        """Answer a platform message as the standard asks: 0x0201 with the last location for a
        0x8201 query, the 0x0001 general response (result 0) for anything else. The platform
        serial it carries also re-synchronises the serial expected in the next reply."""
        try:
            env = open_frame(downlink)
        except DeviceError:
            return b""
        if env.msg_id < _PLATFORM or env.phone != self._phone:
            return b""
        self._server = env.serial
        self._serial = (self._serial + 1) & 0xFFFF
        echo = env.serial.to_bytes(2, "big")
        if env.msg_id == MessageType.POSITION_QUERY:
            msg_id, body = MessageType.LOCATION_ANSWER, echo + self._last
        else:
            msg_id = MessageType.TERMINAL_RESPONSE
            body = echo + env.msg_id.to_bytes(2, "big") + b"\x00"
        return build_frame(msg_id, body, self._phone, self._serial, self._version)
