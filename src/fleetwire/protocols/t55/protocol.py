"""T55Protocol: the TrackerProtocol object the registry hands out for the T55 family; it wires
the modules here to the shared contract and holds no state.

detect() claims only a whole identification line of the family (`$PGID`, `$IMEI=`, `$DEVID`,
`$GPFID`, `$PCPTI`): plain NMEA and bare ids are too common to be told apart from other text
protocols on the shared auto port.
"""

from __future__ import annotations

import re
from typing import ClassVar, Final

from fleetwire.protocols._text import detect_whole_line
from fleetwire.protocols.base import Detection, TrackerProtocol, Transport

from . import decoding, encoding, framing, inspect
from .constants import MAX_FRAME_SIZE

_LOGIN: Final = re.compile(
    rb"(\$PGID,\d{10,17}|\$IMEI=\d{15}|\$DEVID,0x[0-9A-Fa-f]{8,20}|\$GPFID,[0-9A-Za-z]{4,20}"
    rb"|\$PCPTI,[ -)+-~]{1,40})(\*[0-9A-Fa-f]{2})?\r?\n?"
)
_LOGIN_START: Final = re.compile(rb"\$(P(G(I(D(,\d{0,17}(\*[0-9A-Fa-f]{0,2}\r?)?)?)?)?)?)?")


class T55Protocol(TrackerProtocol):
    name: ClassVar[str] = "t55"
    default_port: ClassVar[int] = 5005
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.TCP, Transport.UDP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = (
        "identification ($PGID, $IMEI=, IMEI, $DEVID, $GPFID, $PCPTI, bare id)",
        "NMEA RMC, GGA, RMA (with an id before or after the sentence)", "$GPIOP", "$TRCCR",
        "QZE (vendor layouts from public captures)",
    )  # fmt: skip
    devices: ClassVar[tuple[str, ...]] = (
        "T55 family", "Maxon", "CradlePoint routers", "NMEA-forwarding GNSS units",
    )  # fmt: skip

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)

    def detect(self, head: bytes) -> Detection:
        return detect_whole_line(framing.frame_length, head, _LOGIN, _LOGIN_START)
