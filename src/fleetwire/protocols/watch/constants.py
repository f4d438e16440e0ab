"""Watch protocol constants (3G/4G kids' and elderly watches: Beesure/SeTracker firmware and
clones): message keywords, their answers, terminal status alarm bits, escape codes.

Owns the names the vendor document fixes ("SeTracker Server Protocol",
https://www.4p-touch.com/beesure-gps-setracker-server-protocol.html) and their mapping to the
shared alarm vocabulary. Knows nothing about parsing.
"""

from __future__ import annotations

from typing import Final

START: Final = 0x5B  # '['
END: Final = 0x5D  # ']'
ESCAPE: Final = 0x7D  # '}' then 1-5: binary content with the frame's own delimiters escaped
# '}' 01 -> '}', 02 -> '[', 03 -> ']', 04 -> ',', 05 -> '*'
UNESCAPED: Final[dict[int, int]] = {1: 0x7D, 2: 0x5B, 3: 0x5D, 4: 0x2C, 5: 0x2A}
INDEXED_MAKER: Final = b"ZJ"  # this firmware puts a 4-hex message index before the length

# Position reports: date, time, fix, coordinates, speed, course, altitude, satellites, GSM
# signal, battery %, steps, tumbles, status, then cells, WiFi and accuracy.
POSITION_TYPES: Final = frozenset({"UD", "UD2", "UD3", "UD_LTE", "UD_WCDMA", "WT", "WAD", "WG"})
ALARM_TYPES: Final = frozenset({"AL", "AL_LTE", "ALCUSTOMER1", "ALCUSTOMER2"})
LINK: Final = "LK"

# Keyword -> the content of the server's answer. LK must be answered or the watch reconnects
# and reboots; AL is answered so the watch stops repeating the alarm; TKQ/TKQ2 (voice
# message queries) are echoed.
ANSWERS: Final[dict[str, str]] = {
    "LK": "LK",
    "AL": "AL",
    "AL_LTE": "AL",
    "TKQ": "TKQ",
    "TKQ2": "TKQ2",
}

# The device echoing a command keyword: the answer to a command we sent.
COMMAND_ECHOES: Final = frozenset({
    "CR", "UPLOAD", "RESET", "POWEROFF", "SOS1", "SOS2", "SOS3", "SOS", "CENTER", "FIND",
    "hrtstart", "FACTORY", "LZ", "MONITOR", "PEDO", "SILENCETIME", "REMIND",
})  # fmt: skip

# Terminal status (8 hex digits): the high half flags alarms.
STATUS_ALARMS: Final[dict[int, str]] = {
    16: "sos",
    17: "lowBattery",
    18: "geofenceExit",
    19: "geofenceEnter",
    20: "removing",  # watch taken off the wrist
    21: "fallDown",
}

MAX_ID_LENGTH: Final = 20
# Content length is four hex digits (up to 65535 bytes after unescaping); escaping can double
# it on the wire. Voice messages come in parts of a few KB.
MAX_CONTENT: Final = 0xFFFF
MAX_FRAME_SIZE: Final = 2 * MAX_CONTENT + 64
