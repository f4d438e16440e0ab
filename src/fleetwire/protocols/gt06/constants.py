"""GT06 (Concox/Jimi) protocol numbers, wire constants and the alarm code tables.

Owns the numbers that the vendor documents fix (Concox "GT06 GPS Tracker Communication
Protocol", JM-VL03 protocol v1.1.2) and their mapping to the shared alarm vocabulary of
shared/attributes.md. Knows nothing about parsing.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum
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
    GPS_LBS_EXTEND = 0x1E  # JI09: GPS, then a multi-cell block
    COMMAND_REPLY = 0x21  # command reply (new, 0x7979)
    GPS_LBS_2 = 0x22
    HEARTBEAT = 0x23
    LBS_MULTI_3 = 0x24
    ALARM_2 = 0x26
    ALARM_FENCES = 0x27
    LBS_MULTI = 0x28
    ADDRESS_REQUEST = 0x2A
    LBS_WIFI = 0x2C
    LBS_MULTI_2 = 0x2E
    GPS_LBS_5 = 0x31  # SL4X / AZ735
    GPS_LBS_STATUS_4 = 0x32
    WIFI_5 = 0x33
    X1_GPS = 0x34
    STATUS_2 = 0x36  # Jimi IoT 4G: status with sized modules
    GPS_LBS_3 = 0x37  # GPS + LBS + one sized module
    GPS_LBS_8 = 0x38  # 4G GPS + cell with its radio type
    IBUTTON = 0x61
    WIFI_2 = 0x69
    GPS_MODULAR = 0x70  # sized modules: GPS, cell, BLE tags ...
    ONLINE_COMMAND = 0x80  # server -> device
    TIME_REQUEST = 0x8A
    OBD = 0x8C  # FM08ABC: ACC and "<pid>=<hex>" pairs
    INFO = 0x94
    ALARM_FILES = 0x95  # JC100/JC400 dash cameras: event and its video files
    ADDRESS_RESPONSE = 0x97  # server -> device
    SERIAL = 0x9B  # transparent data from a peripheral
    GPS_LBS_4G = 0xA0
    LBS_MULTI_4G = 0xA1
    WIFI_4G = 0xA2  # 4G cells + WiFi; with length 0x40, LW4G GPS + LBS + status
    FENCE_SINGLE = 0xA3
    ALARM_FENCES_4G = 0xA4
    LBS_ALARM_4G = 0xA5
    LBS_ADDRESS_4G = 0xA7
    PERIPHERAL = 0xF2
    WIFI_4 = 0xF3


class InfoType(IntEnum):
    """Sub-types of the 0x94 information packet (Concox JM-VL03 / GT06N protocol documents)."""

    POWER = 0x00  # external power voltage, 0.01 V
    STATUS_SYNC = 0x04  # "ALM1=..;ALM2=..;..." terminal status text
    DOOR = 0x05
    ICCID = 0x0A  # IMEI(8) IMSI(8) ICCID(10), BCD
    NETWORK = 0x0B  # 1 byte: 2G/4G; 2 bytes: external voltage (0.01 V)
    FUEL = 0x0D  # "!AIOIL,..." fuel sensor text
    RFID = 0x1B  # card reader: text "RFID:..." or a binary frame with a 4-byte id
    TEMP_HUMIDITY = 0x1E  # temperature and humidity, int32 x 0.1 each


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
    # 0x1A-0x2E: driving-behaviour codes of later firmware, as real captures carry them and the
    # widely used open-source decoder reads them
    0x1A: "hardBraking",
    0x1B: "hardCornering",
    0x23: "fallDown",
    0x25: "tampering",
    0x26: "hardAcceleration",
    0x27: "hardBraking",
    0x28: "hardBraking",
    0x29: "hardAcceleration",
    0x2A: "hardCornering",
    0x2B: "hardCornering",
    0x2C: "accident",
    0x2E: "hardCornering",
    0x30: "hardBraking",
    0x32: "removing",  # device unplugged
}

# Bits 3-5 of the terminal information byte.
TERMINAL_ALARMS: Final[dict[int, str]] = {
    0b100: "sos",
    0b011: "lowBattery",
    0b010: "powerCut",
    0b001: "vibration",
    0b110: "geofence",  # later firmware (captures): fence crossed
    0b111: "removing",  # later firmware (captures): device removed
}

# Event byte of the 0x95 alarm of the JC100/JC400 dash cameras (captures in traccar
# Gt06ProtocolDecoderTest). 0x01 is SOS in the long (positioned) form, a plain alarm otherwise.
CAMERA_EVENTS: Final[dict[int, str]] = {
    0x0E: "lowPower",
    0x76: "temperature",
    0x80: "vibration",
    0x87: "overspeed",
    0x88: "powerCut",
    0x90: "hardAcceleration",
    0x91: "hardBraking",
    0x92: "hardCornering",
    0x93: "accident",
}


# Models that read bytes of the standard layouts otherwise, chosen by the decode option
# ``model`` ([protocols.gt06.decode] model = "LW4G"); captures in traccar Gt06ProtocolDecoderTest
# whose readings that project's per-device model setting selects.
class Model(StrEnum):
    LW = "LW"  # LW4G family: 0x13 alarm/language word is the power; own alarm codes
    SEEWORLD = "SEEWORLD"  # 0x13 alarm byte is the power in whole volts
    R11 = "R11"  # 0x13 voltage level and GSM level bytes are the power (0.01 V)


MODEL_ALARMS: Final[dict[Model, dict[int, str]]] = {
    Model.LW: {0x18: "accident", 0x19: "hardAcceleration"},
}

# Highest documented voltage level (0 = no power .. 6 = very high).
VOLTAGE_LEVEL_MAX: Final = 6
