"""TRV wire constants: prefixes, the message-kind letters and their answers, message types.

Sources: the vendor's "Protocol for GPS Watch" V1.0 (2016-2019 revisions, "GPS Watch protocol
2023", attached to traccar/traccar pull requests #5421-#5508: messages `IWAP<nn>...#`, the
platform answering `IWBP<nn>...#`, e.g. APHP answered `IWBPHP#`; the login answered with the
platform's time and a time zone), and device captures (traccar TrvProtocolDecoderTest, used as
data only) for the `TRV` prefix and its `YP`/`CP` kinds. Knows nothing about parsing.
"""

from __future__ import annotations

from typing import Final

END: Final = 0x23  # "#"
CR: Final = 0x0D
LF: Final = 0x0A
MAX_FRAME_SIZE: Final = 2048  # a location with four WiFi access points is about 300 bytes
PREFIXES: Final = ("TRV", "IW")
# The letter pair after the prefix: the device's kind and the platform's answer to it (the
# document's A->B; the TRV units' Y and C are answered by the next letter the same way).
ANSWER_KIND: Final[dict[str, str]] = {"AP": "BP", "YP": "ZP", "CP": "DP"}

LOGIN: Final = "00"  # AP00<IMEI>
LOCATIONS: Final = frozenset({"01", "03", "10", "14"})  # fix block, status, cells, extras
ALARM_LOCATION: Final = "10"
CELLS: Final = "02"  # AP02,<language>,<reply flag>,<count>,<mcc>,<mnc>,<lac|cid|rssi>...
HEARTBEAT: Final = "03"  # AP03,<status>[,<steps>,<rolls>] (CP01 on TRV units)
HEART_RATE: Final = "49"  # AP49,<bpm>
PRESSURE: Final = "HT"  # APHT,<bpm>,<systolic>,<diastolic>
HEALTH: Final = "HP"  # APHP,<bpm>,<systolic>,<diastolic>,<SpO2>,<blood sugar>,<temperature>
TEMPERATURE: Final = "50"  # AP50,<temperature>,<battery %>
# Answers to the platform's own commands (their serial number follows): nothing to answer.
COMMAND_ANSWERS: Final = frozenset({"XL", "12", "33", "34", "40", "76", "77", "84", "85"})
ALARM_TYPES: Final[dict[str, str]] = {"01": "sos"}  # AP10's alarm field (00: none)
