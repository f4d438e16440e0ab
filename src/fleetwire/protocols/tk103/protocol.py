"""Tk103Protocol: the TrackerProtocol object the registry hands out; it wires the TK103
modules (framing, inspect, decoding, encoding) to the shared contract and holds no state.

detect() is stricter than the default: the first frame must be a whole
`(<12 digits><B-command the decoder knows>...)`, so the shared auto port does not take other
parenthesised text protocols for TK103.
"""

from __future__ import annotations

import re
from typing import ClassVar

from fleetwire.model import Command, Record
from fleetwire.protocols.base import (
    DecodeContext,
    Detection,
    Session,
    TrackerProtocol,
    Transport,
    Uplink,
)

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE

_FIRST = re.compile(rb"\(\d{12}(B[A-Z]\d\d)[ -'*-~]*\)[\r\n]*")


class Tk103Protocol(TrackerProtocol):
    name: ClassVar[str] = "tk103"
    default_port: ClassVar[int] = 5002
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP, Transport.UDP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = tuple(decoding.DECODERS)
    devices: ClassVar[tuple[str, ...]] = ("TK103 / TK103B (Xexun-style)", "KX402", "GT02 clones")

    def frame_length(self, buf: bytes | bytearray | memoryview) -> int:
        return framing.frame_length(buf)

    def inspect(self, frame: bytes, session: Session) -> Uplink:
        return inspect.inspect(frame, session)

    def decode(self, frame: bytes, ctx: DecodeContext) -> list[Record]:
        return decoding.decode(frame, ctx)

    def encode_command(self, command: Command, session: Session) -> bytes:
        return encoding.encode_command(command, session)

    def detect(self, head: bytes) -> Detection:
        verdict = super().detect(head)
        if verdict != Detection.YES:
            return verdict
        m = _FIRST.fullmatch(head[: framing.frame_length(head)])
        return Detection.YES if m and m.group(1).decode() in decoding.DECODERS else Detection.NO
