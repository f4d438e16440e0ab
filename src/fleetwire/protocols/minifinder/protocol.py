"""MiniFinderProtocol: the TrackerProtocol object the registry hands out for MiniFinder's older
text protocol; it wires the modules here to the shared contract and holds no state.

detect() claims only a text login `!1,<imei>;`: binary frames on this port are accepted for the
operators who configured the binary devices under this name before the rename, but the auto
port gives those to minifinder2.
"""

from __future__ import annotations

import re
from typing import ClassVar, Final

from fleetwire.protocols.base import Detection, TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE

_LOGIN: Final = re.compile(rb"!1,\d{10,17}(,[^;!]*)?;[\r\n]*")
_LOGIN_START: Final = re.compile(rb"!(1(,\d{0,17}(,[^;!]*)?)?)?")


class MiniFinderProtocol(TrackerProtocol):
    name: ClassVar[str] = "minifinder"
    # the text protocol's port in the common open-source server ("minifinder"); the binary
    # protocol ("minifinder2") has its own
    default_port: ClassVar[int] = 5062
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "login (!1)", "position (!D, !C)", "alarm position (!A)", "status (!5)",
        "command result (!3)", "phone numbers (!4)",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = (
        "MiniFinder Pico (older firmware)", "MiniFinder Zepto", "MiniFinder Atto", "Eview EV-07S",
        "Eview EV-07W", "Defenstar GPS668",
    )  # fmt: skip

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)

    def detect(self, head: bytes) -> Detection:
        n = framing.frame_length(head)
        if n > 0 and n <= len(head):
            return Detection.YES if _LOGIN.fullmatch(head[:n]) else Detection.NO
        if n == 0 and _LOGIN_START.fullmatch(head[:64]) and len(head) < MAX_FRAME_SIZE:
            return Detection.MORE
        return Detection.NO
