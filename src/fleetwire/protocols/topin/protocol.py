"""TopinProtocol: the TrackerProtocol object the registry hands out; it wires the Topin modules
(framing, inspect, decoding, encoding) to the shared contract and holds no state.

Default port 5199: traccar/traccar setup/default.xml, `topin.port`. detect() is strict: a
Topin login starts like a GT06 one (`78 78 0D 01` + BCD IMEI), so it wants the whole 15-byte
login ending on `0D 0A`, where a GT06 login goes on with serial and CRC.
"""

from __future__ import annotations

from typing import ClassVar, Final

from fleetwire.protocols._binary import bcd
from fleetwire.protocols.base import Detection, TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import IMEI_BYTES, LOGIN_SIZE, MAX_FRAME_SIZE, START, STOP, Message

_LOGIN_HEAD: Final = START + bytes((0x0D, Message.LOGIN))


class TopinProtocol(TrackerProtocol):
    name: ClassVar[str] = "topin"
    default_port: ClassVar[int] = 5199  # traccar/traccar setup/default.xml: topin.port
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "0x01 login", "0x08 heartbeat", "0x10/0x11 GPS online/offline", "0x13 status",
        "0x17/0x69 WiFi and cells offline/online", "0x30 time request",
        "(ZhongXun document; the 0x08 fix and the answers' length byte from public captures)",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = (
        "Topin/ZhongXun ZX303", "ZX612", "ZX302", "365GPS trackers and watches",
    )  # fmt: skip

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)

    def detect(self, head: bytes) -> Detection:
        """YES for a whole login `78 78 0D 01` + 8 BCD bytes + version + `0D 0A`."""
        k = min(len(head), len(_LOGIN_HEAD))
        if head[:k] != _LOGIN_HEAD[:k]:
            return Detection.NO
        imei = head[len(_LOGIN_HEAD) : len(_LOGIN_HEAD) + IMEI_BYTES]
        if any((b >> 4) > 9 or (b & 0xF) > 9 for b in imei):
            return Detection.NO
        if len(head) < LOGIN_SIZE:
            return Detection.MORE
        ok = head[LOGIN_SIZE - 2 : LOGIN_SIZE] == STOP and bcd(imei)
        return Detection.YES if ok else Detection.NO
