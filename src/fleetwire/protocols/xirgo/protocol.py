"""XirgoProtocol: the TrackerProtocol object the registry hands out; it wires the Xirgo modules
(framing, inspect, decoding, encoding) to the shared contract and holds no state.

detect() is stricter than the default: `$$` is shared with other text protocols (Meitrack), so
the first message must open `$$<unit id>,<4-digit event>,` and end `##`.
"""

from __future__ import annotations

import re
from typing import ClassVar

from fleetwire.protocols.base import Detection, TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE

_OPENING = re.compile(rb"\$\$[0-9A-Za-z]{6,20},\d{4},")
_PARTIAL = re.compile(rb"\$(\$([0-9A-Za-z]{0,20}(,\d{0,4})?)?)?")
_LONGEST_OPENING = 28


class XirgoProtocol(TrackerProtocol):
    name: ClassVar[str] = "xirgo"
    default_port: ClassVar[int] = 5081  # traccar setup/default.xml: xirgo.port
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP, Transport.UDP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "periodic reports (4001-4006)", "alerts (6001-6035: ignition, speed, acceleration, "
        "deceleration, battery, towing, idle, geofence, motion ...)",
        "XT-2150 / XT-2060 / XT-2000 layouts", "configured forms (decode option 'form')",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = (
        "Xirgo XT-2000", "XT-2060", "XT-2150", "XT-2160", "XT-2460", "XT-4700", "XT-4860",
    )  # fmt: skip

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)

    def detect(self, head: bytes) -> Detection:
        if _OPENING.match(head) is None:
            if len(head) >= _LONGEST_OPENING or _PARTIAL.fullmatch(head) is None:
                return Detection.NO
            return Detection.MORE
        return super().detect(head)
