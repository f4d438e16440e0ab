"""MobilogixProtocol: the TrackerProtocol object the registry hands out; it wires the Mobilogix
modules (framing, inspect, decoding, encoding) to the shared contract and holds no state.

detect() keeps the default (a whole first message that names its unit): `[` followed by a
date and a T message type is distinctive enough, and the auto-port ambiguity test holds it to
that."""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE


class MobilogixProtocol(TrackerProtocol):
    name: ClassVar[str] = "mobilogix"
    default_port: ClassVar[int] = 5216  # traccar PortConfigSuffix: mobilogix
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "T1 login", "T3/T9-T31 location and alarms", "T14 heartbeat (status and battery)",
        "short messages (T8, T16: stored, no record)",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = ("Mobilogix MT2000", "Mobilogix MT3200")
    answers_commands: ClassVar[bool] = False

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)
