"""Galileosky packet headers, tag ids and the tag size table.

Owns the numbers of the Galileosky server exchange protocol: vendor document "Galileosky
protocol" (packet, confirmation and command structures) and "Table 2. GalileoSky protocol tags"
of the GalileoSky user manuals (tag sizes). Knows nothing about parsing.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Final


class Header(IntEnum):
    MAIN = 0x01  # head and main packets, command replies: tags
    CONFIRM = 0x02  # the server's confirmation: 02 + the packet's checksum
    PHOTO = 0x07  # a part of a camera picture
    COMPRESSED = 0x08  # minimal data set + selected tags (not decoded here)


class Tag(IntEnum):
    HARDWARE = 0x01
    FIRMWARE = 0x02
    IMEI = 0x03
    DEVICE_ID = 0x04
    RECORD_NUMBER = 0x10
    TIME = 0x20
    COORDINATES = 0x30
    SPEED_COURSE = 0x33
    ALTITUDE = 0x34
    HDOP = 0x35
    STATUS = 0x40
    POWER = 0x41
    BATTERY = 0x42
    DEVICE_TEMP = 0x43
    OUTPUTS = 0x45
    INPUTS = 0x46
    IBUTTON = 0x90
    ODOMETER = 0xD4
    COMMAND_NUMBER = 0xE0
    COMMAND_TEXT = 0xE1
    EXTENDED = 0xFE  # uint16 length, then extended tags (2-byte ids)


HEADERS: Final = frozenset(Header) - {Header.CONFIRM}
ARCHIVE_FLAG: Final = 0x8000  # length bit 15: the device still holds unsent records
LENGTH_MASK: Final = 0x7FFF
HEAD_SIZE: Final = 3  # header + length
CRC_SIZE: Final = 2
IMEI_SIZE: Final = 15
MAX_FRAME_SIZE: Final = HEAD_SIZE + LENGTH_MASK + CRC_SIZE
MAX_TEXT: Final = 255  # the command text length is one byte


def _sizes() -> dict[int, int]:
    sizes = {
        0x01: 1, 0x02: 1, 0x03: 15, 0x04: 2, 0x10: 2, 0x20: 4, 0x30: 9, 0x33: 4, 0x34: 2,
        0x35: 1, 0x38: 2, 0x39: 2, 0x40: 2, 0x41: 2, 0x42: 2, 0x43: 1, 0x44: 4, 0x45: 2,
        0x46: 2, 0x47: 4, 0x48: 2, 0x49: 1, 0x58: 2, 0x59: 2, 0x5A: 4, 0x5C: 68, 0x5D: 3,
        0x88: 1, 0x90: 4, 0xD3: 4, 0xD4: 4, 0xD5: 1, 0xE0: 4,
    }  # fmt: skip
    ranges = (
        (0x50, 0x57, 2),  # inputs 0-7
        (0x60, 0x62, 2),  # RS485 fuel level sensors 0-2
        (0x63, 0x6F, 3),  # RS485 fuel level sensors 3-15 (level, temperature)
        (0x70, 0x77, 2),  # thermometers 0-7 (id, temperature)
        (0x78, 0x7D, 2),  # inputs 8-13
        (0x80, 0x87, 3),  # DS1923 sensors 0-7 (id, temperature, humidity)
        (0x8A, 0x8C, 1),  # RS485 fuel sensor temperatures
        (0xA0, 0xAF, 1),  # CAN8BITR15-30
        (0xB0, 0xB9, 2),  # CAN16BITR5-14
        (0xC0, 0xC3, 4),  # CAN_A0, CAN_A1, CAN_B0, CAN_B1
        (0xC4, 0xD2, 1),  # CAN8BITR0-14
        (0xD6, 0xDA, 2),  # CAN16BITR0-4
        (0xDB, 0xDF, 4),  # CAN32BITR0-4
        (0xE2, 0xE9, 4),  # user data 0-7
        (0xF0, 0xF9, 4),  # CAN32BITR5-14
    )
    for first, last, size in ranges:
        sizes.update(dict.fromkeys(range(first, last + 1), size))
    return sizes


# Tag id -> value size in bytes. Tags not here and not variable cannot be stepped over.
TAG_SIZES: Final[dict[int, int]] = _sizes()
# Tag id -> size of the length prefix of a variable-length value.
VARIABLE_TAGS: Final[dict[int, int]] = {0x5B: 1, 0xE1: 1, 0xEA: 1, Tag.EXTENDED: 2}
