"""TLT-2H numbers: markers, the header's fields, the state words and the size cap. Knows
nothing about parsing.

Sources. The vendor document "TLT 2H protocol" (UDT-TV-02 / UDT-MT-02, "SMS and GPRS mode
protocol") is indexed by the search tool, but only its SMS-mode page could be read: it names the
fields (IMEI, base station, GPRMC fix, the message state SMS, TIMER, CALL, SOS, ANSWER ...). The
GPRS layout (header line, record lines, the closing `##`) comes from real messages: traccar/traccar
src/test/java/org/traccar/protocol/Tlt2hProtocolDecoderTest.java and the Mictrack manual's sample
quoted in invertedtomato/mictrack-receiver's MessageParserTests, whose messages end in `##\r\n`.
"""

from __future__ import annotations

from typing import Final

MARK: Final = 0x23  # '#': opens the header and every line
END: Final = b"##"  # a line of its own, or right after the last sentence's checksum
SENTENCE: Final = "$"  # between a record line's cell field and its NMEA-style sentence

# Header `#<imei>#<user>#<password>[#<more>...]#<state>#<count>`: the IMEI first, the state and
# the record count last (MT600 firmware puts four more fields before the state).
MIN_HEADER_FIELDS: Final = 6  # '' before the first '#', imei, user, password, state, count

ALARMS: Final[dict[str, str]] = {"SOS": "sos"}  # states that are alarms (vendor document)

# Up to a few dozen records of under 100 bytes each when a device empties its memory.
MAX_FRAME_SIZE: Final = 16384
