"""ArnaviProtocol: the TrackerProtocol object the registry hands out; it only wires the ARNAVI
modules (framing, inspect, decoding, encoding) to the shared contract."""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE


class ArnaviProtocol(TrackerProtocol):
    name: ClassVar[str] = "arnavi"
    # Traccar setup/default.xml: <entry key='arnavi.port'>5100</entry>
    default_port: ClassVar[int] = 5100
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "HEADER",
        "HEADER2",
        "PACKAGE (TAGS, TEXT packets)",
        "text $AV V2, V3, V4 reports (V3DI, V6SD, V3GSMINFO kept)",
        "command result",
    )
    devices: ClassVar[tuple[str, ...]] = ("ARNAVI 4", "ARNAVI 5", "ARNAVI Integral")

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)
