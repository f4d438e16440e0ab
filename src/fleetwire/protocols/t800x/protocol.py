"""T800xProtocol: the TrackerProtocol object the registry hands out; it only wires the T880x
modules (framing, inspect, decoding, encoding) to the shared contract and holds no state.
The same modules serve the topflytech package on its own port."""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE


class T800xProtocol(TrackerProtocol):
    name: ClassVar[str] = "t800x"
    default_port: ClassVar[int] = 5094
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "0x01 login", "0x02 location", "0x03 heartbeat", "0x04 alarm", "0x05/0x11 network",
        "0x10 BLE tags and sensors", "0x13/0x14 vehicle location/alarm (second form)",
        "0x16/0x18 OBD sensor location", "0x81 command answer",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = (
        "Topflytech T8803 Pro", "T8806", "T8806+", "T8808A", "T8808+", "PioneerX",
        "TLW2", "TLD2-D", "TorchX", "SolarX", "TLP1",
    )  # fmt: skip

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)
