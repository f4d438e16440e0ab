"""StarLink numbers: markers, the checksum's place, the default report format, the event codes
the captures pin down, and the size cap. Knows nothing about parsing.

Sources. No vendor document could be read (the search tool has none for ERM StarLink). The
tags, event codes and their meanings are those flespi's public description of the protocol
lists (flespi.com/protocols/erm: the "dynamic event structure" of `#TAG#` codes, parameter 0177;
message type 6 the event report; event 11 battery low, 36 an alarm, 41 an accident; #BATC# the
battery level in percent, #VBAT# the internal battery). The rest comes from real reports:
traccar/traccar src/test/java/org/traccar/protocol/StarLinkProtocolDecoderTest.java (used as
data only), which names the format each device was set to, and whose checksums are the sum,
modulo 256, of the bytes between `$` and `*` (true of every one of them). The default format is
the one the reference server assumes when none is configured (its `starlink.format` setting;
the format of the captures from devices 068328, 031B2B, 0330D5 and 006968). Dates are
yymmddhhmmss, UTC.
"""

from __future__ import annotations

from typing import Final

START: Final = b"$SLU"
CHECKSUM: Final = 0x2A  # '*', then two hex digits
SEPARATOR: Final = ","
EVENT_REPORT: Final = "06"  # the message type of every captured report
HEAD_FIELDS: Final = 3  # `$SLU<id>`, type, index: then the configured fields

DEFAULT_FORMAT: Final = (
    "#EDT#,#EID#,#PDT#,#LAT#,#LONG#,#SPD#,#HEAD#,#ODO#,#IN1#,#IN2#,#IN3#,#IN4#,#OUT1#,#OUT2#,"
    "#OUT3#,#OUT4#,#LAC#,#CID#,#VIN#,#VBAT#,#DEST#,#IGN#,#ENG#"
)
FORMAT_OPTION: Final = "format"  # protocols.starlink.decode.format in the configuration
TIME_LAYOUT: Final = "%y%m%d%H%M%S"

# Event ids that are alarms: 9 "Lost Power" (a capture's #EDSC# text beside it); 11 battery low,
# 36 an alarm, 41 an accident (flespi's description).
ALARMS: Final[dict[int, str]] = {9: "powerCut", 11: "lowBattery", 36: "general", 41: "accident"}

# #SPD# is the GPS speed in knots (_units.KNOTS); #SPDK# the same in km/h

# Captured reports are under 400 bytes; a format with every tag stays well under this.
MAX_FRAME_SIZE: Final = 2048
