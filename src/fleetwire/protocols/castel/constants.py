"""Castel (Sinocastel "SC" OBD family) message types, envelope sizes and value tables.

Owns the numbers of the Sinocastel CB212-C1005 protocol: the envelope (`@@`, total length,
version, 20-byte device id, big-endian message type, data, CRC, CR LF), the message types a
device sends and the server's replies (a reply is the request type with the high bit set), the
bits and scales of STAT_DATA and GPS_ITEM, and the alarm-type table. Knows nothing about parsing.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Final


class Msg(IntEnum):
    """Message types. CB212-C1005: high byte main id, low byte sub id, sent big-endian; main
    ids 0x00-0x7F travel up, 0x80-0xFF down, and an answer is its request's id | 0x8000."""

    LOGIN = 0x1001
    LOGOUT = 0x1002
    HEARTBEAT = 0x1003
    GPS = 0x4001
    PID_DATA = 0x4002
    G_SENSOR = 0x4003
    SUPPORTED_PID = 0x4004
    OBD_DATA = 0x4005
    DTCS_PASSENGER = 0x4006
    ALARM = 0x4007
    CELL = 0x4008
    GPS_SLEEP = 0x4009
    DTCS_COMMERCIAL = 0x400B
    COMPREHENSIVE = 0x401F
    LOGIN_REPLY = 0x9001
    HEARTBEAT_REPLY = 0x9003
    QUERY_REPLY = 0xA002  # the device's answer to a server query
    ALARM_REPLY = 0xC007


class CcMsg(IntEnum):
    """Message types of the older CC firmware ("@@" with a version other than 3 and 4)."""

    LOGIN = 0x4001
    HEARTBEAT = 0x4206
    LOGIN_REPLY = 0x8001
    HEARTBEAT_REPLY = 0x8206


class MpipMsg(IntEnum):
    """Message types of the MPIP family ("$$" header, no version byte)."""

    LOGIN = 0x2001
    POSITION = 0x4001
    ALARM = 0x4201
    ALARM_2 = 0x4202
    POSITION_2 = 0x4206


REPLY_BIT: Final = 0x8000
HEADER: Final = b"@@"
MPIP_HEADER: Final = b"$$"
MPIP: Final = -1  # the version an MPIP frame's envelope reports: it carries none
TAIL: Final = b"\r\n"
ID_SIZE: Final = 20
HEAD_SIZE: Final = 2 + 2 + 1 + ID_SIZE + 2  # @@, length, version, device id, type
DATA_START: Final = HEAD_SIZE
TRAILER_SIZE: Final = 2 + 2  # CRC, CR LF
MIN_FRAME: Final = HEAD_SIZE + TRAILER_SIZE  # 31: a frame with no data (heartbeat)
MAX_FRAME_SIZE: Final = 0xFFFF  # the length field is 16 bits and counts the whole frame

# Protocol versions of the SC layout (STAT_DATA/GPS_DATA; 3: CB212-C1005 rev 4.2x devices,
# 4: later ones); "@@" frames of other versions are the older CC firmware's (families.py).
DECODED_VERSIONS: Final = frozenset({3, 4})

# Login reply (0x9001) data: IP address (4), port (2), UTC time (4). 0xFFFFFFFF and 0 are what
# a server answers when the device should keep its configured server (captured reply in the
# test vectors).
KEEP_IP: Final = 0xFFFFFFFF
KEEP_PORT: Final = 0

STAT_SIZE: Final = 34  # STAT_DATA
GPS_ITEM_SIZE: Final = 19  # GPS_ITEM: date 3, time 3, lat 4, lon 4, speed 2, course 2, flag 1
ALARM_ITEM_SIZE: Final = 6  # new-alarm flag 1, type 1, description 2, threshold 2
ALARM_SEQ_SIZE: Final = 4

# VSTATE (U32 LE, bytes S0..S3): S2 bit 2 is ACC (ignition) on (vendor sample of the login
# package: vstate 00 00 04 00 "S2 0000 0100 ACC ON").
VSTATE_ACC_ON: Final = 0x0004_0000

# GPS_ITEM flag: bit 0 east, bit 1 north, bits 2-3 fix type (0: none), bits 4-7 satellites.
FLAG_EAST: Final = 0x01
FLAG_NORTH: Final = 0x02
FLAG_FIX: Final = 0x0C
MS_PER_DEGREE: Final = 3_600_000  # coordinates in milliseconds of arc
KMH_PER_CM_S: Final = 0.036  # speed in cm/s
FUEL_SCALE: Final = 0.01  # litres per unit of total and current fuel

NEW_ALARM: Final = 1  # new-alarm flag: 1 raised, 0 cleared

# Alarm type -> attributes.md `alarm` value. The vendor table (CB212-C1005, ALARM_DATA) as
# published in Sinocastel integrations; codes whose meaning has no `alarm` value (ignition on
# 0x16 / off 0x17 set `ignition`) or that the table does not fix stay in `event` only.
ALARMS: Final[dict[int, str]] = {
    0x01: "overspeed",
    0x02: "lowPower",  # low vehicle (battery) voltage
    0x03: "temperature",  # high engine coolant temperature
    0x04: "hardAcceleration",
    0x05: "hardBraking",
    0x06: "idle",
    0x07: "tow",
    0x08: "highRpm",
    0x09: "powerOn",
    0x0B: "laneChange",
    0x0C: "hardCornering",
    0x0D: "fatigueDriving",
    0x0E: "powerOff",
    0x10: "sos",
    0x11: "accident",
    0x12: "tampering",
}
ALARM_IGNITION_ON: Final = 0x16
ALARM_IGNITION_OFF: Final = 0x17
