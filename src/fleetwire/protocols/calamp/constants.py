"""LM Direct wire constants: service and message types, Options Header bits, field sizes.

Owns the numbers of the CalAmp "LM Direct Reference Guide" (section 2, "Message Structures",
and the message sections) that every other module of this package shares. Knows nothing about
parsing.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Final


class ServiceType(IntEnum):
    """Message Header byte 0."""

    UNACKNOWLEDGED = 0  # "Unacknowledged Request"
    ACKNOWLEDGED = 1  # "Acknowledged Request": the server answers with an Acknowledge message
    RESPONSE = 2  # "Response to an Acknowledged Request"


class MessageType(IntEnum):
    """Message Header byte 1."""

    NULL = 0
    ACK = 1  # "ACK/NAK"
    EVENT_REPORT = 2
    ID_REPORT = 3
    USER_DATA = 4
    APPLICATION_DATA = 5
    CONFIGURATION = 6
    UNIT_REQUEST = 7
    LOCATE_REPORT = 8
    USER_DATA_ACCUMULATORS = 9
    MINI_EVENT_REPORT = 10
    MINI_USER_DATA = 11


class Option(IntEnum):
    """Bits of the Options byte; each field present is a length byte and that many bytes."""

    MOBILE_ID = 0x01
    MOBILE_ID_TYPE = 0x02
    AUTHENTICATION = 0x04
    ROUTING = 0x08
    FORWARDING = 0x10
    RESPONSE_REDIRECTION = 0x20
    # "Not used - reserved" in the 2011 guide; later revisions call it "Options Extension", a
    # length-prefixed field like the others, so it is skipped the same way.
    EXTENSION = 0x40


OPTIONS_PRESENT: Final = 0x80  # bit 7 of the first byte: an Options Header starts the message
OPTION_BITS: Final = tuple(Option)  # in wire order: bit 0 first
MOBILE_ID_TYPE_SIZE: Final = 1  # "Mobile ID Type Length: always 1"
# Framing heuristics only (a datagram is checked against its own lengths): the longest Mobile
# ID seen is 9 bytes (an 18-digit MEID/IMEI); the other fields are 4 to 8 bytes in the guide.
MAX_MOBILE_ID: Final = 16
MAX_OPTION_FIELD: Final = 32

MESSAGE_HEADER_SIZE: Final = 4  # service type, message type, sequence number (2)
ACK_BODY_SIZE: Final = 6  # type, ACK/NAK code, spare, app version (3)
ACK_OK: Final = 0  # 1..7 are NAK reasons

# Event Report: the 40 fixed bytes, Accums at 38, the Spare/"Append" byte at 39
EVENT_FIXED_SIZE: Final = 40
EVENT_ACCUMS_AT: Final = 38
EVENT_APPEND_AT: Final = 39
# User Data: the Event Report's first 36 bytes (update time .. unit status), then route, id,
# a 2-byte length at 38 and the message
LOCATION_SIZE: Final = 36
USER_DATA_FIXED_SIZE: Final = 40
USER_DATA_LENGTH_AT: Final = 38
# Mini Event Report: 20 fixed bytes, Accums at 19
MINI_FIXED_SIZE: Final = 20
MINI_ACCUMS_AT: Final = 19
ACCUMULATOR_SIZE: Final = 4
ACCUM_COUNT_MASK: Final = 0x3F  # the upper two bits of Accums are the reporting format type

# The largest UDP payload: the protocol has no length field of its own to cap.
MAX_FRAME_SIZE: Final = 65507
