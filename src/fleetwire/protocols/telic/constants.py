"""Telic numbers: the message terminator and length prefix, the field positions of a position
report, the coordinate scales and the size cap. Knows nothing about parsing.

Sources. No vendor document could be found (the search tool has none for Telic, SBC or
Picotrack). Everything here comes from real messages: the captures in traccar/traccar
src/test/java/org/traccar/protocol/TelicProtocolDecoderTest.java and TelicFrameDecoderTest.java
(used as data only), whose positions land on real roads (Munich, Miami, Bucharest, Graz ...)
with the layout below, and whose fix time is the one that test asserts.
"""

from __future__ import annotations

from typing import Final

END: Final = 0x00  # every message ends with a NUL
PREFIX_SIZE: Final = 4  # some firmware sends a little-endian length of the text before it
SEPARATOR: Final = ","
HELLO_SEPARATOR: Final = "|"  # `<head><id>|<mcc>|<nn>|<version>`: the connect message

# The first field of a report: two digits (a counter), two digits (the message class), the
# device id, two digits (the event code). Other messages put letters after the id.
HEAD_DIGITS: Final = 4
EVENT_DIGITS: Final = 2


class Field:
    """Positions in a comma-separated position report."""

    HEAD = 0
    DEVICE_TIME = 1  # ddMMyyHHmmss, the unit's clock (2000-01-01 while unset)
    FIX_TIME = 3  # ddMMyyHHmmss, UTC
    LONGITUDE = 4
    LATITUDE = 5
    FIX = 6  # 3 in every capture: a 3D fix
    SPEED = 7  # km/h
    COURSE = 8
    SATELLITES = 9
    ALTITUDE = 12  # metres
    ODOMETER = 13
    OPERATOR = 14  # MCC and MNC
    INPUTS = 15  # bits as '0'/'1' characters
    OUTPUTS = 16


MIN_FIELDS: Final = Field.OUTPUTS + 1  # every captured report has at least these
FIX_VALID: Final = 2  # 2D or 3D fix (only 3 has been seen)

# Coordinates are integers in 1/10000 degree; firmware writing 8 digits or more uses 1/1000000
# (the captures from Miami, Belgium and Austria; 7 digits or fewer fit 1/10000 everywhere).
MICRO_DIGITS: Final = 8
SCALE_SHORT: Final = 1e4
SCALE_LONG: Final = 1e6

# Captured messages are under 150 bytes; the cap leaves room for longer firmware variants.
MAX_FRAME_SIZE: Final = 1024
