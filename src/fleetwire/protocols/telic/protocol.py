"""TelicProtocol: the TrackerProtocol object the registry hands out; it wires the Telic modules
(framing, inspect, decoding, encoding) to the shared contract and holds no state.

Default port 5067: traccar/traccar setup/default.xml, `telic.port`. detect() is stricter than the
default (which would take any digits before a NUL): the first message must be a connect message
or a report with a device id of 6 to 15 digits.
"""

from __future__ import annotations

import re
from typing import ClassVar

from fleetwire.protocols.base import Detection, TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE

_FIRST = re.compile(rb"(?:[a-z][\x00-\x03]\x00\x00)?\d{4}\d{6,15}(?:\|\d{3}\|\d\d\||\d\d,\d{12},)")


class TelicProtocol(TrackerProtocol):
    name: ClassVar[str] = "telic"
    default_port: ClassVar[int] = 5067  # traccar/traccar setup/default.xml: telic.port
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "position report (NUL-terminated, with or without the 4-byte length prefix)",
        "connect message and command answers (framed and kept, not decoded)",
        "content from the Picotrack manuals, field positions from public captures",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = ("Telic SBC", "Telic Picotrack")

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)

    def detect(self, head: bytes) -> Detection:
        verdict = super().detect(head)
        if verdict != Detection.YES:
            return verdict
        return Detection.YES if _FIRST.match(head) else Detection.NO
