"""Gps103Protocol: the TrackerProtocol object the registry hands out; it wires the GPS103
modules (framing, inspect, decoding, encoding) to the shared contract and holds no state.

detect() is stricter than the default: the first message must be a whole logon
`##,imei:<15 digits>,A;`, heartbeat `<15 digits>;` or report `imei:<15 digits>,<keyword>,...;`
(or `*` in place of the `;`, as one firmware ends its logon and reports).
"""

from __future__ import annotations

import re
from typing import ClassVar

from fleetwire.protocols.base import (
    Detection,
    TrackerProtocol,
    Transport,
)

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE

_KEYWORD = rb"[A-Za-z0-9][^,;\x00-\x1f\x7f-\xff]{0,19}"  # "tracker", "help me", "T:+28.0" ...
_FIRST = re.compile(
    rb"(##,imei:\d{15},A|\d{15}|imei:\d{15}," + _KEYWORD + rb",[^;\x00-\x1f\x7f-\xff]*)"
    rb"[;\n*][\r\n]*"
)


class Gps103Protocol(TrackerProtocol):
    name: ClassVar[str] = "gps103"
    default_port: ClassVar[int] = 5001
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP, Transport.UDP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    # what the units end a message with; some firmware ends lines instead
    terminators: ClassVar[tuple[bytes, ...]] = (b";", b"\r\n", b"\n")
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "logon", "heartbeat", "tracker", "alarms (help me, low battery, move, speed, stockade, "
        "ac alarm, door alarm, sensor alarm, DTC, oil ...)", "acc on/off", "rfid", "OBD",
        "alternative report (*)",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = (
        "Coban TK103-2B", "Coban GPS-103", "Coban GPS-303", "TK102", "TK103 clones",
    )  # fmt: skip

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)

    def detect(self, head: bytes) -> Detection:
        verdict = super().detect(head)
        if verdict != Detection.YES:
            return verdict
        n = framing.frame_length(head)
        return Detection.YES if _FIRST.fullmatch(head[:n]) else Detection.NO
