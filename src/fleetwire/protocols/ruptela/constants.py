"""Ruptela command ids, envelope sizes and the server's reply values.

Owns the numbers of the Ruptela device protocol (vendor "Ruptela protocol for FM4 devices";
command pairs as the vendor names them, "Command 7/108 - SMS via GPRS": device id / server id).
Knows nothing about parsing.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Final


class Command(IntEnum):
    """Command ids of device-to-server packets."""

    RECORDS = 1  # records with 1-byte IO ids
    DEVICE_CONFIGURATION = 2
    DEVICE_VERSION = 3
    FIRMWARE_UPDATE = 4
    SET_CONNECTION = 5
    SET_ODOMETER = 6
    SMS_VIA_GPRS_RESPONSE = 7  # the device's answer to a 108 text command
    DTCS = 9
    IDENTIFICATION = 15
    HEARTBEAT = 16
    SET_IO = 17
    FILES = 37
    EXTENDED_RECORDS = 68  # records with 2-byte IO ids and a record extension byte


class ServerCommand(IntEnum):
    """Command ids of server-to-device packets (no IMEI in them)."""

    RECORDS_ACK = 100  # answers 1 and 68
    DTCS_ACK = 109  # answers 9
    SMS_VIA_GPRS = 108  # an SMS command text sent over the connection
    IDENTIFICATION_ACK = 115
    HEARTBEAT_ACK = 116


ACK_OK: Final = 0x01  # 0 would ask the device to send the same records again

LENGTH_SIZE: Final = 2
CRC_SIZE: Final = 2
IMEI_SIZE: Final = 8
HEADER_SIZE: Final = LENGTH_SIZE + IMEI_SIZE + 1  # length, IMEI, command id
MIN_PAYLOAD: Final = IMEI_SIZE + 1
MAX_PAYLOAD: Final = 0xFFFF  # the length field is 16 bits
MAX_FRAME_SIZE: Final = LENGTH_SIZE + MAX_PAYLOAD + CRC_SIZE
MAX_IMEI: Final = 999_999_999_999_999  # 15 digits; a larger uint64 is not an IMEI
# The IMEI's first two bytes: 10**15 - 1 is 0x00038D7EA4C67FFF, so byte 0 is zero and byte 1 < 4.
MAX_IMEI_BYTE1: Final = 0x03

MAX_TEXT: Final = 160  # an SMS command is one SMS
