"""The Teltonika protocol object the registry hands out: ports, transports, limits, commands.

Only wires the contract of protocols/base.py to this package's modules; holds no state.
"""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import TrackerProtocol, Transport
from fleetwire.protocols.teltonika import decoding, encoding, framing, inspect
from fleetwire.protocols.teltonika.constants import MAX_FRAME_SIZE


class TeltonikaProtocol(TrackerProtocol):
    name: ClassVar[str] = "teltonika"
    default_port: ClassVar[int] = 5027
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP, Transport.UDP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    answers_commands: ClassVar[bool] = True
    messages: ClassVar[tuple[str, ...]] = (
        "IMEI login", "Codec 8 (with 16-byte IO)", "Codec 8 Extended (BLE sensors, VIN, DTCs)",
        "Codec 16", "GH3000 (codec 7)", "UDP AVL", "Codec 12/13/14 replies (GTSL driver id)",
        "FMx6 tachograph driver id (decode option 'model')",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = ("FMB/FMC/FMM/FMT/FMU families", "TAT", "TMT", "GH")

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)
