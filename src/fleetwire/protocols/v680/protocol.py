"""V680Protocol: the TrackerProtocol object the registry hands out; it wires the V680 modules
(framing, inspect, decoding) to the shared contract and holds no state.

Default port 5016: traccar/traccar setup/default.xml, `v680.port`. detect() is the default one
(every report opens with `#<IMEI>#`), but only for a first report that ends `##`: a TLT-2H
message opens the same way with a header line ending in CR LF, and is TLT-2H's to claim.
"""

from __future__ import annotations

from typing import ClassVar

from fleetwire.protocols.base import Detection, TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE


class V680Protocol(TrackerProtocol):
    name: ClassVar[str] = "v680"
    default_port: ClassVar[int] = 5016  # traccar/traccar setup/default.xml: v680.port
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "AUT/AUTO report (one or several fixes)", "SOS alarm report", "SF report",
        "(layouts from public captures only: degrees-minutes and decimal-degree firmware)",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = ("V680", "V680 family clones")

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)

    def detect(self, head: bytes) -> Detection:
        verdict = super().detect(head)
        if verdict != Detection.YES:
            return verdict
        n = framing.frame_length(memoryview(head))
        # a V680 report ends "##"; a header line ending in a line break opens a TLT-2H message
        return Detection.YES if head[:n].rstrip(b"\r\n").endswith(b"##") else Detection.NO
