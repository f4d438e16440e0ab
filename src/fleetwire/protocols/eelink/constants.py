"""Eelink package identifiers, envelope sizes, status bits and the alarm code table.

Owns the numbers of the two Eelink protocol generations (V1.8 "Terminal Communication Protocol"
and V2.0 "Device Protocol") and their mapping to the shared vocabulary. Knows nothing about
parsing.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Final


class Pid(IntEnum):
    """Package identifiers; UP packages are below 0x80, DOWN ones from 0x80."""

    LOGIN = 0x01
    GPS = 0x02  # V1.8
    HEARTBEAT = 0x03
    ALARM = 0x04  # V1.8
    STATE = 0x05  # V1.8
    SMS = 0x06  # V1.8
    OBD = 0x07  # V1.8
    LOCATION = 0x12  # V2.0
    WARNING = 0x14  # V2.0
    REPORT = 0x15  # V2.0
    MESSAGE = 0x16  # V2.0
    OBD_DATA = 0x17  # V2.0
    OBD_BODY = 0x18
    OBD_FAULT = 0x19
    PEDOMETER = 0x1A
    PARAM_SET = 0x1B
    INSTRUCTION = 0x80  # server -> device; the device answers with the same pid and sequence
    BROADCAST = 0x81


MARK: Final = b"gg"  # 0x67 0x67
UDP_MARK: Final = b"EL"  # 0x45 0x4C: a UDP datagram's header with the IMEI
HEAD_SIZE: Final = 5  # mark, pid, size (the size counts the sequence and the content)
SEQUENCE_SIZE: Final = 2
UDP_HEAD_SIZE: Final = 4  # mark, size (the size counts checksum, IMEI and the package)
UDP_PREFIX: Final = 2 + 8  # checksum, IMEI (BCD)
IMEI_BYTES: Final = 8
MAX_FRAME_SIZE: Final = 4096  # packages are documented under 1 KB; the size field allows more
INSTRUCTION_TYPE: Final = 0x01  # instruction content type: a command text

# Status word (V1.8 and V2.0): for each feature one "supported" bit and one "state" bit.
STATUS_FIX: Final = 0x0001
STATUS_FLAGS: Final[tuple[tuple[int, int, str], ...]] = (
    (0x0002, 0x0004, "ignition"),  # ACC
    (0x0008, 0x0010, "armed"),  # defense
    (0x0020, 0x0040, "blocked"),  # oil/electricity cut relay
    (0x0080, 0x0100, "charge"),  # external power connected
)

# Alarm (0x04) and warning (0x14) codes.
ALARMS: Final[dict[int, str]] = {
    0x01: "powerOff",
    0x02: "sos",
    0x03: "lowBattery",
    0x04: "vibration",
    0x08: "gpsAntennaCut",
    0x09: "gpsAntennaCut",
    0x25: "removing",
    0x81: "lowspeed",
    0x82: "overspeed",
    0x83: "geofenceEnter",
    0x84: "geofenceExit",
    0x85: "accident",
    0x86: "fallDown",
}
