"""TK103 (`(<id><command><body>)` text protocol) constants: commands, replies, alarm codes.

Owns what the vendor "GPS Tracker Communication Protocol" (TK103 / KX402 "GPRS Communication
Protocol V1.5") fixes: the device -> server command words, the reply words, and the BO01 alarm
codes mapped to the shared vocabulary (shared/attributes.md). Knows nothing about parsing.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

START: Final = 0x28  # '('
END: Final = 0x29  # ')'
CR: Final = 0x0D
LF: Final = 0x0A
MAX_FRAME_SIZE: Final = 1024  # frames are < 128 bytes; command answers with text run longer


class Command(StrEnum):
    """Device -> server command words (main type B)."""

    HANDSHAKE = "BP00"  # keep-alive, answered AP01HSO
    POSITION_ANSWER = "BP04"  # answer to the one-time calling AP00
    LOGIN = "BP05"  # enrolment with a fix, answered AP05
    FEEDBACK = "BR00"  # periodic position
    FEEDBACK_ISOCHRONOUS = "BR01"
    FEEDBACK_END = "BR02"
    ALARM = "BO01"  # alarm code + fix, answered AS01<code>
    VIN = "BV00"
    CELLS = "BZ00"
    POSITION_EXTRA = "BP02"  # `,G,<n>,` then the GPS block (a clone's position answer)
    ALARM_EXTRA = "BQ81"  # `,ALARM,<code>,<value>,` then the GPS block and io


class Alternative(StrEnum):
    """Type words of the clones' comma-separated `(<id>,<type>,...)` layout (captures only)."""

    LOGIN = "BP05"
    POSITION_ZC07 = "ZC07"
    MOVEMENT = "ZC11"
    LOW_BATTERY = "ZC12"
    POWER_CUT = "ZC13"
    IGNITION_ON = "ZC15"
    IGNITION_OFF = "ZC16"
    REMOVING = "ZC17"
    SOS = "ZC25"
    TAMPERING = "ZC26"
    LOW_POWER = "ZC27"
    IGNITION_ON_ALT = "ZC29"
    POSITION_DW30 = "DW30"
    POSITION_DW3B = "DW3B"
    CELLS_DW50 = "DW50"
    CELLS_DW51 = "DW51"
    CELLS_DW5B = "DW5B"
    BATTERY = "ZC20"
    ANSWER = "ZC03"


HANDSHAKE_REPLY: Final = "AP01HSO"
LOGIN_REPLY: Final = "AP05"
ALARM_REPLY: Final = "AS01"

# BO01 alarm codes (vendor document, alarm message).
ALARMS: Final[dict[str, str]] = {
    "0": "powerCut",  # "vehicle power off": the vehicle supply is cut
    "1": "accident",
    "2": "sos",
    "3": "general",  # anti-theft: the vehicle's own alarm went off
    "4": "lowspeed",
    "5": "overspeed",
    "6": "geofenceExit",  # "out of geo-fence"
    "7": "movement",
}

# What each comma-layout ZC position report announces (a public TK103 protocol summary's
# "Status Commands (ZC Series)" list; the frames themselves are fix reports like ZC07).
ZC_EVENTS: Final[dict[str, tuple[str, object]]] = {
    Alternative.MOVEMENT: ("alarm", "movement"),
    Alternative.LOW_BATTERY: ("alarm", "lowBattery"),
    Alternative.POWER_CUT: ("alarm", "powerCut"),
    Alternative.REMOVING: ("alarm", "removing"),
    Alternative.SOS: ("alarm", "sos"),
    Alternative.TAMPERING: ("alarm", "tampering"),
    Alternative.LOW_POWER: ("alarm", "lowPower"),
    Alternative.IGNITION_ON: ("ignition", True),
    Alternative.IGNITION_ON_ALT: ("ignition", True),
    Alternative.IGNITION_OFF: ("ignition", False),
}

# BQ81 `ALARM` codes: only 1 is attested (a capture the reference reads as overspeed)
EXTRA_ALARMS: Final[dict[str, str]] = {"1": "overspeed"}
