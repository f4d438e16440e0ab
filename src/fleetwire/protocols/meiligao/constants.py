"""Meiligao message types, wire constants and the alarm code table.

Owns the numbers of the Meiligao GPRS protocol V2.1 (GT30i/GT60/VT300/VT310/VT400) and their
mapping to the shared alarm vocabulary of shared/attributes.md. Knows nothing about parsing.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Final

import crcmod.predefined


class MessageType(IntEnum):
    LOGIN = 0x5000
    LOGIN_REPLY = 0x4000  # server -> device, data 0x01
    TRACK_ON_DEMAND = 0x4101  # server asks; the device answers with a position under 0x4101
    TRACK_BY_INTERVAL = 0x4102  # interval in tens of seconds (2 bytes)
    OUTPUT_CONTROL = 0x4114  # one byte per output 1-5
    SERIAL_AND_IMEI = 0x9001  # "get SN and IMEI" (V1.06)
    POSITION_LOGGED = 0x9016  # buffered report, position layout
    POSITION = 0x9955
    ALARM = 0x9999  # alarm byte, then the position layout
    RFID = 0x9966  # card data, then "|hhmmss,ddmmyy,lat,N,lon,E"
    POSITION_BATCH = 0x6688  # count, then '\\'-separated buffered positions


DEVICE_START: Final = b"$$"
SERVER_START: Final = b"@@"
END: Final = b"\r\n"
ID_BYTES: Final = 7  # BCD, padded with F nibbles
HEADER: Final = 2 + 2 + ID_BYTES + 2  # start, length, id, type
MIN_FRAME: Final = HEADER + 2 + 2  # + CRC + CR LF
# Picture pieces reach about 1 KB; Meitrack's "$$<flag><digit>" reads as a length of at least
# 0x4131, so a cap well below it keeps the two protocols apart on a shared port.
MAX_FRAME_SIZE: Final = 4096

# CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, not reflected) over everything from the start
# marker through the data; check("123456789") = 0x29B1. Verified on the captured frames.
crc16_ccitt: Final = crcmod.predefined.mkCrcFun("crc-ccitt-false")

# Alarm byte of 0x9999 (V2.1 "Alarm" table). Codes that report a state change (input released,
# GPS blind area entered/left, heading change, distance report ...) stay in ``event`` only.
ALARMS: Final[dict[int, str]] = {
    0x01: "sos",  # SOS button / input 1 active
    0x10: "lowBattery",
    0x11: "overspeed",
    0x12: "movement",
    0x13: "geofenceEnter",
    0x14: "powerOn",  # tracker turned on
    0x50: "powerCut",  # external power cut
    0x53: "gpsAntennaCut",
}
