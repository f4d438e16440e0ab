"""EasyTrack numbers and names: the `*ET,` envelope, message types, hex field scales and the
size cap. Knows nothing about parsing.

Sources: no vendor document could be found. Layouts come from the public captures of
traccar/traccar src/test/java/org/traccar/protocol/EasyTrackProtocolDecoderTest.java (data
only; its asserted fix, 2010-09-13 16:28:13 at 22.62689, 114.03021, fixes the date, time and
coordinate coding): date and time as hex pairs, coordinates as hex 1/10000 minutes with the
top bit for south or west. Speed (hex, 0.1 km/h) and course (hex, 0.01 degree: 0x6b08 is
274.00) are read from what the captures hold and are the least certain fields.
"""

from __future__ import annotations

from typing import Final

START: Final = b"*"
STARTS: Final = b"*"
ENDS: Final = b"#"
PREFIX: Final = "*ET"
MAX_FRAME_SIZE: Final = 1024

POSITIONS: Final = frozenset({"DW", "HB"})  # a position report, a heartbeat with a position
CELLS: Final = "JZ"  # JZ,<?>,<lac>,<cid>,<mcc>,<mnc>: the serving cell
COORD_SIGN: Final = 0x8000_0000  # south or west
MINUTES: Final = 600_000.0  # 1/10000 minute per unit
SPEED_SCALE: Final = 0.1
COURSE_SCALE: Final = 0.01
