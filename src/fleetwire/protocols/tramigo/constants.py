"""Tramigo constants: frame kinds, header offsets, the text report's words.

Tramigo's "T23 Fleet GPRS Specification" is not public in full; the header layout here is read
from captures (traccar/traccar TramigoProtocolDecoderTest and TramigoFrameDecoderTest), all
little-endian: 0x80 frames carry protocol(1) version(1) message number(2) type(2) length of the
whole frame(2) ?(2) checksum(2) unit id(4) unix time(4), then the text; 0x04 frames carry their
whole length in bytes 1-2 (their layout: binary.py). The checksum's algorithm is not public
(a ping carries 0000), so it is not checked. The report text is the T23 user manual's SMS
report ("<name>: Moving, 0.12 km E of <place>, <lat>, <lon>, NW with speed 10 km/h, 00:49:08
Aug 9"). Knows nothing about parsing.
"""

from __future__ import annotations

from typing import Final

TEXT: Final = 0x80
BINARY: Final = 0x04
TEXT_HEADER: Final = 20
BINARY_HEADER: Final = 3
MAX_FRAME_SIZE: Final = 1024
END_TEXT: Final = "EOF"

# Compass point of the heading in a "Moving" report -> course in degrees.
COMPASS: Final[dict[str, float]] = {
    "N": 0.0, "NE": 45.0, "E": 90.0, "SE": 135.0, "S": 180.0, "SW": 225.0, "W": 270.0,
    "NW": 315.0,
}  # fmt: skip
MONTHS: Final = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                 "Dec")  # fmt: skip
