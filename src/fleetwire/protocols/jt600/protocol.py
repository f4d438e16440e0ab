"""Jt600Protocol: the TrackerProtocol object the registry hands out; it wires the JT600
modules (framing, inspect, decoding, encoding) to the shared contract and holds no state.

Default port 5014: traccar/traccar setup/default.xml, `jt600.port`. detect() is strict: `$`
frames share their first bytes with H02's binary records, and `(` with TK103 and Topflytech
text, so it wants a whole binary header whose length fits the record layout, or a text start
`(<10 digits>,<known type>`.
"""

from __future__ import annotations

import re
from typing import ClassVar, Final

from fleetwire.protocols.base import Detection, TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import (
    BINARY_START,
    FRAME_OVERHEAD,
    HEADER_PEEK,
    MAX_FRAME_SIZE,
    SHORT_LENGTH_AT,
    SHORT_RECORD,
)

_TEXT: Final = re.compile(rb"\(\d{10},(?:\d+,)?(?:U0\d|W01|P45|@JT)[,)]")
_TEXT_PARTIAL: Final = re.compile(rb"\(\d{0,10}|\(\d{10},[\dUWP@]?|\(\d{10},(U0?|W0?|P4?|@J?)")
_TEXT_SIZE: Final = 16


class Jt600Protocol(TrackerProtocol):
    name: ClassVar[str] = "jt600"
    default_port: ClassVar[int] = 5014  # traccar/traccar setup/default.xml: jt600.port
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "binary $ GPS records: JT600 short format (several a frame) and JT701 long format "
        "(layouts from public captures)",
        "text U01/U02/U03 position", "U06 alarm", "W01 position", "P45 lock event",
        "U04/@JT/U09 status (stored, not decoded)",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = ("Jointech JT600", "JT601", "JT701", "JT707")

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)

    def detect(self, head: bytes) -> Detection:
        if not head:
            return Detection.MORE
        if head[0] == BINARY_START:
            return _detect_binary(head)
        if _TEXT.match(head):
            return Detection.YES
        if len(head) < _TEXT_SIZE and _TEXT_PARTIAL.fullmatch(head):
            return Detection.MORE
        return Detection.NO


def _detect_binary(head: bytes) -> Detection:
    n = framing.frame_length(head)
    if n < 0:
        return Detection.NO
    if len(head) < HEADER_PEEK:
        return Detection.MORE
    if not framing.is_long(head):
        length = int.from_bytes(head[SHORT_LENGTH_AT : SHORT_LENGTH_AT + 2], "big")
        if length % SHORT_RECORD or head[6] & 0x0F not in (1, 3, 4):
            return Detection.NO
    elif head[7] & 0xF0 != 0x10 or not 22 <= n - FRAME_OVERHEAD <= 64:
        return Detection.NO
    if len(head) < n:
        return Detection.MORE if n <= 2048 else Detection.NO
    return Detection.YES
