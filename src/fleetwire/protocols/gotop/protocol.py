"""GotopProtocol: the TrackerProtocol object the registry hands out for GoTop; it wires the
modules here to the shared contract and holds no state.

detect() claims only a whole `<IMEI>,CMD-<x>,...` or `<IMEI>,ALM-<x>,...` message.
"""

from __future__ import annotations

import re
from typing import ClassVar, Final

from fleetwire.protocols._text import detect_whole_line
from fleetwire.protocols.base import Detection, TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE

_MESSAGE: Final = re.compile(rb"\d{15},(CMD|ALM)-\w{1,4}(,[ -\"$-~]*)?#?[\r\n]*")
_MESSAGE_START: Final = re.compile(rb"\d{1,15}(,(C(M(D(-\w{0,4}(,[ -\"$-~]*)?)?)?)?)?)?")


class GotopProtocol(TrackerProtocol):
    name: ClassVar[str] = "gotop"
    default_port: ClassVar[int] = 5050
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP, Transport.UDP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "CMD-T", "CMD-F", "ALM-* alarms", "CMD-X keep-alive (layouts from public captures)",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = ("GoTop GPS trackers",)

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)

    def detect(self, head: bytes) -> Detection:
        return detect_whole_line(framing.frame_length, head, _MESSAGE, _MESSAGE_START)
