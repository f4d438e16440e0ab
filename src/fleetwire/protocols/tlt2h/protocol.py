"""Tlt2hProtocol: the TrackerProtocol object the registry hands out; it wires the TLT-2H modules
(framing, inspect, decoding, encoding) to the shared contract and holds no state.

Default port 5030: traccar/traccar setup/default.xml, `tlt2h.port`. detect() is stricter than
the default: the first bytes must be a header line with a 15-digit IMEI, so that other
`#`-framed text protocols are not taken for TLT-2H before a whole message has arrived.
"""

from __future__ import annotations

import re
from typing import ClassVar

from fleetwire.protocols.base import Detection, TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE

_HEADER = re.compile(rb"#\d{15}#[^#\r\n]*#[^#\r\n]*(?:#[^#\r\n]*)*#\d+\r\n")
_START = re.compile(rb"#(?:\d{15}(?:#[ -~]{0,80})?|\d{0,14})")


class Tlt2hProtocol(TrackerProtocol):
    name: ClassVar[str] = "tlt2h"
    default_port: ClassVar[int] = 5030  # traccar/traccar setup/default.xml: tlt2h.port
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "GPRS report: header line (state: alarms, ignition) and $GPRMC record lines (several "
        "per message, cell or backup voltage), $WIFI lines",
        "layout from Mictrack's MT500/MT700 documents and public captures",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = (
        "UDT-TV-02", "UDT-MT-02", "V500", "V600", "Mictrack MT500", "Mictrack MT600",
        "Mictrack MT700", "Mictrack MP90",
    )  # fmt: skip

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)

    def detect(self, head: bytes) -> Detection:
        if _HEADER.match(head) is not None:
            return super().detect(head)
        start = _START.match(head)
        if start is not None and start.end() == len(head):
            return Detection.MORE  # a header line on its way
        return Detection.NO
