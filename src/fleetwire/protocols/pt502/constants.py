"""PT502 (Bofan PT502 / PT600 / PT300X) protocol constants and tables.

Owns what the vendor documents fix: the "full frame" envelope (Bofan GPRS protocol excerpt quoted
in traccar/traccar issue #1463: header 0xBF 0xFB, one XOR byte over the data body, the whole
frame's length as u16 little-endian, then the body), the message type codes and their meaning in
the shared alarm vocabulary (shared/attributes.md), and the command texts. Knows nothing about
parsing.
"""

from __future__ import annotations

from typing import Final

FULL_MARK: Final = b"\xbf\xfb"
FULL_HEADER_SIZE: Final = 5  # BF FB, XOR of the body, u16 LE length of the whole frame
START: Final = 0x24  # '$' opens every message body
CR: Final = 0x0D
LF: Final = 0x0A
LINE_ENDS: Final = (CR, LF)

# A photo chunk ($PHD) is the largest frame: 960 bytes of JPEG in every capture seen, plus
# headers; the length field allows 64 KiB, but nothing near that has been seen.
MAX_FRAME_SIZE: Final = 4096

# the speed field is knots, as in NMEA RMC (_units.KNOTS)

# Message types that are not reports of the common layout.
PHOTO_DATA: Final = "PHD"  # a binary JPEG chunk, answer to the server's #PHD request
FIRMWARE: Final = "FUS"  # `$FUS<id>,<versions>`: the id is glued to the type
PERIODIC: Final = frozenset({"POS", "PHO"})  # position; position with a photo taken

# Type code -> alarm. The user manual's "Set Alarm" list (SAL: IN1 SOS input, SPD overspeed,
# GEO geo-fence, SKA shake, LPA low power) and "Cut Power Alarm" (CPA) name the codes; TOW, HDA,
# HDB, FDA, PMA and GOF are codes seen in captures (traccar's decoder maps them the same way),
# not in the manual: their meaning is read from their names.
ALARMS: Final[dict[str, str]] = {
    "IN1": "sos",
    "SPD": "overspeed",
    "GEO": "geofence",
    "GOF": "geofence",
    "SKA": "vibration",
    "LPA": "lowPower",
    "CPA": "powerCut",
    "TOW": "tow",
    "HDA": "hardAcceleration",
    "HDB": "hardBraking",
    "FDA": "fatigueDriving",
    "PMA": "movement",
}

# The manual: input 1 is the SOS key and input 4 is ACC ("IU4, for input4/ACC up").
IGNITION_INPUT: Final = 4
