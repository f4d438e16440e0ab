"""AIS-140 (ITS) wire constants: frame markers, sizes, and the standard's code tables.

Sources: ARAI AIS-140 (2016) and the state transport departments' protocol documents built on
it (e.g. Odisha "AIS-140 Protocol" 1.0.20092022: login `$LGN,...*`); Quectel's AIS-140 client
module (QuecPython/AIS-140 code/ais.py: the packet types NR/EA/TA/HP/IN/IF/BD/BR/BL/HB/HA/RT/
WD/OS, the alert ids 01-17, the emergency packet EPB with EMR/SEM and NM/SP); and device
captures (traccar/traccar ItsProtocolDecoderTest and ItsFrameDecoderTest, used as data only)
for the vendor framings. Knows nothing about parsing.
"""

from __future__ import annotations

from typing import Final

START: Final = 0x24  # "$"
END: Final = 0x2A  # "*": the standard's end character
CR: Final = 0x0D
LF: Final = 0x0A
COMMA: Final = 0x2C
# A tracking packet is about 300 characters; a vendor's trailer after "*" adds a few dozen.
MAX_FRAME_SIZE: Final = 2048
# After "*": a hex checksum of up to 8 digits (2: XOR, 8: CRC-32), then CR/LF.
MAX_CHECKSUM_DIGITS: Final = 8

LOGIN_HEADER: Final = "LGN"
HEALTH_HEADERS: Final = frozenset({"HBT", "HLM", "HLT"})
EMERGENCY_TYPES: Final = frozenset({"EMR", "SEM"})  # emergency on / stop emergency
EMERGENCY_ON: Final = "EMR"
LIVE, HISTORY = "L", "H"  # packet status of a tracking packet
STORED: Final = "SP"  # packet status of an emergency packet sent from memory (NM: live)

# Alert id (the number after the packet type) -> alarm, in the shared vocabulary. 01/02 are
# location updates (live/history), 05 "low battery removed", 07/08 ignition on/off (the
# ignition field says it), 11 "emergency off" and 12 "over-the-air parameter change": no alarm.
ALERT_ALARMS: Final[dict[int, str]] = {
    3: "powerCut",  # disconnected from the main battery
    4: "lowBattery",  # internal battery low
    6: "powerRestored",  # main battery connected back
    9: "tampering",  # box opened
    10: "sos",  # emergency state on
    13: "hardBraking",
    14: "hardAcceleration",
    15: "hardCornering",  # rash turning
    16: "tampering",  # emergency button wire disconnected
    17: "overspeed",
}
# The packet type's alarm, for framings that send no alert id.
TYPE_ALARMS: Final[dict[str, str]] = {
    "EA": "sos",
    "TA": "tampering",
    "BD": "powerCut",
    "BR": "powerRestored",
    "BL": "lowBattery",
    "HB": "hardBraking",
    "HA": "hardAcceleration",
    "RT": "hardCornering",
    "WD": "tampering",
    "OS": "overspeed",
}
TAMPER_OPEN: Final = "O"  # tamper field: C closed, O opened
# Vendors whose tracking packets carry the odometer (km) right after the frame number, as the
# reference test says of CTPL (others put analog inputs there; Rollpoint (RLP) puts a number
# there too, but nothing says it is the odometer, so it is not read).
ODOMETER_AFTER_FRAME: Final = frozenset({"CTPL"})
