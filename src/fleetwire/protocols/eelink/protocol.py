"""EelinkProtocol: the TrackerProtocol object the registry hands out; it only wires the Eelink
modules (framing, inspect, decoding, encoding) to the shared contract and holds no state."""

from __future__ import annotations

from typing import ClassVar

from fleetwire.model import Command, Record
from fleetwire.protocols.base import DecodeContext, Session, TrackerProtocol, Transport, Uplink

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE


class EelinkProtocol(TrackerProtocol):
    name: ClassVar[str] = "eelink"
    default_port: ClassVar[int] = 5064
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP, Transport.UDP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "login",
        "heartbeat",
        "GPS (V1.8)",
        "alarm (V1.8)",
        "state (V1.8)",
        "OBD (V1.8)",
        "location (V2.0)",
        "warning (V2.0)",
        "report (V2.0)",
        "message (V2.0)",
        "instruction answer",
    )
    devices: ClassVar[tuple[str, ...]] = ("TK115", "TK116", "TK119", "GPT06", "GOT08", "GOT10")

    def frame_length(self, buf: bytes | bytearray | memoryview) -> int:
        return framing.frame_length(buf)

    def inspect(self, frame: bytes, session: Session) -> Uplink:
        return inspect.inspect(frame, session)

    def decode(self, frame: bytes, ctx: DecodeContext) -> list[Record]:
        return decoding.decode(frame, ctx)

    def encode_command(self, command: Command, session: Session) -> bytes:
        return encoding.encode_command(command, session)
