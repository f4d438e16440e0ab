"""JT600 / JT701 wire constants: frame markers, header and record sizes, text replies.

Where the numbers come from: Jointech's JT600 user manual (SMS location format, speed in km/h)
and the device captures in traccar/traccar Jt600ProtocolDecoderTest (used as data), from which
the binary layouts below were read field by field (each capture's decoded position checked
against a text message the same unit sent seconds later). Knows nothing about parsing.
"""

from __future__ import annotations

from typing import Final

BINARY_START: Final = 0x24  # '$'
TEXT_START: Final = 0x28  # '('
TEXT_END: Final = 0x29  # ')'
STARTS: Final = bytes((BINARY_START, TEXT_START))

ID_BYTES: Final = 5  # the unit id: 10 BCD digits
ID_DIGITS: Final = 10
# Binary header. Short (JT600): '$' id(5) type(1) length(2), the records, a serial byte.
# Long (JT701): '$' id(5) version(1) type(1) length(2), one record. Either way the frame is the
# length field plus 10 bytes; a long header has its length's high byte (zero) at offset 8,
# where a short header has the low byte of a multiple of 27, never zero.
HEADER_PEEK: Final = 10
SHORT_LENGTH_AT: Final = 7
LONG_LENGTH_AT: Final = 8
FRAME_OVERHEAD: Final = 10
SHORT_RECORD: Final = 27  # one GPS record of the short format
LONG_MIN_RECORD: Final = 22  # the common part, speed, course, odometer, satellites

# Short-format type byte the simulated device writes: one record / several (captures: 0x21,
# 0x11, 0x31 with one record, 0x23, 0x24 with several).
TYPE_SINGLE: Final = 0x21
TYPE_MULTI: Final = 0x23

# Location flags: the low nibble of the longitude's last byte.
FLAG_VALID: Final = 0x1
FLAG_NORTH: Final = 0x2
FLAG_EAST: Final = 0x4

MAX_TEXT_SIZE: Final = 1024
MAX_FRAME_SIZE: Final = 16384  # 600 short records; captured frames hold up to 15

# Text messages the device waits an answer for: position reports (U01 real-time, U02 alarm,
# U03 stored) are answered "(S39)", the alarm report U06 "(S20)" (JT701 text protocol).
TEXT_REPLIES: Final[dict[str, bytes]] = {
    "U01": b"(S39)",
    "U02": b"(S39)",
    "U03": b"(S39)",
    "U06": b"(S20)",
}
