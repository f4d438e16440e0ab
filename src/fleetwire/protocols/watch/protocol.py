"""WatchProtocol: the TrackerProtocol object the registry hands out; it wires the watch
modules (framing, inspect, decoding, encoding) to the shared contract and holds no state. Its
detect() refuses anything not opening with `[` and a two-character maker before asking the
default (a whole first frame with a valid header and end)."""

from __future__ import annotations

import re
from typing import ClassVar, Final

from fleetwire.protocols.base import (
    Detection,
    TrackerProtocol,
    Transport,
)

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE

_START: Final = re.compile(rb"\[(?:[0-9A-Z](?:[0-9A-Z](?:\*.*)?)?)?", re.DOTALL)


class WatchProtocol(TrackerProtocol):
    name: ClassVar[str] = "watch"
    default_port: ClassVar[int] = 5093
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "LK", "UD", "UD2", "UD3", "UD_LTE", "UD_WCDMA", "WT", "WAD", "WG", "AL", "TKQ", "TKQ2",
        "bphrt", "BLOOD", "heart", "PULSE", "btemp2", "command echoes",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = (
        "Beesure/SeTracker watches (Q50, Q90, GW100 …)", "4P-Touch", "3G/4G kids' watches",
    )  # fmt: skip

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)

    def detect(self, head: bytes) -> Detection:
        if not head:
            return Detection.MORE
        if not _START.fullmatch(head[:4]):
            return Detection.NO
        return super().detect(head)
