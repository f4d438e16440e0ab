"""TaipProtocol: the TrackerProtocol object the registry hands out; it wires the TAIP modules
(framing, inspect, decoding, encoding) to the shared contract and holds no state.

detect() is stricter than the default: a first sentence must be a report (`>R` and a
two-letter message id) that names its unit, which no other protocol's first bytes look like.
"""

from __future__ import annotations

import re
from typing import ClassVar

from fleetwire.protocols.base import Detection, TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE

_FIRST = re.compile(rb">R[A-Z]{2}")


class TaipProtocol(TrackerProtocol):
    name: ClassVar[str] = "taip"
    default_port: ClassVar[int] = 5031  # traccar setup/default.xml: taip.port
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "PV", "CP", "LN", "EV (Syrus, with extended tags)", "GP", "CV", "CQ", "BR", "US",
        "AL/ST/other answers (stored, no record)",
    )  # fmt: skip
    # a sentence ends with `<` (Trimble's appendix); some firmwares end it with a line end
    terminators: ClassVar[tuple[bytes, ...]] = (b"<", b"\r\n", b"\r", b"\n")
    devices: ClassVar[tuple[str, ...]] = (
        "Trimble TAIP receivers", "DCT Syrus", "Rinho / Argentine TAIP trackers",
    )  # fmt: skip

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)

    def detect(self, head: bytes) -> Detection:
        verdict = super().detect(head)
        if verdict != Detection.YES:
            return verdict
        return Detection.YES if _FIRST.match(head) else Detection.NO
