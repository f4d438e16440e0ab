"""IntellitracProtocol: the TrackerProtocol object the registry hands out; it wires the
IntelliTrac modules (framing, inspect, decoding, encoding) to the shared contract and holds
no state.

Default port 5037: traccar/traccar setup/default.xml, `intellitrac.port`. detect() is strict:
lines of digits and commas start many text protocols, so it wants a whole report line whose
fields decode.
"""

from __future__ import annotations

import re
from typing import ClassVar, Final

from fleetwire.errors import DeviceError
from fleetwire.model import EPOCH
from fleetwire.protocols.base import (
    DecodeContext,
    Detection,
    Session,
    TrackerProtocol,
    Transport,
)

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE

# what a report line can hold before its end arrives
_PARTIAL: Final = re.compile(rb"(\$(R(P(:)?)?)?)?[0-9,.\-]*")
_PROBE: Final = 256


class IntellitracProtocol(TrackerProtocol):
    name: ClassVar[str] = "intellitrac"
    default_port: ClassVar[int] = 5037  # traccar/traccar setup/default.xml: intellitrac.port
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    # a report line is a Wondex report line field for field (id, time, lon, lat, speed, course,
    # altitude, satellites, ...): on the shared auto port the two cannot be told apart, so
    # IntelliTrac devices use this protocol's own port
    auto_port: ClassVar[bool] = False
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "report (periodic, event; with or without sequence, analog and GPS-time fields)",
        "$RP poll answer", "$OK/$ERR command answers (stored, not decoded)",
        "(layouts from public captures)",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = ("IntelliTrac X1", "X1 Plus", "X8", "P1")

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)

    def detect(self, head: bytes) -> Detection:
        n = framing.frame_length(head)
        if n < 0 or (n == 0 and head and not _PARTIAL.fullmatch(head)):
            return Detection.NO
        if n == 0 or n > len(head):
            return Detection.MORE if len(head) < _PROBE else Detection.NO
        line = head[:n]
        try:
            up = inspect.inspect(line, Session())
            records = decoding.decode(line, DecodeContext(up.unique_id, EPOCH))
        except DeviceError:
            return Detection.NO
        return Detection.YES if up.unique_id and records else Detection.NO
