"""Meitrack message types, wire constants and the event code table.

Owns the numbers the vendor documents fix ("MEITRACK GPRS Protocol" V1.21 for MVT100/340/380/600
and T1; the T622 / T1 & T333 / T366 GPRS protocol documents of 2017-2019) and their mapping to the
shared alarm vocabulary of shared/attributes.md. Knows nothing about parsing.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Final


class MessageType(StrEnum):
    POSITION = "AAA"  # automatic event report (text)
    POSITION_CONFIRMED = "AFF"  # AAA behind a serial, sent in C03,1 ("confirm each event") mode
    COMPRESSED = "CCC"  # binary batch, fixed-layout packets
    EXTENDED = "CCE"  # binary batch, typed id/value packets
    PICTURE = "D00"  # a piece of a JPEG
    PICTURE_LIST = "D01"


DEVICE_START: Final = b"$$"  # device -> server
SERVER_START: Final = b"@@"  # server -> device
END: Final = b"\r\n"
# A flag (packet identifier) is one character 0x41-0x7A; the device answers with the flag of
# the command it answers.
FLAG_MIN: Final = 0x41
FLAG_MAX: Final = 0x7A
MAX_LENGTH_DIGITS: Final = 5
# ",<imei>,<cmd>*XX\r\n" with the shortest identity we accept (8 digits)
MIN_DECLARED: Final = 1 + 8 + 1 + 3 + 3 + 2
# CCE batches and D00 picture pieces run to about 1 KB; 16 KB bounds the buffer with room to spare.
MAX_FRAME_SIZE: Final = 16384

# Binary timestamps (CCC, CCE) count seconds from 2000-01-01 00:00:00 UTC.
EPOCH_2000: Final = datetime(2000, 1, 1, tzinfo=UTC)

# Event codes (T622 GPRS protocol section 1.5 "Event Code", T1/T333 and T366 documents section
# 1.3). Codes that report a state change rather than an alarm (inputs, sleep, GPS lost/recovered,
# track by time/distance, heartbeat, position reply ...) stay in ``event`` only.
ALARMS: Final[dict[int, str]] = {
    1: "sos",  # SOS pressed (input 1 active)
    17: "lowBattery",  # internal battery low
    18: "lowPower",  # low external battery (vehicle supply)
    19: "overspeed",
    20: "geofenceEnter",
    21: "geofenceExit",
    22: "powerRestored",  # external battery on
    23: "powerCut",  # external battery cut
    28: "gpsAntennaCut",
    36: "tow",
    44: "jamming",  # GSM jamming
    78: "accident",
    90: "hardCornering",  # sharp turn left
    91: "hardCornering",  # sharp turn right
    129: "hardBraking",
    130: "hardAcceleration",
    135: "fatigueDriving",
}

EVENT_RFID: Final = 37  # the assisted-event field then carries the RFID card number
