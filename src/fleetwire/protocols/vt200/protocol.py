"""Vt200Protocol: the TrackerProtocol object the registry hands out; it wires the VT200
modules (framing, inspect, decoding, encoding) to the shared contract and holds no state.

Default port 5143: traccar/traccar setup/default.xml, `vt200.port`. The default detect() fits:
a frame must run `(` ... `)`, pass its length and XOR checks and carry a BCD unit id.
"""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE


class Vt200Protocol(TrackerProtocol):
    name: ClassVar[str] = "vt200"
    default_port: ClassVar[int] = 5143  # traccar/traccar setup/default.xml: vt200.port
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "0x2082/0x2084/0x2086 position", "0x3089 ignition and position", "0x3088 trip summary",
        "other types stored, not decoded (layouts from public captures only)",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = ("VT200 vehicle trackers",)

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)
