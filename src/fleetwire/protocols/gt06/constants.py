"""GT06 (Concox/Jimi) protocol numbers, wire constants and the alarm code tables.

Owns the numbers that the vendor documents fix (Concox "GT06 GPS Tracker Communication
Protocol", JM-VL03 protocol v1.1.2) and their mapping to the shared alarm vocabulary of
shared/attributes.md. Knows nothing about parsing.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Final


class MessageType(IntEnum):
    LOGIN = 0x01
    GPS = 0x10
    GPS_LBS_OLD = 0x11  # captures show the 0x12 layout under this number
    GPS_LBS = 0x12
    STATUS = 0x13  # heartbeat
    STRING_INFO = 0x15  # command reply (old)
    ALARM = 0x16  # GPS + LBS + status
    WIFI = 0x17  # GT03 WiFi/cell list; with length 0x28, GPS + LBS + RFID
    LBS_EXTEND = 0x18
    LBS_STATUS = 0x19
    ADDRESS_REQUEST_PHONE = 0x1A
    COMMAND_REPLY = 0x21  # command reply (new, 0x7979)
    GPS_LBS_2 = 0x22
    HEARTBEAT = 0x23
    ALARM_2 = 0x26
    ALARM_FENCES = 0x27
    LBS_MULTI = 0x28
    ADDRESS_REQUEST = 0x2A
    WIFI_2 = 0x69
    ONLINE_COMMAND = 0x80  # server -> device
    TIME_REQUEST = 0x8A
    INFO = 0x94
    GPS_LBS_4G = 0xA0
    LBS_MULTI_4G = 0xA1
    ALARM_FENCES_4G = 0xA4


SHORT_START: Final = b"\x78\x78"  # 1-byte length
LONG_START: Final = b"\x79\x79"  # 2-byte length
STOP: Final = b"\x0d\x0a"
# Frames are documented as < 1 KB, but 0x7979 frames (0x94 information, 0x21 replies) carry a
# 16-bit length; 4 KB leaves room for long command replies while still bounding the buffer.
MAX_FRAME_SIZE: Final = 4096

# Alarm byte of the alarm/language field (0x16, 0x26, 0x27, 0xA4, and heartbeats). Codes 0x00-0x05
# are in the GT06 document; the rest are from the JM-VL03 document. Codes without a
# vocabulary equivalent (GPS blind spot, first fix, SIM change, ACC on/off ...) are left out.
ALARMS: Final[dict[int, str]] = {
    0x01: "sos",
    0x02: "powerCut",
    0x03: "vibration",
    0x04: "geofenceEnter",
    0x05: "geofenceExit",
    0x06: "overspeed",
    0x09: "tow",  # "tow/theft" (displacement while parked)
    0x0C: "powerOn",
    0x0E: "lowPower",  # "low external battery": the vehicle supply, not the internal battery
    0x0F: "lowPower",  # external battery low-voltage protection
    0x11: "powerOff",
    0x13: "tampering",
    0x14: "door",
    0x15: "lowBattery",  # powered off because the internal battery ran low
    0x18: "tampering",  # cover removed
    0x19: "lowBattery",  # low internal battery
    0x23: "fallDown",
    0x29: "hardAcceleration",
    0x2A: "hardCornering",
    0x2B: "hardCornering",
    0x2C: "accident",
    0x30: "hardBraking",
    0x32: "removing",  # device unplugged
}

# Bits 3-5 of the terminal information byte.
TERMINAL_ALARMS: Final[dict[int, str]] = {
    0b100: "sos",
    0b011: "lowBattery",
    0b010: "powerCut",
    0b001: "vibration",
}

# Highest documented voltage level (0 = no power .. 6 = very high).
VOLTAGE_LEVEL_MAX: Final = 6
