"""TrvProtocol: the TrackerProtocol object the registry hands out for TRV; it wires the modules
here to the shared contract and holds no state.

detect() claims only a whole login, `TRVAP00<IMEI>#` or `IWAP00<IMEI>#`.
"""

from __future__ import annotations

import re
from typing import ClassVar, Final

from fleetwire.protocols._text import detect_whole_line
from fleetwire.protocols.base import Detection, TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE

_LOGIN: Final = re.compile(rb"(TRV|IW)AP00\d{15}#[\r\n]*")
_LOGIN_START: Final = re.compile(
    rb"(T(R(V(A(P(0(0\d{0,15})?)?)?)?)?)?|I(W(A(P(0(0\d{0,15})?)?)?)?)?)"
)


class TrvProtocol(TrackerProtocol):
    name: ClassVar[str] = "trv"
    default_port: ClassVar[int] = 5010
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "login AP00", "locations AP01/AP10 (alarm)/YP03/YP14", "cells and WiFi AP02",
        "heartbeat AP03/CP01", "heart rate AP49", "blood pressure APHT", "health APHP",
        "temperature AP50", "command answers (IW prefix from the vendor document; TRV YP/CP "
        "kinds from public captures)",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = ("IW GPS watches", "TRV personal trackers")

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)

    def detect(self, head: bytes) -> Detection:
        return detect_whole_line(framing.frame_length, head, _LOGIN, _LOGIN_START)
