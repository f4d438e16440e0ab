"""Ulbotech numbers: frame markers and escapes, frame types, data block ids, status and alarm
bits, the text frame's keys, and the size cap. Knows nothing about parsing.

Sources. The vendor document, "Ulbotech Tracking Device Communication Protocol V1.2" (Ulbo tech
Co., Limited, 2014), is indexed by the search tool, but only its title page and contents table
could be read. The facts below therefore come from the vendor's own decoder tool, "Ulbotech
Decoder" (Form1.cs of the C# `Ulbotech_Decoder` namespace, and its Java port
net.vpc.app.bdvbbroker.devices.ulbotech.tracking.UlbotechTrackingTcpDecoder), which names every
block, bit and scale of the document, and are checked against the real captures in
tests/protocols/ulbotech/vectors.py (CRC, escapes, time base, block layouts).
"""

from __future__ import annotations

from enum import IntEnum
from typing import Final

FLAG: Final = 0xF8  # opens and closes a binary frame
ESCAPE: Final = 0xF7  # F7 00 stands for F7, F7 0F for F8 (the byte XOR F7)
ESCAPED: Final = frozenset({0x00, 0x0F})
VERSION: Final = 0x01  # the only protocol version the vendor tool accepts

# F8, version, frame type, IMEI (8), time (4), CRC (2), F8: a frame with no data block
HEADER_SIZE: Final = 1 + 1 + 1 + 8 + 4
CRC_SIZE: Final = 2
MIN_BINARY: Final = HEADER_SIZE + CRC_SIZE + 1
IMEI_SIZE: Final = 8

EPOCH_2000: Final = 946_684_800  # the frame time counts seconds from 2000-01-01 00:00:00 UTC
TIME_MASK: Final = 0x7FFF_FFFF
FIX_3D_BIT: Final = 0x8000_0000  # the vendor tool reads the time's top bit as "3D fix"

TEXT_START: Final = b"*TS"  # "*TS" + protocol version as two digits
TEXT_PREFIX: Final = "*TS01"
TEXT_END: Final = 0x23  # '#'
TEXT_ACK: Final = "*TS01,ACK:{:04X}#"

# A J1939 block has a 16-bit length, so a frame may in theory run past 64 KB; devices send
# a few hundred bytes. Not documented: chosen with room for a full CAN block plus escapes.
MAX_FRAME_SIZE: Final = 16384


class FrameType(IntEnum):
    """The byte after the version (the vendor tool's "frame NO")."""

    DATA = 0x01
    ACK = 0xFE  # the server's acknowledgement; a device never sends it


class Block(IntEnum):
    """Data block ids: id, length, data (the vendor tool's three-letter names in comments)."""

    GPS = 0x01  # GPS
    LBS = 0x02  # LBS: serving cell or cell list
    STATUS = 0x03  # STT: status and alarm bits
    MILEAGE = 0x04  # MGR: metres
    ADC = 0x05  # ADC: 4-bit channel, 12-bit value
    GEOFENCE = 0x06  # GFS
    OBD = 0x07  # OBD: OBD-II service 01/02/03 items
    FUEL = 0x08  # FUL: fuel used, length nibble with the algorithm id
    OBD_ALARM = 0x09  # OAL: OBD items that raised an alarm
    HARSH = 0x0A  # HDB: harsh driving bits
    J1939 = 0x0B  # CAN, 16-bit length
    J1708 = 0x0C  # HVD
    VIN = 0x0D  # VIN
    RFID = 0x0E  # RFI: 10 ASCII characters and an authorised flag
    ENGINE_TIME = 0x0F  # EGT: engine seconds
    EVENT = 0x10  # EVT: event code, optional 32-bit mask
    VHD = 0x14  # VHD, 16-bit length
    TRIP = 0x20  # TRP
    BLE_REMOTE = 0x3E  # BRV: length in the low nibble
    BEACON = 0x3F  # BCN, 16-bit length


WIDE_LENGTH: Final = frozenset({Block.J1939, Block.VHD, Block.BEACON})
NIBBLE_LENGTH: Final = frozenset({Block.MILEAGE, Block.FUEL, Block.BLE_REMOTE})

# Alarm bits of the STT block (and the mask of event 0xE0) -> attributes.md alarm values.
# 6, 9, 12, 13 are reserved; 7/8 (input low/high) and 11 (OBD) have no matching value.
ALARM_BITS: Final[dict[int, str]] = {
    0: "powerCut",
    1: "movement",  # "Moved"
    2: "overspeed",
    3: "jamming",
    4: "geofence",
    5: "tow",  # "Towing"
    10: "sos",  # "Panic"
    14: "accident",
    15: "lowBattery",
}
# Status bits of the STT block: 0 power cut, 1 moving, 2 over speed, 3 jamming, 4 geofence
# alarming, 5 immobiliser, 6 ACC, 7 input high, 8 input mid, 9 engine, 10 panic, 11 OBD
# alarm, 12 course rapid change, 13 speed rapid change, 14 roaming, 15 international roaming.
STATUS_MOVING: Final = 1 << 1
STATUS_IMMOBILISER: Final = 1 << 5
STATUS_ACC: Final = 1 << 6
STATUS_ROAMING: Final = 1 << 14

# HDB bits (and the mask of event 0x90): 3 "no warm-up" and 6 "rough terrain" have no value.
HARSH_BITS: Final[dict[int, str]] = {
    0: "hardAcceleration",
    1: "hardBraking",
    2: "hardCornering",  # "Harsh course"
    4: "idle",  # "Long idle"
    5: "fatigueDriving",
    7: "highRpm",
}

EVENT_HARSH: Final = 0x90  # the mask holds HDB bits
EVENT_ALARM: Final = 0xE0  # the mask holds STT alarm bits

# ADC channels (top 4 bits of each value): 0 car battery, 1 device temperature, 2 internal
# battery, 3 input voltage. Voltages span -10..100 V and the temperature -55..125 C over 12 bits.
ADC_FULL_SCALE: Final = 4096
ADC_VOLTS: Final = (-10.0, 100.0)
ADC_CELSIUS: Final = (-55.0, 125.0)

# Text frame keys that carry data (the vendor tool's list); any other key is a command answer.
TEXT_DATA_KEYS: Final = frozenset(
    {
        "GPS", "LBS", "STT", "MGR", "ADC", "GFS", "OBD", "OAL", "FUL", "HDB", "CAN", "HVD",
        "VIN", "RFI", "EVT", "BCN", "EGT", "TRP", "SAT", "BRV",
    }
)  # fmt: skip
NO_TIME: Final = "000000000000"
