"""Megastek constants: the line heads, the size limit and the alarm words.

No Megastek protocol document is public; everything here is read from captures (the messages
of traccar/traccar's MegastekProtocolDecoderTest and MegastekFrameDecoderTest, operators'
posts): the heads, the 4-digit length before `$MGV002` (it counts the bytes after itself), the
alarm words at the end of each report. Knows nothing about parsing.
"""

from __future__ import annotations

from typing import Final

MGV: Final = "$MGV002"
RMC: Final = "$GPRMC,"
HEADS: Final = (b"$MGV002,", b"STX", b"LOGSTX", b"cmd=")  # cmd=aid;...: an A-GPS request
LENGTH_DIGITS: Final = 4
# The longest capture is 343 bytes (an $MGV002 with ten Wi-Fi access points).
MAX_FRAME_SIZE: Final = 2048

# Alarm word (the last field of a report) -> alarm; "Timer", "Dist", "Store", "Restart",
# "Nil-Alarms" and an empty word are routine reports, not alarms.
ALARMS: Final[dict[str, str]] = {
    "Help": "sos",
    "SOS": "sos",
    "PW ON": "powerOn",
    "PW OFF": "powerOff",
    "Low Ext Vol": "lowPower",
    "LowBattery": "lowBattery",
    "Low Battery": "lowBattery",
    "Overspeed": "overspeed",
    "Move": "movement",
    "Shock": "vibration",
    "Geo-fence In": "geofenceEnter",
    "Geo-fence Out": "geofenceExit",
}
