"""JT/T 808 (2011/2013/2019) message ids, header bits, wire constants and the code tables.

Owns the numbers the standard fixes (shared/protocols.md section 3) and their mapping to the
shared alarm vocabulary of shared/attributes.md. Knows nothing about parsing.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Final


class MessageType(IntEnum):
    # terminal -> platform
    TERMINAL_RESPONSE = 0x0001  # general response: the answer to our commands
    HEARTBEAT = 0x0002
    LOGOUT = 0x0003
    REGISTER = 0x0100
    AUTH = 0x0102
    PARAMETERS = 0x0104  # answer to 0x8104
    ATTRIBUTES = 0x0107  # answer to 0x8107
    UPGRADE_RESULT = 0x0108
    LOCATION = 0x0200
    LOCATION_ANSWER = 0x0201  # answer to 0x8201
    EVENT_REPORT = 0x0301
    QUESTION_ANSWER = 0x0302
    INFO_DEMAND = 0x0303
    VEHICLE_CONTROL_ANSWER = 0x0500
    WAYBILL = 0x0701
    DRIVER_INFO = 0x0702
    LOCATION_BATCH = 0x0704
    CAN_DATA = 0x0705
    MULTIMEDIA_EVENT = 0x0800
    MULTIMEDIA_DATA = 0x0801
    TRANSPARENT = 0x0900
    COMPRESSED = 0x0901
    # platform -> terminal
    PLATFORM_RESPONSE = 0x8001
    REGISTER_RESPONSE = 0x8100
    SET_PARAMETERS = 0x8103
    TERMINAL_CONTROL = 0x8105
    POSITION_QUERY = 0x8201
    TEXT = 0x8300


FLAG: Final = 0x7E
ESCAPE: Final = 0x7D

# Body attributes word (header bytes 2-3)
BODY_LENGTH_MASK: Final = 0x03FF
ENCRYPTION_MASK: Final = 0x1C00  # bits 10-12; 0: plain, bit 10: RSA
SUBPACKAGE_BIT: Final = 0x2000
VERSION_BIT: Final = 0x4000  # 2019: a protocol-version byte follows and the phone is 10 bytes

HEADER_2013: Final = 12  # id(2) attrs(2) phone(6) serial(2)
HEADER_2019: Final = 17  # id(2) attrs(2) version(1) phone(10) serial(2)
SUBPACKAGE_FIELDS: Final = 4  # total packages(2) + index(2)
PHONE_2013: Final = 6
PHONE_2019: Final = 10
MAX_BODY: Final = BODY_LENGTH_MASK  # 1023 bytes before escaping; longer payloads are sub-packaged
# 1023-byte body plus a 21-byte header and the checksum, every byte escaped (x2), plus the two
# flags is 2092; 4096 leaves room for vendors that stretch the rules while bounding the buffer.
MAX_FRAME_SIZE: Final = 4096
MIN_UNESCAPED: Final = HEADER_2013 + 1  # header + checksum, empty body

# Result byte of the general responses (0x0001 / 0x8001).
RESULT_OK: Final = 0
RESULT_FAILURE: Final = 1
RESULTS: Final[dict[int, str]] = {
    0: "success",
    1: "failure",
    2: "bad message",
    3: "unsupported",
    4: "alarm confirmed",
}
# 0x8100 result 4: "no such terminal in the database", the registration refusal.
REGISTER_UNKNOWN_TERMINAL: Final = 4

# Terminal messages that get a platform general response (0x8001) by the standard: everything a
# terminal sends on its own initiative. Answers to our queries (0x0001, 0x0104, 0x0107, 0x0201,
# 0x0302, 0x0500) get none, registration gets its own 0x8100, and unknown ids get none either.
GENERAL_RESPONSE: Final = frozenset(
    {
        MessageType.HEARTBEAT,
        MessageType.LOGOUT,
        MessageType.AUTH,
        MessageType.UPGRADE_RESULT,
        MessageType.LOCATION,
        MessageType.EVENT_REPORT,
        MessageType.INFO_DEMAND,
        MessageType.WAYBILL,
        MessageType.DRIVER_INFO,
        MessageType.LOCATION_BATCH,
        MessageType.CAN_DATA,
        MessageType.MULTIMEDIA_EVENT,
        MessageType.MULTIMEDIA_DATA,
        MessageType.TRANSPARENT,
        MessageType.COMPRESSED,
    }
)

# Alarm flag bits of the location basic information (JT/T 808-2013 table 24; 2019 keeps them).
# Bits 15-17 are reserved by the standard; the values here are the common vendor use (G10LS
# JT/T 808 document: low internal battery, vibration, removal/light sensor).
ALARM_BITS: Final[dict[int, str]] = {
    0: "sos",
    1: "overspeed",
    2: "fatigueDriving",
    3: "general",  # danger warning
    4: "fault",  # GNSS module fault
    5: "gpsAntennaCut",
    6: "fault",  # GNSS antenna short circuit
    7: "lowPower",  # main (vehicle) supply under-voltage
    8: "powerCut",  # main supply removed
    9: "fault",  # display
    10: "fault",  # TTS module
    11: "fault",  # camera
    12: "fault",  # IC card reader (2013)
    13: "overspeed",  # overspeed warning
    14: "fatigueDriving",  # fatigue warning
    15: "lowBattery",
    16: "vibration",
    17: "tampering",
    18: "fatigueDriving",  # accumulated driving time of the day exceeded
    19: "parking",  # overtime parking
    20: "geofence",  # area in/out
    21: "geofence",  # route in/out
    23: "geofence",  # route deviation
    24: "fault",  # VSS fault
    25: "fuelLeak",  # abnormal fuel change
    28: "movement",  # illegal displacement
    29: "accident",  # collision (2019: collision warning)
    30: "accident",  # rollover warning
    31: "door",  # illegal door opening
}

# Status bits (JT/T 808-2013 table 25).
STATUS_ACC: Final = 1 << 0
STATUS_POSITIONED: Final = 1 << 1
STATUS_SOUTH: Final = 1 << 2
STATUS_WEST: Final = 1 << 3
STATUS_OIL_CUT: Final = 1 << 10
STATUS_DOOR_FRONT: Final = 1 << 13

# 0x8105 terminal control command words: 4 (reset) is the standard's; 0x64/0x65 (cut/restore
# oil and power) are the vendor extension of the G10LS JT/T 808 document, also used by other
# Chinese trackers. The standard's 0x8500 "vehicle control" only locks doors in 2013.
CONTROL_RESET: Final = 0x04
CONTROL_CUT_OIL: Final = 0x64
CONTROL_RESTORE_OIL: Final = 0x65

# 0x8103 parameter ids
PARAM_REPORT_INTERVAL: Final = 0x0029  # default time-based report interval, seconds (DWORD)

# 0x8300 text flag bits (2013 table 38): bit 0 urgent, 2 terminal display, 3 TTS read-out.
TEXT_URGENT: Final = 0x01
TEXT_DISPLAY_TTS: Final = 0x0C
TEXT_TYPE_NOTICE: Final = 1  # 2019 adds a text-type byte: 1 notice, 2 service

DEFAULT_TIMEZONE_HOURS: Final = 8  # the standard's device time is GMT+8 (Beijing)
