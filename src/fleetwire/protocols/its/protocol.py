"""ItsProtocol: the TrackerProtocol object the registry hands out for AIS-140; it wires the
modules here to the shared contract and holds no state.

detect() is stricter than the default: `$`-framed text is common (PT502, H02 binary ...), so
only a whole AIS-140 login (`LGN` or the `AIS140` protocol field), tracking or emergency packet
with its IMEI is claimed on the shared auto port.
"""

from __future__ import annotations

from typing import ClassVar

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import Detection, TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import LOGIN_HEADER, MAX_FRAME_SIZE, START
from .layout import Kind, open_message

_CLAIMED = (Kind.TRACKING, Kind.EMERGENCY)


class ItsProtocol(TrackerProtocol):
    name: ClassVar[str] = "its"
    default_port: ClassVar[int] = 5179
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP, Transport.UDP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "login (LGN)", "tracking NR/history", "alerts (EA, TA, IN, IF, BD, BR, BL, HB, HA, RT, "
        "WD, OS, alert ids 01-17)", "emergency EPB (EMR/SEM)", "health (stored, not decoded); "
        "framings: the standard's and the vendor headers $NRM, $Header, $RLP, $NMP, $TEL123, "
        "$EPB, $,<n>, ended by * with or without a hex or byte checksum, a trailer, or none "
        "(vendor layouts from public captures, see below)",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = (
        "AIS-140 VLTDs: iTriangle, Roadpoint (ROADRPA), Rollpoint (RLP), Teltonika (AIS-140 "
        "firmware), Atlanta (ATL), CTPL, TraxSmart, GPSBox, Quectel AIS-140 module",
    )  # fmt: skip

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)

    def detect(self, head: bytes) -> Detection:
        if not head or head[0] != START:
            return Detection.NO
        n = framing.frame_length(head)
        if n < 0:
            return Detection.NO
        if n == 0 or n > len(head):
            return Detection.MORE if len(head) < MAX_FRAME_SIZE else Detection.NO
        try:
            m = open_message(head[:n])
        except DeviceError:
            return Detection.NO
        if m.imei is None:
            return Detection.NO
        login = m.kind == Kind.LOGIN and (
            LOGIN_HEADER in m.fields[: m.imei_at] or "AIS140" in m.fields[m.imei_at :]
        )
        return Detection.YES if login or m.kind in _CLAIMED else Detection.NO
