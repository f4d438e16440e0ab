"""TZONE numbers: envelope sizes, the protocol number, hardware families and tables, alarm codes.

Owns the constants of the vendor's "GPRS data format" (TT11 / TT18 user guides, section "GPRS
data format"; "TT18-4G-M TCP Data Protocol v1.2") and the alarm-type list of the TZ-AVL05 user
guide (GPRS protocol chapter, "Alarm type"). Knows nothing about parsing.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Final

START: Final = b"TZ"  # "TZone company identifier, this is the header of every packet"
TAIL: Final = b"\r\n"
START_SIZE: Final = 2
LENGTH_SIZE: Final = 2
CRC_SIZE: Final = 2
INDEX_SIZE: Final = 2
TAIL_SIZE: Final = 2
# The length counts the bytes from the protocol number to the CRC (both included).
OVERHEAD: Final = START_SIZE + LENGTH_SIZE + TAIL_SIZE
# protocol number, hardware type, firmware version, IMEI (BCD), RTC date-time
PROTOCOL_SIZE: Final = 2
HARDWARE_SIZE: Final = 2
FIRMWARE_SIZE: Final = 4
IMEI_SIZE: Final = 8
TIME_SIZE: Final = 6
HEADER_END: Final = START_SIZE + LENGTH_SIZE + PROTOCOL_SIZE + HARDWARE_SIZE + FIRMWARE_SIZE
BODY_START: Final = HEADER_END + IMEI_SIZE  # the RTC date-time
MIN_LENGTH: Final = (
    PROTOCOL_SIZE + HARDWARE_SIZE + FIRMWARE_SIZE + IMEI_SIZE + TIME_SIZE + INDEX_SIZE + CRC_SIZE
)
MAX_LENGTH: Final = 0xFFFF
MAX_FRAME_SIZE: Final = MAX_LENGTH + OVERHEAD


class ProtocolNumber(IntEnum):
    """The protocol number after the length; the documents define only '$$'."""

    DATA = 0x2424  # "$$": normal data


class Family(IntEnum):
    """High byte of the hardware type."""

    AVL = 0x01  # vehicle trackers: TZ-AVL05/08/09/10, TZ-GT08, TZ-VN (captures 0x010A..0x0153)
    LOGGER = 0x04  # TT temperature loggers: TT11 0x0402, TT18 0x0403, TT18-4G-M 0x0407


# Loggers whose first block is a GPS block (TT18-4G-M example; 0x0413 capture). The 2G loggers
# (TT11, TT18) send LBS then state data, no GPS block.
LOGGERS_WITH_GPS: Final = frozenset({0x0407, 0x0413})

# AVL coordinates are unsigned 1/10000 minutes of arc (1/600000 degree) in every capture except
# hardware 0x0153, whose captures (Kuala Lumpur, Singapore) only make sense in 1/100000 minutes.
# Inferred from captures: the vendor's AVL GPS-block table was not found.
AVL_DIVISOR: Final = 600_000.0
AVL_DIVISORS: Final[dict[int, float]] = {0x0153: 6_000_000.0}
LOGGER_DIVISOR: Final = 1_000_000.0  # TT18-4G-M example: 0157BF08 -> 22.527752

# AVL status block: width of the I/O field after the alarm and terminal-information bytes
# (two bytes in the 14- and 16-byte blocks of 0x010A/0x010B/0x0111, one in the 13-byte 0x0153).
AVL_IO_WIDTH: Final = 2
AVL_IO_WIDTHS: Final[dict[int, int]] = {0x0153: 1}

# GPS block flag bits (AVL 22-byte block), inferred from captures in four countries:
# 0x0C north-east fixes, 0x0E a north-west fix (El Salvador), 0x00 no fix.
FLAG_VALID: Final = 0x08
FLAG_NORTH: Final = 0x04
FLAG_WEST: Final = 0x02

# Alarm type (TZ-AVL05 user guide, GPRS protocol, "Alarm type"; the same byte opens the binary
# state block, where 0xAA "Interval GPRS data" is the common value).
ALARM_SOS: Final = 0x01
ALARM_HEARTBEAT: Final = 0x88
ALARM_INTERVAL: Final = 0xAA
ALARMS: Final[dict[int, str]] = {
    0x01: "sos",  # SOS button is pressed
    0x09: "powerOff",  # Auto Shutdown Alarm
    0x10: "lowBattery",  # Low battery Alarm
    0x11: "overspeed",  # Over Speed Alarm
    0x14: "hardBraking",  # Deceleration Alarm
    0x15: "hardAcceleration",  # Acceleration Alarm
    0x30: "parking",  # Parking Alarm
    0x42: "geofenceExit",  # Out Geo-fence Alarm
    0x43: "geofenceEnter",  # Into Geo-fence Alarm
}

MAX_TEXT: Final = 512  # a downlink text command; the documents give no limit
