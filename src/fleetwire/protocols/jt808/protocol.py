"""Jt808Protocol: the TrackerProtocol object the registry hands out; it only wires the JT/T 808
modules (framing, inspect, decoding, encoding) to the shared contract and holds no state."""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE


class Jt808Protocol(TrackerProtocol):
    name: ClassVar[str] = "jt808"
    default_port: ClassVar[int] = 5015
    # TCP only: the standard allows UDP, but devices using it are rare and a datagram would
    # need its own reply path; add Transport.UDP once one is met.
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    answers_commands: ClassVar[bool] = True  # 0x0001 general response (0x0201 for 0x8201)
    messages: ClassVar[tuple[str, ...]] = (
        "register 0x0100",
        "authentication 0x0102",
        "heartbeat 0x0002",
        "logout 0x0003",
        "location 0x0200",
        "location answer 0x0201",
        "batch upload 0x0704",
        "terminal response 0x0001",
    )
    devices: ClassVar[tuple[str, ...]] = (
        "Huabao",
        "Jimi JC series",
        "Howen",
        "G10LS",
        "JT/T 808 dashcams and vehicle terminals",
    )

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)
