"""TLT-2H numbers: markers, the header's fields, the state words and the size cap. Knows
nothing about parsing.

Sources. The vendor document "TLT 2H protocol" (UDT-TV-02 / UDT-MT-02, "SMS and GPRS mode
protocol") is indexed by the search tool, but only its SMS-mode page could be read: it names the
fields (IMEI, base station, GPRMC fix, the message state SMS, TIMER, CALL, SOS, ANSWER ...). The
GPRS layout (header line, record lines) and the state words are in Mictrack's documents for the
same protocol: "Mictrack MT500 GPRS Communication Protocol" section 2 (trackergreat.com FAQ copy:
the base station field is LAC+CI in hex, 8 digits on 2G and 11 on 3G SIM cards; the state words
and what each means) and "Mictrack Communication Protocol for MT700" V1.0 sections 1 and 2.2
(1library.net copy: reports go "without ACK"; the MT700's field before `$GPRMC` is the backup
battery, 38 = 3.8 V). The closing `##` comes from real messages: traccar/traccar
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

# States (MT500 document, 2.3) -> alarm values of attributes.md.
ALARMS: Final[dict[str, str]] = {
    "SOS": "sos",
    "DEF": "powerCut",  # "Cut Power alarm"
    "HT": "temperature",  # "High Temperature alert"
    "BLP": "lowBattery",  # "Backup battery low voltage"
    "CLP": "lowPower",  # "Car Battery low voltage"
    "OS": "geofenceExit",  # "Out of the Geo-fence alarm"
    "RS": "geofenceEnter",  # "Enter the Geo-fence alarm"
    "OPEN": "gpsAntennaCut",  # "GPS Antenna open circuit"
    "SHORT": "fault",  # "GPS Antenna short circuit"
    "OVERSPEED": "overspeed",
    "TOWED": "tow",  # "ACC OFF and vehicle Move"
}
# States that say where the ACC (ignition) is: AUTOSTART on; AUTOSTOP, AUTOLOW, TOWED off.
IGNITION: Final[dict[str, bool]] = {
    "AUTOSTART": True, "AUTOSTOP": False, "AUTOLOW": False, "TOWED": False,
}  # fmt: skip

# The field before `$`: LAC and CI in hex (4 + 4 digits on 2G, 4 + 7 on 3G), or on the MT700
# the backup battery in tenths of a volt (2 digits).
LAC_DIGITS: Final = 4
CELL_SIZES: Final = frozenset({8, 11})
BACKUP_VOLTAGE_SIZE: Final = 2

# Up to a few dozen records of under 100 bytes each when a device empties its memory.
MAX_FRAME_SIZE: Final = 16384
