"""TopflytechProtocol: the TrackerProtocol object for the "topflytech" port. It wires the text
form (this package) and the T880x binary form (the t800x package's modules, shared) to the
contract, holds no state, and detects only the text form: a binary T880x session on the shared
auto port is the t800x protocol's, so the two never both say YES."""

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

_START: Final = re.compile(rb"\(\d{15}[A-Z]{2}\d{2}")
_START_SIZE: Final = 20
_PARTIAL: Final = re.compile(rb"\(\d{0,15}|\(\d{15}[A-Z]{0,2}|\(\d{15}[A-Z]{2}\d?")


class TopflytechProtocol(TrackerProtocol):
    name: ClassVar[str] = "topflytech"
    default_port: ClassVar[int] = 5047
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    terminators: ClassVar[tuple[bytes, ...]] = (b")",)  # a text message ends with ')'
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "text (IMEI BP00 ...) position",
        "T880x binary: login, location, heartbeat, alarm, network, command answer",
    )
    devices: ClassVar[tuple[str, ...]] = (
        "older Topflytech text-protocol units",
        "Topflytech T8806", "T8808", "TLD", "TLW (T880x binary)",
    )  # fmt: skip

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)

    def detect(self, head: bytes) -> Detection:
        """YES for ``(`` + 15-digit IMEI + a type such as ``BP00``; MORE on a prefix of that."""
        if _START.match(head):
            return Detection.YES
        if len(head) < _START_SIZE and _PARTIAL.fullmatch(head):
            return Detection.MORE
        return Detection.MORE if not head else Detection.NO
