"""GPS103 (Coban TK103-2B / GPS-103 / GPS-303 / TK102) text protocol constants and tables.

Owns what the vendor "GPRS data protocol" fixes: the logon and heartbeat answers, the report
keywords and their meaning in the shared alarm vocabulary (shared/attributes.md), and the
downlink command letters. Knows nothing about parsing.
"""

from __future__ import annotations

from typing import Final

LOGON_PREFIX: Final = b"##,"
DATA_PREFIX: Final = b"imei:"
# ';' ends every message; some firmware ends lines instead; the alternative report ends '*'
TERMINATORS: Final = (0x3B, 0x0A, 0x2A)
ALT_END: Final = b"*"
CR: Final = 0x0D
LF: Final = 0x0A

LOGON_REPLY: Final = b"LOAD"  # "##,imei:<IMEI>,A;" must be answered, or the unit retries
HEARTBEAT_REPLY: Final = b"ON"  # "<IMEI>;" keep-alive

# OBD reports and photo/voice frames run long (captures of 1.3 KB exist).
MAX_FRAME_SIZE: Final = 4096

# the report speed field is knots (_units.KNOTS)

# Report keyword -> alarm. "tracker" (periodic), "acc on/off", "rfid", "T:..", "OBD" carry none.
ALARMS: Final[dict[str, str]] = {
    "help me": "sos",
    "low battery": "lowBattery",
    "move": "movement",
    "speed": "overspeed",
    "stockade": "geofence",
    "ac alarm": "powerCut",
    "door alarm": "door",
    "sensor alarm": "vibration",  # the shock sensor of an armed unit
    "bonnet alarm": "bonnet",
    "footbrake alarm": "footBrake",
    "accident alarm": "accident",
    "DTC": "fault",  # the trouble code is in the second fuel field
}
FUEL_LEAK_PREFIX: Final = "oil"  # "oil1", "oil2", "oil 51.67" (the level, percent, after it)
IGNITION_KEYWORDS: Final[dict[str, bool]] = {"acc on": True, "acc off": False}
