"""Gt06Protocol: the TrackerProtocol object the registry hands out; it only wires the GT06
modules (framing, inspect, decoding, encoding) to the shared contract and holds no state."""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE


class Gt06Protocol(TrackerProtocol):
    name: ClassVar[str] = "gt06"
    default_port: ClassVar[int] = 5023
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    answers_commands: ClassVar[bool] = True
    messages: ClassVar[tuple[str, ...]] = (
        "login 0x01", "GPS 0x10/0x11/0x12/0x22/0xA0", "heartbeat 0x13/0x23",
        "alarm 0x16/0x26/0x27/0xA4", "LBS 0x18/0x19/0x28/0xA1", "info 0x94", "replies 0x15/0x21",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = (
        "Concox GT06/GT06N/GT02/GT800", "Jimi JM-VL01/VL02/VL03", "TK100", "many clones",
    )  # fmt: skip

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)
