"""ARNAVI frame signs, header versions, packet types, tag ids and sizes.

Owns the numbers of the ARNAVI binary protocol. Sources: the vendor's protocol description
(ARNAVI, "Bi-directional communication protocol", Google spreadsheet
15s-2ZbqOQ1bZvAtFFm9sIEuKy3jbJzxdeynp72sjoYU, linked by the vendor's integrators): HEADER is
answered with a SERVER_COM, then every PACKAGE is confirmed with a SERVER_COM, the device
repeats an unconfirmed PACKAGE, all integers little-endian; and its transcription in the
fandrej/glonassd arnavi.h comment (HEADER = FF, version, 8-byte id; PACKET = type, uint16
length, uint32 unix time, data, 1-byte checksum; PACKAGE closed by 5D). Knows nothing about
parsing.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Final


class HeaderVersion(IntEnum):
    V1 = 0x22  # HEADER: answered 7B 00 00 7D
    V2 = 0x23  # HEADER2: answered with the server's unix time


class PacketType(IntEnum):
    TAGS = 0x01  # one record: 5-byte tags (id + uint32 value)
    TEXT = 0x03  # a text message from the device
    FILE = 0x04  # a part of a file (not decoded here)
    BINARY = 0x06  # transparent-channel bytes (not decoded here)


class Tag(IntEnum):
    LATITUDE = 0x03  # float32, degrees
    LONGITUDE = 0x04  # float32, degrees
    COORD_PARAMS = 0x05  # course/2, altitude/10, satellites GPS|GLONASS nibbles, speed (knots)


HEADER_SIGN: Final = 0xFF
HEADER_SIZE: Final = 10  # FF, version, uint64 id
PACKAGE_START: Final = 0x5B
PACKAGE_END: Final = 0x5D
RESULT_PARCEL: Final = 0xFD  # 5B FD <result> 5D: the device's answer to a server command
RESULT_SIZE: Final = 4
PACKET_HEAD: Final = 7  # type, uint16 length, uint32 time
PACKET_OVERHEAD: Final = PACKET_HEAD + 1  # + checksum byte
TAG_SIZE: Final = 5
SERVER_COM_START: Final = 0x7B
SERVER_COM_END: Final = 0x7D
MIN_PACKAGE: Final = 3  # 5B, parcel number, 5D: a package without packets
# No total length is declared: a package is bounded by its packets (uint16 length each); this
# cap stops a stream that never closes its package.
MAX_FRAME_SIZE: Final = 64 * 1024
