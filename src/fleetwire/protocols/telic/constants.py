"""Telic numbers: the message terminator and length prefix, the field positions of a position
report, the coordinate scales and the size cap. Knows nothing about parsing.

Sources. The vendor's "Picotrack 4G User Manual" V1.2 ("Event Message Structure", table 9) and
"Picotrack Endurance" manual (section 6.3, table 9; manualshive.com copies) name the report's
content: event code, event time, GPS time, longitude and latitude in 100 micro-degrees ("can be
decreased to 1 micro-degree"), fix type (1 no valid data, 2 2D, 3 3D, 6 GSM), speed in km/h,
satellites used, height in m, mileage, the digital inputs as 4 digits, analogue input 1.
The field positions, the envelope and the id come from real messages: traccar/traccar
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
    FIX = 6  # fix type: 3 in every capture
    SPEED = 7  # km/h
    COURSE = 8
    SATELLITES = 9
    ALTITUDE = 12  # metres
    # the manuals say "mileage in km", but captured values run to 85 million: metres
    ODOMETER = 13
    OPERATOR = 14  # MCC and MNC
    INPUTS = 15  # bits as '0'/'1' characters
    OUTPUTS = 16
    ANALOG1 = 17  # analogue input 1: 1/10 V, or mV on firmware writing 4 digits (manuals)


MIN_FIELDS: Final = Field.OUTPUTS + 1  # every captured report has at least these
FIX_VALID: Final = frozenset({2, 3})  # 2D and 3D fixes; 1 is no valid data, 6 a GSM position

# Coordinates are integers in 1/10000 degree, or 1/1000000 where configured so (manuals): the
# captures from Miami, Belgium and Austria write 8 digits or more, and only 1/1000000 puts them
# on their roads; 7 digits or fewer fit 1/10000 everywhere.
MICRO_DIGITS: Final = 8
SCALE_SHORT: Final = 1e4
SCALE_LONG: Final = 1e6

# Captured messages are under 150 bytes; the cap leaves room for longer firmware variants.
MAX_FRAME_SIZE: Final = 1024
