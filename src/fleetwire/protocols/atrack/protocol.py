"""AtrackProtocol: the TrackerProtocol object the registry hands out; it only wires the ATrack
modules (framing, inspect, decoding, encoding) to the shared contract and holds no state."""

from __future__ import annotations

from typing import ClassVar

from fleetwire.model import Command, Record
from fleetwire.protocols.base import DecodeContext, Session, TrackerProtocol, Transport, Uplink

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE


class AtrackProtocol(TrackerProtocol):
    name: ClassVar[str] = "atrack"
    default_port: ClassVar[int] = 5044
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP, Transport.UDP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "binary @P/@Z positions (with %CI custom data)",
        "text @P positions",
        "@R picture chunk",
        "FE 02 keep-alive",
        "$ command replies",
    )
    devices: ClassVar[tuple[str, ...]] = ("ATrack AK1", "AK7", "AK11", "AX7", "AX9", "AT5", "AU7")

    def frame_length(self, buf: bytes | bytearray | memoryview) -> int:
        return framing.frame_length(buf)

    def inspect(self, frame: bytes, session: Session) -> Uplink:
        return inspect.inspect(frame, session)

    def decode(self, frame: bytes, ctx: DecodeContext) -> list[Record]:
        return decoding.decode(frame, ctx)

    def encode_command(self, command: Command, session: Session) -> bytes:
        return encoding.encode_command(command, session)
