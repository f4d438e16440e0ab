"""Cellocator message types, fixed sizes and offsets of the envelope.

Owns the numbers of Pointer's "Cellocator Wireless Communication Protocol" (CR200/CR300,
Cello-IQ, Compact Security, CelloTrack): the "MCGP" system code, the message type byte, the
sizes of the messages this package frames, and the server's acknowledge (inbound Type 4).
Knows nothing about parsing.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Final


class MessageType(IntEnum):
    """Outbound (unit to server) message types."""

    STATUS = 0  # status/location, fixed 70 bytes
    MODULAR = 9  # modular message: its length layout is not sourced here, see framing.py
    MODULAR_EXTENDED = 11  # modular message with a 16-bit total length


class InboundType(IntEnum):
    """Inbound (server to unit) message types."""

    ACKNOWLEDGE = 4


SYSTEM_CODE: Final = b"MCGP"  # "MCGS" is the same message sent by SMS: never on a socket
SYSTEM_CODE_SIZE: Final = 4
TYPE_OFFSET: Final = 4
UNIT_ID_OFFSET: Final = 5  # uint32 little-endian ("Intel" order in the vendor's words)
NUMERATOR_OFFSET: Final = 11  # the message numerator the acknowledge echoes
CHECKSUM_SIZE: Final = 1

STATUS_SIZE: Final = 70
# Type 11: header (system code, type, unit id, communication control, numerator, packet
# control) of 13 bytes, then the uint16 LE length of what follows up to the checksum.
MODULAR_LENGTH_OFFSET: Final = 13
MODULAR_HEADER_SIZE: Final = 15
MAX_FRAME_SIZE: Final = MODULAR_HEADER_SIZE + 0xFFFF + CHECKSUM_SIZE

ACK_SIZE: Final = 28
ACK_SPARE: Final = 11
MAX_UNIT_ID: Final = 0xFFFFFFFF
