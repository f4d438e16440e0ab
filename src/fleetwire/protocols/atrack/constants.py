"""ATrack (AK1/AK7/AX7/AX9/AT5) wire constants and the custom-information code table.

Owns the numbers of the ATrack protocol documents (AT Series 1.1.4, SP 1.5.2: prefixes, the
acknowledge/keep-alive message, field scales) and the sizes of the ``%CI`` custom-information
codes in binary reports. The sizes are those that line up every record boundary of the public
multi-record captures (traccar AtrackProtocolDecoderTest); a code outside the table stops the
record walk instead of guessing. Knows nothing about parsing.
"""

from __future__ import annotations

from enum import Enum
from typing import Final


class FrameType(Enum):
    POSITION = "position"  # binary @P (and @Z, same layout)
    TEXT_POSITION = "text"  # ASCII "@P,..." (AT$FORM text mode)
    IMAGE = "image"  # binary @R: a chunk of a camera picture
    KEEPALIVE = "keepalive"  # FE 02 + unit id + sequence id
    REPLY = "reply"  # "$OK", "$ERROR=...", "$INFO=..." answers to AT$ commands


BINARY_PREFIXES: Final[dict[int, FrameType]] = {
    ord("P"): FrameType.POSITION,
    ord("Z"): FrameType.POSITION,
    ord("R"): FrameType.IMAGE,
}
# Text reports start "@P,"; the AT1 sends them as "@p," (its captures in traccar issue #1062
# carry the same CRC and length fields), and never a binary frame with that prefix.
TEXT_PREFIXES: Final = frozenset({ord("P"), ord("p")})
AT: Final = 0x40  # '@'
DOLLAR: Final = 0x24  # '$'
KEEPALIVE_HEAD: Final = b"\xfe\x02"
KEEPALIVE_SIZE: Final = 12  # FE 02, unit id (8), sequence id (2); also the size of every ACK
HEADER_SIZE: Final = 16  # prefix(2) CRC(2) length(2) sequence(2) unit id(8)
CRC_FROM: Final = 4  # the CRC covers everything after itself (length field onwards)
MIN_LENGTH: Final = 10  # sequence id and unit id
# Multi-record text frames with custom data reach ~1 KB, camera chunks ~0.8 KB. The cap also
# keeps a binary length's high byte below 0x30, so "@P," + a hex digit is always text.
MAX_FRAME_SIZE: Final = 8192
MAX_REPLY_SIZE: Final = 1024

NO_TEMPERATURE: Final = 2000  # a temperature sensor that is not fitted
TEXT_TERMINATOR: Final = "\x1a"  # ends free-text values in text mode

# Custom-information codes (two letters, optionally followed by an index such as IN0, ZO14):
# their size in a binary report; 0 is a NUL-terminated string.
STRING: Final = 0
CUSTOM_SIZES: Final[dict[str, int]] = {
    **dict.fromkeys(
        ["DT", "EL", "FL", "GQ", "GS", "HA", "HB", "HC", "IA", "IN", "ML", "MP", "MT", "PD",
         "RL", "SA", "TR", "ZO"],
        1,
    ),
    **dict.fromkeys(["BV", "ET", "LC", "MF", "MV", "RP", "SM"], 2),
    **dict.fromkeys(["AT", "CE", "CN", "EH", "EO", "FC", "ZL"], 4),
    "GV": 6,  # one g-sensor sample: x, y, z
    "CM": 8,  # IMSI
    "ME": 8,  # IMEI
    "GN": 60,  # ten g-sensor samples
    **dict.fromkeys(["CD", "GL", "VN"], STRING),
}  # fmt: skip
SIGNED: Final = frozenset({"AT", "ET"})
# Codes whose text-mode value is free text ended by 0x1A (a Google Maps link holds a comma).
TEXT_TERMINATED: Final = frozenset({"GL", "GN", "GV"})
