"""Real IntelliTrac lines, from traccar/traccar src/test/java/org/traccar/protocol/
IntellitracProtocolDecoderTest.java (device captures, used as data), with their CR LF."""

from __future__ import annotations

from typing import Final

REPORT: Final = (
    b"1010000002,20030217132813,121.646060,25.061725,20,157,133,7,0,11,15,0.096,0.000\r\n"
)
SHORT: Final = b"1010000002,20030217144230,121.646102,25.061398,0,0,0,7,2,0,0\r\n"
SEQUENCED: Final = b"12345,1010000002,20030217132813,121.646060,25.061725,20,157,0,7,0,11,15\r\n"
POLL: Final = b"$RP:12345,1010000002,20030217144230,121.646102,25.061398,0,0,0,7,2,0,0\r\n"
SOUTH_WEST: Final = (
    b"1015210962,20131010144712,-77.070037,-12.097935,0,0,77,7,2,2,0,0,139446.8,2095,"
    b"20131010144712,,0.103,0.000\r\n"
)
IMEI_ID: Final = (
    b"359316075744331,20201008181424,12.014662,57.826301,0,76,24,10,997,3,0,0.000,4.208,"
    b"20201008181424,0\r\n"
)
OK: Final = b"$OK:TRACKING\r\n"

VALID: Final = (REPORT, SHORT, SEQUENCED, POLL, SOUTH_WEST, IMEI_ID, OK)
