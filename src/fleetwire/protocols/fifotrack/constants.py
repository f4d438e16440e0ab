"""Fifotrack message types, wire constants and the alarm code table.

Owns the numbers the vendor documents fix ("FIFOTRACK GPRS PROTOCOL / COMMAND LIST" for A300/A500
V1.5, Q3 V1.6, S50 V1.1; "FIFOTRACK GPRS PROTOCOL - A03" V1.1) and their mapping to the shared
alarm vocabulary of shared/attributes.md. Knows nothing about parsing.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final


class MessageType(StrEnum):
    POSITION_V0 = "A00"  # position report without the RFID and trailing fields (older firmware)
    POSITION = "A01"  # position / alarm report
    PHOTO = "D05"  # photo taken: the answer to a D05 command
    PHOTO_DATA = "D06"  # one piece of a JPEG (binary)


DEVICE_START: Final = b"$$"  # uplink, device -> server
SERVER_START: Final = b"##"  # downlink, server -> device ("GPRS downlink ... ##<pack-len>,...")
END: Final = b"\r\n"
MAX_LENGTH_DIGITS: Final = 5
# pack-len counts ",<ID>,<work-no>,<cmd-code>[,<cmd-para>]": at least ",X,1,A01"
MIN_DECLARED: Final = 8
# D06 photo pieces are about 1 KB (1024-byte chunks in captures); 16 KB leaves room to spare.
MAX_FRAME_SIZE: Final = 16384
MAX_ID_LENGTH: Final = 20
WORK_NO_MAX: Final = 0xFFFF  # "cyclic accumulation from 1 to 0xFFFF"

# Answers to B.. (setting), C.. (retrieve) and S.. (special) commands carry the command's code:
# "<cmd-code>,<err_code | values>" (Q3 command list, section 5).
ANSWER_PREFIXES: Final = frozenset("BCS")

# Alarm codes (the alm-code field of A00/A01; "Appendix A - Alarm Code and Alarm Parameter").
# Only codes whose meaning a vendor document we could read states are mapped: 2 SOS (Q3 V1.6,
# B23 example "B23,2,1101 ... when SOS triggered"), 31 fall down (Q3 V1.6 Appendix A, quoted in
# traccar/traccar#5206), 53 power on and 54 power off (A03 GPRS protocol V1.1, quoted in
# traccar/traccar#5222). Codes 22 (no movement, Q3 V1.6 B76) and 25 (tilt / man down) have no
# vocabulary value: they stay in ``event`` only, as does every unmapped code.
ALARMS: Final[dict[int, str]] = {
    2: "sos",
    31: "fallDown",
    53: "powerOn",
    54: "powerOff",
}
