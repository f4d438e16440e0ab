"""Ivt401Protocol: the TrackerProtocol object the registry hands out for iVT401; it wires the
modules here to the shared contract and holds no state.

detect() claims only a whole report `(TL<N|A|B|L>,<IMEI>,...)`.
"""

from __future__ import annotations

import re
from typing import ClassVar, Final

from fleetwire.protocols._text import detect_whole_line
from fleetwire.protocols.base import Detection, TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE

_REPORT: Final = re.compile(rb"\(TL[NABL],\d{15},[ -~]*\)[\r\n]*")
_REPORT_START: Final = re.compile(rb"\((T(L([NABL](,\d{0,15}(,[ -'*-~]*)?)?)?)?)?")


class Ivt401Protocol(TrackerProtocol):
    name: ClassVar[str] = "ivt401"
    default_port: ClassVar[int] = 5153
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP, Transport.UDP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "TLN report", "TLA alert", "TLB buffered", "TLL (layout from public captures only)",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = ("iVT401",)

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)

    def detect(self, head: bytes) -> Detection:
        return detect_whole_line(framing.frame_length, head, _REPORT, _REPORT_START)
