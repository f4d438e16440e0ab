"""Teltonika wire constants: codec ids, Codec 12/13/14 message types and the envelope sizes.

Owns the numbers every other module of this package shares; knows nothing about parsing.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Final


class Codec(IntEnum):
    GH3000 = 0x07  # GH3000 personal trackers: masks say which fields follow
    C8 = 0x08
    C8E = 0x8E  # "Codec 8 Extended": 2-byte IO ids and counts, variable-length elements
    C16 = 0x10
    C12 = 0x0C  # text commands and their responses
    C13 = 0x0D  # device-to-server text with a timestamp
    C14 = 0x0E  # text commands addressed to one IMEI


class MessageType(IntEnum):
    """The type byte of Codec 12/13/14 messages."""

    COMMAND = 0x05
    RESPONSE = 0x06
    NACK = 0x11  # Codec 14: the IMEI in the command is not this device's


KEEPALIVE: Final = 0xFF  # some firmware sends this single byte on an idle TCP connection
IMEI_ACCEPT: Final = b"\x01"
IMEI_REJECT: Final = b"\x00"
# IMEIs are 15 digits; a little slack for IMEISV-style ids, but anything else is not a login.
IMEI_MIN_LENGTH: Final = 15
IMEI_MAX_LENGTH: Final = 17

HEADER_SIZE: Final = 8  # preamble (4 zero bytes) + data length (4)
CRC_SIZE: Final = 4  # CRC-16/ARC sent as 00 00 hi lo
ENVELOPE_SIZE: Final = HEADER_SIZE + CRC_SIZE
MIN_DATA_LENGTH: Final = 3  # codec id + count + count: anything shorter is not a packet
# Devices keep packets near 1280 bytes; a 64 KiB cap leaves room for large Codec 8E batches.
MAX_DATA_LENGTH: Final = 65536
MAX_FRAME_SIZE: Final = MAX_DATA_LENGTH + ENVELOPE_SIZE

UDP_ACK_LENGTH: Final = 5  # the reply's own length field: packet id, type, avl id, count
UDP_ACK_TYPE: Final = 0x01
