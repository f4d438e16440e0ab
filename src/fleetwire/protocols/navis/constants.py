"""Navis NTCB numbers: the NTCB record messages (*>T, *>A), their answers and record formats.

Owns what Navis adds to the NTCB transport it shares with Navtelecom (the envelope, *>S login,
*>FLEX negotiation and FLEX messages are the navtelecom package's, reused as they are): the
record formats of `*>T` (one record, answered `*<T` + the record's index) and `*>A` (an array,
answered `*<A` + the record count), and each format's record size. Formats and layouts: facts
read from traccar/traccar src/main/java/org/traccar/protocol/NavisProtocolDecoder.java; the
sizes are checked against the six real NTCB records of NavisProtocolDecoderTest.java, each of
whose NTCB length is exactly its records. Knows nothing about parsing.
"""

from __future__ import annotations

from typing import Final

from fleetwire.protocols.navtelecom.constants import HEADER_SIZE, MAX_BODY

SINGLE: Final = b"*>T"  # one record, out of turn
SINGLE_REPLY: Final = b"*<T"  # + the record's index, u32 LE
ARRAY: Final = b"*>A"  # count (u8) + records
ARRAY_REPLY: Final = b"*<A"  # + the record count, u8
MAX_RECORDS: Final = 255

# record formats: the first byte of a record (a 0 first byte announces a two-byte format, none
# of which has a published layout)
F10: Final = 0x01
F20: Final = 0x02
F30: Final = 0x03
F40: Final = 0x04
F50: Final = 0x05
F51: Final = 0x15
F52: Final = 0x25
F60: Final = 0x06

# bytes of a record after its format byte: index u32, event u16, event time 6, armed, status,
# rssi (15), then per format outputs, inputs, voltages, analogue, counters, navigation, extras
RECORD_SIZES: Final[dict[int, int]] = {
    F10: 29, F20: 70, F30: 25, F40: 26, F50: 66, F51: 81, F52: 85, F60: 110,
}  # fmt: skip

MAX_FRAME_SIZE: Final = HEADER_SIZE + MAX_BODY
