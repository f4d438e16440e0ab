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
    LOCATION_BATCH_VENDOR = 0x0210  # vendor batch: {length(1), 0x0200 body}...
    EVENT_REPORT = 0x0301
    QUESTION_ANSWER = 0x0302
    INFO_DEMAND = 0x0303
    VEHICLE_CONTROL_ANSWER = 0x0500
    TACHOGRAPH_ANSWER = 0x0700  # answer to 0x8700
    WAYBILL = 0x0701
    DRIVER_INFO = 0x0702
    LOCATION_BATCH = 0x0704
    CAN_DATA = 0x0705
    MULTIMEDIA_EVENT = 0x0800
    MULTIMEDIA_DATA = 0x0801
    MULTIMEDIA_SEARCH_ANSWER = 0x0802  # answer to 0x8802
    CAMERA_ANSWER = 0x0805  # answer to 0x8801
    TRANSPARENT = 0x0900
    COMPRESSED = 0x0901
    VENDOR_TEXT_ANSWER = 0x6006  # vendor: text answer to a query
    VENDOR_UNICODE_ANSWER = 0x1300  # vendor: command answer in UTF-16
    ACCELERATION = 0x2070  # vendor: accelerometer samples
    LOCK_REPORT = 0x5501  # Jointech lock: location and lock state
    LOCK_REPORT_STORED = 0x5502  # the same, stored while offline and sent late
    LOCK_RESPONSE = 0x4401  # platform -> lock: the short general response
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
LOCK_IDS: Final = frozenset({MessageType.LOCK_REPORT, MessageType.LOCK_REPORT_STORED})
LOCK_HEADER: Final = 11  # id(2) attrs(2) phone(6) serial(1)
LOCK_ACK_BIT: Final = 0x8000  # a lock report's attribute bit 15: it waits for 0x4401
# Jointech locks also send ASCII "(id,...)" messages on the JT/T 808 connection: command
# answers, and "(id,...,BASE,2,...TIME...)" asking for the server time in place of TIME
TEXT_OPEN: Final = ord("(")
TEXT_CLOSE: Final = ord(")")
MAX_TEXT: Final = 512
TEXT_TIME_REQUEST: Final = "BASE,2"
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

# Terminal messages that answer a query of ours and so get no platform general response
# (JT/T 808-2013 8.2: 0x8001 answers every terminal message that has no answer of its own):
# the general response itself, the parameter, attribute, position, question, vehicle control,
# tachograph and multimedia answers. Registration gets its own 0x8100. Every other message id
# from a terminal (0x0000-0x7FFF), vendor ids included, gets 0x8001: the frame is in the raw log
# before the answer goes, and a terminal left without one sends it again and again.
ANSWERS: Final = frozenset(
    {
        MessageType.TERMINAL_RESPONSE,
        MessageType.PARAMETERS,
        MessageType.ATTRIBUTES,
        MessageType.LOCATION_ANSWER,
        MessageType.QUESTION_ANSWER,
        MessageType.VEHICLE_CONTROL_ANSWER,
        MessageType.TACHOGRAPH_ANSWER,
        MessageType.MULTIMEDIA_SEARCH_ANSWER,
        MessageType.CAMERA_ANSWER,
    }
)
PLATFORM_IDS: Final = 0x8000  # ids from here on are the platform's own


def answered_generally(msg_id: int) -> bool:
    """Whether a terminal message gets the 0x8001 general response."""
    return msg_id < PLATFORM_IDS and msg_id not in ANSWERS and msg_id != MessageType.REGISTER


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
    # main supply under-voltage: the vehicle battery running low, "lowBattery" as the
    # reference decoder has it (captures #49)
    7: "lowBattery",
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
