"""T55 wire constants: line framing, the identification lines and the sentences decoded.

Sources: NMEA 0183 (RMC, GGA, RMA fields); the identification and vendor lines as device
captures show them (traccar/traccar T55ProtocolDecoderTest, used as data only: `$PGID,<imei>`,
`$IMEI=<imei>`, `IMEI <imei>`, `$DEVID,0x<hex id>`, `$GPFID,<id>` (Maxon), `$PCPTI,<name>,...`
(CradlePoint), a bare id line, an id before the sentence (`<id>$GPRMC`, `<id>,$GPRMC`,
`<n>/<id>/$GPRMC`), `$GPIOP` inputs/outputs/voltages, `$TRCCR`, `QZE`). No vendor document of
the family could be found: every layout here comes from those captures.
"""

from __future__ import annotations

from typing import Final

MAX_FRAME_SIZE: Final = 1024  # an NMEA sentence is at most 82 characters; vendor lines longer
# The identification lines: header -> how the id follows it.
PGID: Final = "$PGID"
PCPTI: Final = "$PCPTI"
GPFID: Final = "$GPFID"
DEVID: Final = "$DEVID"
IMEI_EQUALS: Final = "$IMEI="
IMEI_SPACE: Final = "IMEI "
