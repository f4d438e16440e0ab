"""UPRO numbers: markers, the header's shape, the layout of the GPS block and the size cap.
Knows nothing about parsing.

Sources. No vendor document could be found (the search tool has none for UPRO). Everything here
comes from real messages: traccar/traccar src/test/java/org/traccar/protocol/
UproProtocolDecoderTest.java (used as data only), whose GPS blocks land on real places
(Shenzhen, Texas, Puerto Rico, Santiago de Chile, Slovakia) with the layout below, and whose fix
times and coordinates are the ones that test asserts (-33.58934, -70.61626 at 2016-11-09
08:00:25; 49.22016, 18.74855, not valid, at 2015-11-25 03:17:26).
"""

from __future__ import annotations

from typing import Final

START: Final = 0x2A  # '*'
END: Final = 0x23  # '#'
BLOCK: Final = "&"
HEADER_DIGITS: Final = 3  # after the two maker letters: "20" and a one-digit flag

# The GPS block `A`: hhmmss, latitude ddmmmmmm (minutes with four decimals), longitude
# dddmmmmmm, one flag digit, speed (2 digits), course / 10 (2 digits), ddmmyy.
GPS_SIZE: Final = 34
FLAG_VALID: Final = 0x1
FLAG_NORTH: Final = 0x2
FLAG_EAST: Final = 0x4
# Speed is read as knots: where a message also holds the 4-digit `F` block (0.1 km/h, it seems)
# knots come closest to it (16 -> 29.6 km/h beside F0333; 01 -> 1.9 km/h beside F0039).

# Blocks read besides `A` (captures): `E` a yymmddhhmmss time for messages without a fix (the
# capture's E190717103920 is the same device's day as its A block of 170719), `M`
# the battery level in tenths of a percent (M830: 83 %, as the reference test asserts), `X` a
# cell list `mcc,mnc,lac,cid,rssi;lac,cid,rssi...` (VK devices).
CELL_SEPARATOR: Final = ";"
E_TIME: Final = "%y%m%d%H%M%S"

# Captured messages are under 400 bytes; blocks may hold binary data.
MAX_FRAME_SIZE: Final = 2048
