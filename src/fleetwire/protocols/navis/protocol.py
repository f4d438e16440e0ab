"""NavisProtocol: the TrackerProtocol object the registry hands out; it only wires the Navis
modules (inspect, decoding, encoding; framing is Navtelecom's NTCB/FLEX framing) to the shared
contract."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from fleetwire.protocols.base import Session, TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE


class NavisProtocol(TrackerProtocol):
    name: ClassVar[str] = "navis"
    # traccar/traccar src/main/java/org/traccar/config/PortConfigSuffix.java: navis 5019
    default_port: ClassVar[int] = 5019
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    # the first frame is an NTCB `*>S:<IMEI>` login byte for byte as Navtelecom's: on the shared
    # auto port the two cannot be told apart, so Navis devices use this protocol's own port
    auto_port: ClassVar[bool] = False
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    answers_commands: ClassVar[bool] = False
    messages: ClassVar[tuple[str, ...]] = (
        "*>S login", "*>T record", "*>A records (formats F10-F60)", "*>FLEX negotiation",
        "~A records", "~T record", "~C current state", "*@ command answer",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = ("Navis (NTCB protocol units)",)

    frame_length = staticmethod(framing.frame_length)

    def session_framing(self, session: Session) -> Callable[[memoryview], int]:
        """FLEX messages cut at the negotiated record size once *>FLEX is seen (as Navtelecom)."""
        return framing.session_frame_length(session)

    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)
