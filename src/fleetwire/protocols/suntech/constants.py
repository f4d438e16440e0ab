"""Suntech wire constants and the code tables mapped to the shared vocabulary.

Owns what the vendor documents fix ("ST300/340 Operation Manual - LATAM" rev 1.41, "ST310U
Operation Manual" rev 1.08, the ST300H alert table as Wialon publishes it): report headers,
alert and emergency ids, the I/O string. Knows nothing about parsing.
"""

from __future__ import annotations

import re
from typing import Final

# "<model><type>" (ST300STT, SA200EMG, ST600ALV…) or the universal bare "<type>" (STT, ALT…).
# BLE / BSA: the BLE beacon reports of newer universal firmware (captures only, no document).
REPORT_TYPES: Final = (
    "STT", "ALT", "EMG", "EVT", "ALV", "UEX", "HTE", "CMD", "RES", "DEX", "BLE", "BSA",
)  # fmt: skip
HEADER: Final = re.compile(
    rb"(?:S[AT]\d{3,4}[A-Z]?)?(?:" + b"|".join(t.encode() for t in REPORT_TYPES) + rb")"
    rb"|ST910"
)
HEADER_ANYWHERE: Final = re.compile(rb"(?:" + HEADER.pattern + rb");")
TERMINATOR: Final = 0x0D  # "\r" ends every report string
MAX_LEADING_EOL: Final = 4
MAX_FRAME_SIZE: Final = 2048  # reports are < 300 bytes; UEX carries up to 500 data bytes

# Universal binary reports: 0x81 / 0x82, a 16-bit length of what follows, a 5-byte BCD id.
BINARY_STATUS: Final = 0x81  # STT
BINARY_ALERT: Final = 0x82  # ALT
BINARY_STARTS: Final = (BINARY_STATUS, BINARY_ALERT)
BINARY_MAX: Final = 1024
BINARY_MIN: Final = 8

DEFAULT_PREFIX: Final = "ST300"

# ALERT_ID (ST300 / universal alert report) -> alarm. Ids without a vocabulary value are kept
# only as the ``event`` attribute.
ALERTS: Final[dict[int, str]] = {
    1: "overspeed",  # start driving faster than SPEED_LIMIT
    3: "gpsAntennaCut",  # disconnected GPS antenna
    5: "geofenceExit",
    6: "geofenceEnter",
    14: "lowPower",  # vehicle battery very low
    15: "vibration",  # shocked
    16: "accident",  # collision
    22: "overspeed",  # engine: exceed speed
    27: "hardBraking",  # engine: sudden hard brake
    40: "powerRestored",  # connected to the main power source
    41: "powerCut",  # disconnected from the main power source
    46: "hardAcceleration",
    47: "hardBraking",
    48: "hardCornering",
    49: "overspeed",
    50: "jamming",
    61: "idle",  # ignition on, not driving for the predefined time
    62: "parking",  # stopped more than the predefined time
    64: "highRpm",
    73: "fuelLeak",  # rapid reduction of the fuel
    75: "temperature",
    76: "temperature",
}
ALERT_IGNITION: Final[dict[int, bool]] = {33: True, 34: False}
# a driver presented an iButton: ALERT_DATA holds its id (binary alert captures)
ALERT_DRIVER: Final = 59

# EMG_ID (emergency report) -> alarm.
EMERGENCIES: Final[dict[int, str]] = {
    1: "sos",  # panic button
    2: "parking",  # parking lock
    3: "powerCut",  # main power removed
    5: "tampering",  # anti-theft
    7: "movement",  # motion
    8: "vibration",  # anti-theft shock
}

# ST910 personal tracker: the type word after the header.
ST910_ALARMS: Final[dict[str, str]] = {"Emergency": "sos", "Alert": "general"}
