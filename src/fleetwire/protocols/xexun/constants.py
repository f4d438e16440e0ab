"""Xexun wire constants and the alarm text table.

Two layouts share one port. Basic: `GPRMC,<sentence>*CS,<F|L>,[<alarm>,][ ]imei:<digits>,`.
Full: `<yymmddhhmmss>,<phone>,GPRMC,<sentence>*CS,<F|L>,<alarm>,[ ]imei:<digits>,<satellites>,
<altitude>,<F|L>:<volts>V[/ADC1=<v>V/ADC2=<v>V],<charging 0|1>,<length>,<crc>,<mcc>,<mnc>,<lac>,
<cell id>[,<more>]` then CR/LF, where <length> counts the bytes before it and <crc> is the
CRC-16/XMODEM of those bytes and the length field with its comma (checked on every captured
frame). Knows nothing about parsing.
"""

from __future__ import annotations

from typing import Final

RMC_HEADS: Final = (b"GPRMC,", b"GNRMC,")
IMEI_TAG: Final = b"imei:"
IMEI_MIN: Final = 10
IMEI_MAX: Final = 17
SERIAL_MAX: Final = 14  # the full layout's leading yymmddhhmmss (12 digits; some firmware less)
MAX_FRAME_SIZE: Final = 1024
FULL_TAIL_FIELDS: Final = 10  # satellites .. cell id

# Alarm texts of the TK102/TK103 manuals (the SMS alarm messages, which the GPRS report repeats),
# matched case-insensitively on their start. Ignition texts set ``ignition`` instead.
ALARMS: Final[tuple[tuple[str, str], ...]] = (
    ("help me", "sos"),
    ("low battery", "lowBattery"),
    ("move", "movement"),
    ("speed", "overspeed"),
    ("stockade", "geofence"),
    ("ac alarm", "powerCut"),
    ("door alarm", "door"),
    ("sensor alarm", "vibration"),
)
IGNITION_ON: Final = ("accstart", "acc on")
IGNITION_OFF: Final = ("accstop", "acc off")
