"""NavtelecomProtocol: the TrackerProtocol object the registry hands out; it only wires the
Navtelecom modules (framing, inspect, decoding, encoding) to the shared contract."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from fleetwire.protocols.base import Session, TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE


class NavtelecomProtocol(TrackerProtocol):
    name: ClassVar[str] = "navtelecom"
    # traccar/traccar src/main/java/org/traccar/config/PortConfigSuffix.java: navtelecom 5221
    default_port: ClassVar[int] = 5221
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    answers_commands: ClassVar[bool] = False
    messages: ClassVar[tuple[str, ...]] = (
        "*>S login", "*>FLEX negotiation", "~A records", "~T record", "~C current state",
        "*@ command answer",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = ("Navtelecom Smart S-2xxx", "Navtelecom Signal S-21xx",
                                          "Navtelecom Signal S-24xx")  # fmt: skip

    frame_length = staticmethod(framing.frame_length)

    def session_framing(self, session: Session) -> Callable[[memoryview], int]:
        """Once the connection's *>FLEX is inspected, FLEX messages are cut at their exact
        size; before, by where the CRC-8 matches (framing.py)."""

        def frame_length(buf: memoryview) -> int:
            return framing.frame_length(buf, inspect.record_size(session))

        return frame_length

    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)
