"""HuaSheng wire constants: envelope, escaping, message types, TLV item ids.

No vendor document was found; the layout is read from the device captures of traccar/traccar
HuaShengProtocolDecoderTest and HuaShengFrameDecoderTest (used as data): `C0`, version(2),
length(2, every byte between the two `C0`s), type(2), reserved(2), index(4), content, `C0`;
inside, `C0` is sent as `DB DC` and `DB` as `DB DD` (SLIP). Position content: status(2, bit 15
the fix), reserved(2), ASCII time YYMMDDhhmmss, longitude and latitude (int32,
1e-5 degrees), speed, course, altitude (2 each), reserved(2), then TLV items: id(2),
length(2, header included), value. The answer types are those the reference server sends
(position 0xFF01, login 0xFF03, 0x0002 request 0x0003), echoing the index. Knows nothing about
parsing.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Final

FLAG: Final = 0xC0
ESC: Final = 0xDB
UNESCAPED: Final[dict[int, int]] = {0xDC: 0xC0, 0xDD: 0xDB}
HEADER: Final = 12  # version, length, type, reserved, index
MAX_FRAME_SIZE: Final = 4096
SCALE: Final = 100_000
STATUS_FIX: Final = 0x8000
HOURS_UNIT_MS: Final = 180_000  # engine hours item: 0.05 h units


class Type(IntEnum):
    POSITION = 0xAA00
    LOGIN = 0xAA02
    DTC = 0xAA12
    REQUEST = 0x0002  # identification request (firmware, IMEI items)
    POSITION_ANSWER = 0xFF01
    LOGIN_ANSWER = 0xFF03
    REQUEST_ANSWER = 0x0003


ANSWERS: Final[dict[int, int]] = {
    Type.POSITION: Type.POSITION_ANSWER,
    Type.LOGIN: Type.LOGIN_ANSWER,
    Type.REQUEST: Type.REQUEST_ANSWER,
}


class Item(IntEnum):
    VIN = 0x0009
    HOURS = 0x0011
