"""Navtelecom NTCB/FLEX numbers: envelope sizes, message prefixes and the FLEX field size table.

Owns the constants of the vendor document "Protocol of information exchange" (NTCB transport
layer, FLEX 1.0-3.0 negotiation and messages) and of the FLEX field table. Knows nothing about
parsing.

Field sizes: fields 1-3 from the vendor's FLEX field spreadsheet ("Using parameters in
devices", rows "End-to-end record number" U32, "event code" U16, "Event time" U32); fields 1-122
from the size table of feratur/NavtelecomProtocol (src/NavtelecomProtocol/PacketProcessors/Flex/
FlexMessageTable.cs), checked against two real captures (the position fields land on Moscow
coordinates and plausible voltages). Fields 123-255 could not be sourced: see decoding.py for
how a record that asks for one of them is handled.
"""

from __future__ import annotations

from typing import Final

PREAMBLE: Final = b"@NTC"
HEADER_SIZE: Final = 16  # @NTC, recipient u32, sender u32, length u16, data XOR, header XOR
MAX_BODY: Final = 0xFFFF
FLEX_START: Final = 0x7E  # '~'
PING: Final = 0x7F  # a one-byte keep-alive between FLEX messages; no answer
FLEX_PROTOCOL: Final = 0xB0  # the FLEX marker of *>FLEX / *<FLEX
MAX_FLEX_FIELDS: Final = 255
MAX_RECORDS: Final = 255  # the ~A record count is one byte

# FLEX message kinds: the letter after '~'
ARRAY: Final = ord("A")  # records from the archive queue: ~A count records crc8
CURRENT: Final = ord("C")  # current state (online ping with telemetry): ~C record crc8
URGENT: Final = ord("T")  # an out-of-turn record: ~T index(u32) record crc8

# NTCB bodies (ASCII prefixes)
LOGIN: Final = b"*>S"
LOGIN_REPLY: Final = b"*<S"
FLEX_REQUEST: Final = b"*>FLEX"
FLEX_REPLY: Final = b"*<FLEX"
COMMAND_ANSWER: Final = b"*@"

MAX_FRAME_SIZE: Final = HEADER_SIZE + MAX_BODY  # an ~A of 255 big records stays under this too

_SIZES_1_122: Final = (
    4, 2, 4, 1, 1, 1, 1, 1, 4, 4, 4, 4, 4, 2, 4, 4, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1,
    1, 1, 4, 4, 2, 2, 4, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 2, 4, 2, 1, 4, 2, 2, 2,
    2, 2, 1, 1, 1, 2, 4, 2, 1, 8, 2, 1, 16, 4, 2, 4, 37, 1, 1, 1, 1, 1, 1, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 6, 12, 24, 48, 1, 1, 1, 1, 4, 4, 1, 4, 2, 6, 2, 6, 2, 2, 2, 2, 2, 2, 2, 2, 1, 2, 2,
    2, 1,
)  # fmt: skip
# FLEX field number (from 1) -> size in bytes
FIELD_SIZES: Final[dict[int, int]] = {i + 1: s for i, s in enumerate(_SIZES_1_122)}
