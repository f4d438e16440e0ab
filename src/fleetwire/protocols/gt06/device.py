"""The GT06 device side, for the simulator and round-trip tests: login, one fix per 0x22
frame, 0x13 heartbeats, each with the exact reply the device expects.

Kept fast for the load generator: frames are packed with struct, no Reader and no decoding.
Must agree with inspect.py on which frames are answered.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from datetime import UTC

from fleetwire.model import Record
from fleetwire.protocols._binary import to_bcd
from fleetwire.protocols.base import SimulatedDevice, Transport

from .constants import MessageType
from .framing import build_frame, reply

# date-time(6) sats(1) lat(4) lon(4) speed(1) course/status(2) mcc(2) mnc(1) lac(2) cid(3)
# acc(1) upload mode(1) re-upload(1)
_GPS_LBS_2 = struct.Struct(">6BBIIBHHBH3sBBB")
_SCALE = 1_800_000
_GPS_LEN_NIBBLE = 0xC0  # "GPS information length" 12
_LANGUAGE_ENGLISH = 0x02


class Device(SimulatedDevice):
    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        super().__init__(unique_id, transport)
        self._imei = to_bcd(unique_id, 8)
        self._serial = 0

    def _next(self) -> int:
        self._serial = self._serial % 0xFFFF + 1  # starts at 1 after boot, skips 0 on wrap
        return self._serial

    def login(self) -> tuple[bytes, bytes]:
        serial = self._next()
        return build_frame(MessageType.LOGIN, self._imei, serial), reply(MessageType.LOGIN, serial)

    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        """One 0x22 frame for one record (GT06 carries one fix per frame); an empty report is
        a heartbeat. 0x22 is not answered, so the expected reply is b""."""
        if not records:
            return self.heartbeat()
        if len(records) > 1:
            raise ValueError(f"GT06 carries one fix per frame, got {len(records)} records")
        rec = records[0]
        t = rec.fix_time.astimezone(UTC)
        lat = rec.latitude or 0.0
        lon = rec.longitude or 0.0
        flags = round(rec.course or 0) & 0x3FF
        flags |= 0x1000 if rec.valid else 0
        flags |= 0x400 if lat >= 0 else 0
        flags |= 0x800 if lon < 0 else 0
        a = rec.attributes
        content = _GPS_LBS_2.pack(
            t.year % 100, t.month, t.day, t.hour, t.minute, t.second,
            _GPS_LEN_NIBBLE | min(rec.satellites or 0, 15),
            round(abs(lat) * _SCALE), round(abs(lon) * _SCALE),
            min(round(rec.speed or 0), 255), flags,
            a.get("mcc", 0), a.get("mnc", 0), a.get("lac", 0),
            a.get("cid", 0).to_bytes(3, "big"),
            1 if a.get("ignition") else 0, 0, 1 if a.get("archive") else 0,
        )  # fmt: skip
        if "odometer" in a:
            content += int(a["odometer"]).to_bytes(4, "big")
        return build_frame(MessageType.GPS_LBS_2, content, self._next()), b""

    def respond(self, downlink: bytes) -> bytes:
        """Answer a 0x80 online command as GT06N firmware does: 0x15 string information
        echoing the server flag, with the command's text acknowledged."""
        if len(downlink) < 12 or downlink[:2] != b"\x78\x78" or downlink[3] != 0x80:
            return b""
        flag = downlink[5:9]
        text = downlink[9 : 9 + downlink[2] - 10]  # length counts 10 bytes besides the text
        answer = b"OK! " + text
        content = bytes((len(flag) + len(answer),)) + flag + answer + bytes((0, _LANGUAGE_ENGLISH))
        return build_frame(MessageType.STRING_INFO, content, self._next())

    def heartbeat(self) -> tuple[bytes, bytes]:
        serial = self._next()
        # terminal info: GPS tracking on; voltage level 6; GSM level 4; no alarm; English
        content = bytes((0x40, 6, 4, 0, _LANGUAGE_ENGLISH))
        frame = build_frame(MessageType.STATUS, content, serial)
        return frame, reply(MessageType.STATUS, serial)
