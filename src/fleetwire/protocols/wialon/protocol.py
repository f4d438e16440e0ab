"""WialonProtocol: the TrackerProtocol object the registry hands out; it wires the Wialon IPS
modules (framing, inspect, decoding, encoding) to the shared contract and holds no state. Its
detect() is stricter than the default: a connection is Wialon only if it opens with a login."""

from __future__ import annotations

import re
from typing import ClassVar, Final

from fleetwire.protocols.base import (
    Detection,
    TrackerProtocol,
    Transport,
)

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE, MAX_ID_LENGTH

_LOGIN_START: Final = b"#L#"
# v2.0 "2.0;id;password;crc" or v1.1 "id;password", printable text, then CR LF
_LOGIN: Final = re.compile(
    rb"#L#(?:\d+\.\d+;[\x21-\x3a\x3c-\x7e]{1,%d};[^;\r\n]*;(?:0[xX])?[0-9A-Fa-f]{1,4}"
    rb"|[\x21-\x3a\x3c-\x7e]{1,%d};[^;\r\n]*)\r\n" % (MAX_ID_LENGTH, MAX_ID_LENGTH)
)
_MAX_LOGIN: Final = 256


class WialonProtocol(TrackerProtocol):
    name: ClassVar[str] = "wialon"
    default_port: ClassVar[int] = 5039
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP, Transport.UDP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = ("L", "SD", "D", "B", "P", "M", "I", "AM")
    devices: ClassVar[tuple[str, ...]] = (
        "Wialon IPS firmware (many vendors)", "smartphone trackers", "Wialon retranslators",
    )  # fmt: skip

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)

    def detect(self, head: bytes) -> Detection:
        """YES for a connection that opens with a well-formed login line. Its CRC is not
        checked here: a login with a bad CRC is still this protocol (inspect refuses it)."""
        n = min(len(head), len(_LOGIN_START))
        if head[:n] != _LOGIN_START[:n]:
            return Detection.NO
        end = head.find(b"\r\n")
        if end < 0:
            return Detection.MORE if len(head) < _MAX_LOGIN else Detection.NO
        return Detection.YES if _LOGIN.fullmatch(head[: end + 2]) else Detection.NO
