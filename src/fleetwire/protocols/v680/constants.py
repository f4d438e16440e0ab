"""V680 numbers and names: the '#'-separated envelope, report types, coordinate forms and the
size cap. Knows nothing about parsing.

Sources: no vendor document could be found. Layouts come from the public captures of
traccar/traccar src/test/java/org/traccar/protocol/V680ProtocolDecoderTest.java (data only;
its two asserted fixes, 2016-11-11 19:33:33 at 22.66579, 114.03629 valid and 2013-04-09
13:49:38 at -22.86973, -47.038375 invalid, fix the coordinate forms and the validity mark):
`#<IMEI>#<user>#<state>#<password>#<type>#<count>#` then per fix `[<cells>#][V#]<lon>,<E|W>,
<lat>,<N|S>,<speed>,<course>#<ddmmyy>#<hhmmss[.sss]>`, ended by `##`. Coordinates come as
degrees and minutes (DDDMM.MMMM) or, from some firmware, as decimal degrees; speed in knots,
as in the NMEA sentence the fields are taken from.
"""

from __future__ import annotations

from typing import Final

START: Final = 0x23  # '#'
END: Final = b"##"
LINE_ENDS: Final = b"\r\n"
MAX_FRAME_SIZE: Final = 2048
MIN_ID: Final = 10  # the identity is the IMEI (15 digits in every capture) or a serial
MAX_ID: Final = 20
HEADER_FIELDS: Final = 6  # IMEI, user, state, password, type, count
INVALID: Final = "V"
ALARM_TYPES: Final[dict[str, str]] = {"SOS": "sos"}
