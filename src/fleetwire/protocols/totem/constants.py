"""Totem (Totem Tech AT-series, and the AVL02/AVL-08 trackers that share its envelope) wire
constants: the two `$$` envelopes, checksum sizes, limits, and the alarm type codes mapped to
the shared vocabulary (shared/attributes.md).

Sources: "AVL02 User Guide V1.5" section 3 "The format of the GPRS" (frame layout, field
formats, alarm type list) and "AVL-08 GPRS Data Protocol" v1.0.1 (Tzonedigital, 2010; the same
layout plus odometer and RFID), the documents the common open-source server lists for this
protocol. Knows nothing about parsing.
"""

from __future__ import annotations

from enum import Enum
from typing import Final

HEADER: Final = b"$$"
TERMINATOR: Final = b"\r\n"
SEPARATOR: Final = b"|"
GPRMC: Final = b"$GPRMC,"


class Envelope(Enum):
    """The two length-prefixed envelopes a Totem-family device sends.

    CLASSIC: `$$` + length (2 hex digits) + IMEI + `|` + alarm type (2 hex) + data fields
    separated by `|` + `|` + CRC-16/MODBUS (4 hex) + CR LF (AVL02 / AVL-08 documents).
    FIXED: `$$` + length (4 decimal digits) + message type (2 characters) + IMEI (15 digits)
    + `|` + fixed-width fields + a 2-hex-digit checksum (AT07/AT09-era firmware; see
    framing.py for what is and is not sourced about it).
    """

    CLASSIC = "classic"
    FIXED = "fixed"


CLASSIC_LENGTH_DIGITS: Final = 2  # hex
FIXED_LENGTH_DIGITS: Final = 4  # decimal
FIXED_TYPE_SIZE: Final = 2
IMEI_SIZE: Final = 15
MAX_ID_SIZE: Final = 20  # "IMEI 15 bytes, at most 20 bytes" (AVL02 section 3)
CLASSIC_CRC_SIZE: Final = 4  # hex digits of CRC-16/MODBUS, after a '|'
FIXED_CHECKSUM_SIZE: Final = 2  # hex digits of the XOR of every byte before them
# the bar after the IMEI of a FIXED frame: "$$" + 4 + 2 + 15
FIXED_BAR: Final = len(HEADER) + FIXED_LENGTH_DIGITS + FIXED_TYPE_SIZE + IMEI_SIZE
MIN_FIXED: Final = FIXED_BAR + 1 + FIXED_CHECKSUM_SIZE
# The FIXED length field can say up to 9999 bytes; the cap covers all of it plus a CR LF.
MAX_FRAME_SIZE: Final = 10**FIXED_LENGTH_DIGITS - 1 + len(TERMINATOR)

# the GPRMC speed field is knots (_units.KNOTS)

# Alarm type (AVL02 User Guide V1.5, section 3, "Alarm type") -> shared alarm value. Codes with
# no counterpart in the vocabulary (0x49 button A, 0x13 speed back to normal, 0x50-0x57 input
# changes, 0x88 heartbeat, 0x91/0x92 sleep, 0xAA interval report) carry none; every code is
# kept as the `event` attribute.
ALARMS: Final[dict[int, str]] = {
    0x01: "sos",  # SOS button is pressed
    0x09: "powerOff",  # auto shutdown
    0x10: "lowBattery",
    0x11: "overspeed",
    0x30: "parking",
    0x42: "geofenceExit",  # out of geo-fence
    0x43: "geofenceEnter",  # into geo-fence
}
CHARGE_EVENTS: Final[dict[int, bool]] = {0x60: True, 0x61: False}  # begin / end charge
INTERVAL_REPORT: Final = 0xAA
HEARTBEAT: Final = 0x88
