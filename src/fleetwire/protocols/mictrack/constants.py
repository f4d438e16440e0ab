"""Mictrack wire constants: the report types and their shapes.

Sources: Mictrack's "Communication Protocol (for MT700)" V1.0 and "MT500 GPRS Communication
Protocol" (reports and commands "without ACK"; messages ended by CR LF); device captures
(traccar/traccar MictrackProtocolDecoderTest, used as data only) for the layouts of the
`MT;` standard reports (R0 GPS, R1 WiFi, R2/R3 GSM/LTE cell, R12/R13 WiFi and cell, RH
heartbeat, Y1 WiFi with names) and of the `<imei>$` low-altitude reports: no public document
gives their fields, so each field here is read off those captures.
"""

from __future__ import annotations

from typing import Final

MAX_FRAME_SIZE: Final = 2048  # a report with five WiFi access points is about 300 bytes
STANDARD: Final = "MT"
GPS: Final = "R0"  # <event>+<yyMMddHHmmss>+<lat>+<lon>+<speed>+<course>+<sats>+<mV>+<n>
WIFI: Final = frozenset({"R1", "Y1"})  # <time>+<wifi list>+<event>+<mV>+<n>
CELL: Final = frozenset({"R2", "R3"})  # <time>+<mnc>,<cid>,<lac>,<mcc>[,<pci>]+<event>+<mV>+<n>
WIFI_CELL: Final = frozenset({"R12", "R13"})  # <time>+<wifi list>+<cell>+<event>+<mV>+<n>
HEARTBEAT: Final = "RH"  # <event>+<time>+<lat>+<lon>+<speed>+<course>+<sats>+<mV>+<n>
RESULT_END: Final = "!"  # "<name>=<result>!", maybe after the IMEI
