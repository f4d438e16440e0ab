"""MictrackProtocol: the TrackerProtocol object the registry hands out for Mictrack; it wires
the modules here to the shared contract and holds no state.

detect() claims only a whole standard report line `MT;<n>;<IMEI>;<type>;...`.
"""

from __future__ import annotations

import re
from typing import ClassVar, Final

from fleetwire.protocols._text import detect_whole_line
from fleetwire.protocols.base import Detection, TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE

_REPORT: Final = re.compile(rb"MT;\d;\d{15};[A-Z]\w{0,3};[ -~]*\r?\n?")
_REPORT_START: Final = re.compile(rb"M(T(;(\d(;(\d{0,15}(;[ -~]*)?)?)?)?)?)?")


class MictrackProtocol(TrackerProtocol):
    name: ClassVar[str] = "mictrack"
    default_port: ClassVar[int] = 5191
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP, Transport.UDP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "standard MT; R0 GPS, RH heartbeat, R1/Y1 WiFi, R2/R3 cell, R12/R13 WiFi+cell",
        "low altitude <IMEI>$fix[$fix...]", "command results (layouts from public captures; "
        "the MT500/MT700 #IMEI# format is not decoded)",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = ("Mictrack MT600", "MT700", "MT710", "MT821", "MP90")

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)

    def detect(self, head: bytes) -> Detection:
        return detect_whole_line(framing.frame_length, head, _REPORT, _REPORT_START)
