"""VT200 wire constants: envelope, escaping, message types.

No vendor document was found; everything here is read from the device captures of
traccar/traccar Vt200ProtocolDecoderTest and Vt200FrameDecoderTest (used as data): a frame is
`28` + unit id (6 bytes BCD) + type (2) + data length (2) + data + XOR of every byte between
the markers + `29`; inside, the end marker `29` is sent as `3D 14` (the byte XOR 3D), as the
frame-decoder capture shows; some firmware sends `28` as `3D 15`, other firmware leaves it
as it is (a time of 14:33:28 in a checked frame), so both are read. Records carry the JT600
GPS block (DDMMYY hhmmss, BCD DDMM.mmmm latitude, DDDMM.mmmm longitude, flags nibble).
Knows nothing about parsing.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Final

START: Final = 0x28
END: Final = 0x29
ESCAPE: Final = 0x3D
ESCAPED: Final = frozenset({END ^ ESCAPE, START ^ ESCAPE})  # 0x14, 0x15
ID_BYTES: Final = 6
HEAD: Final = 1 + ID_BYTES + 2 + 2
OVERHEAD: Final = HEAD + 2  # plus checksum and end marker
MAX_FRAME_SIZE: Final = 2048


class Type(IntEnum):
    POSITION = 0x2082
    POSITION_EXTENDED = 0x2084
    POSITION_2086 = 0x2086
    TRIP = 0x3088  # trip summary: start and end times, counters
    IGNITION_POSITION = 0x3089  # ignition state + GPS block


POSITIONS: Final = frozenset({Type.POSITION, Type.POSITION_EXTENDED, Type.POSITION_2086})
