"""WondeX constants: the heartbeat, the report layout's sizes, the command words.

Source: WondeX "VT10 Protocol Document" v1.03/v1.04 and "VT300 Protocol Document" v1.01
(Wonde Proud Technology): report `Unit ID, DateTime (YYYYMMDDhhmmss, GMT), Longitude, Latitude,
Speed (km/h), Heading, Altitude, Satellite, Report ID, ...` (VT300 adds mileage, I/O and analog
inputs), commands `$WP+<COMMAND>=<password>[,<parameters>]` answered `$OK:<COMMAND>...` or
`$ERR:<COMMAND>=<code>`. The 8-byte heartbeat (0xD0, three bytes, the unit id as u32
little-endian) is read from captures. Knows nothing about parsing.
"""

from __future__ import annotations

from typing import Final

HEARTBEAT: Final = 0xD0
HEARTBEAT_SIZE: Final = 8
MAX_FRAME_SIZE: Final = 1024
REPORT_FIELDS: Final = 9  # unit .. report id: every firmware sends at least these
DEFAULT_PASSWORD: Final = "0000"  # the documents' factory password
