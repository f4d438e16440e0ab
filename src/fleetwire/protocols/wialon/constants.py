"""Wialon IPS wire constants: packet types, answer codes, field counts and limits.

Owns the names and numbers of the Gurtam "Wialon IPS communication protocol" v1.1/v2.0
(shared/protocols.md section 10) that the other modules share. Knows nothing about parsing.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final


class PacketType(StrEnum):
    """Packet types a device sends (the text between the first two '#')."""

    LOGIN = "L"
    SHORT_DATA = "SD"
    DATA = "D"
    BLACK_BOX = "B"
    PING = "P"
    MESSAGE = "M"  # message from the driver
    IMAGE = "I"  # snapshot part, followed by binary
    ANSWER_MESSAGE = "AM"  # the device's answer to a message the server sent


TERMINATOR: Final = b"\r\n"
VERSION_2: Final = "2.0"
NA: Final = "NA"

# Answers (each followed by TERMINATOR). Login: 1 accepted, 0 connection rejected,
# 01 password error, 10 checksum error (v2.0). Data: 1 registered, -1 structure error,
# 13 (SD) / 16 (D) checksum error. Black box: the count registered; an empty count on a
# checksum error. Message: 1 received, 01 checksum error.
LOGIN_OK: Final = b"#AL#1\r\n"
LOGIN_REJECTED: Final = b"#AL#0\r\n"
LOGIN_BAD_CRC: Final = b"#AL#10\r\n"
SHORT_DATA_OK: Final = b"#ASD#1\r\n"
SHORT_DATA_BAD_CRC: Final = b"#ASD#13\r\n"
DATA_OK: Final = b"#AD#1\r\n"
DATA_BAD_CRC: Final = b"#AD#16\r\n"
BLACK_BOX_BAD_CRC: Final = b"#AB#\r\n"
PING_OK: Final = b"#AP#\r\n"
MESSAGE_OK: Final = b"#AM#1\r\n"
MESSAGE_BAD_CRC: Final = b"#AM#01\r\n"

# ';'-separated fields of a short data (SD) and an extended data (D) message, without the
# v2.0 CRC field that follows them.
SHORT_FIELDS: Final = 10
DATA_FIELDS: Final = 16
# Login: v1.1 "imei;password", v2.0 "2.0;imei;password;crc16".
LOGIN_V1_FIELDS: Final = 2
LOGIN_V2_FIELDS: Final = 4
IMAGE_FIELDS: Final = 6  # sz;ind;count;date;time;name (+ crc16 in v2.0)

# A black box packet may carry a long backlog; images come in parts of a few KB. 64 KiB
# bounds both with room to spare.
MAX_FRAME_SIZE: Final = 65536
MAX_ID_LENGTH: Final = 64  # IMEI, serial number or any other id the installer set
SESSION_VERSION: Final = "wialon.version"  # session.state key: "1.1" or "2.0" from the login
