"""The LM Direct envelope: the Options Header, the Message Header and the length of each body.

Owns where a message ends (one UDP datagram is one message; for a byte stream the length comes
from the Options Header's length bytes and the body layout of the message type), the checks of
a whole message, the Mobile ID's text form, and building an Options Header. Knows nothing about
what the body's fields mean.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final, NamedTuple

from fleetwire.errors import EncodeError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import Buffer
from fleetwire.protocols.base import NEED_MORE

from .constants import (
    ACCUM_COUNT_MASK,
    ACCUMULATOR_SIZE,
    ACK_BODY_SIZE,
    EVENT_ACCUMS_AT,
    EVENT_APPEND_AT,
    EVENT_FIXED_SIZE,
    MAX_MOBILE_ID,
    MAX_OPTION_FIELD,
    MESSAGE_HEADER_SIZE,
    MINI_ACCUMS_AT,
    MINI_FIXED_SIZE,
    MOBILE_ID_TYPE_SIZE,
    OPTION_BITS,
    OPTIONS_PRESENT,
    USER_DATA_FIXED_SIZE,
    USER_DATA_LENGTH_AT,
    MessageType,
    Option,
    ServiceType,
)

_SKIP: Final = -1  # no start marker: resync one byte at a time
_BCD_PAD: Final = "f"

# A body length from the bytes at ``start``: None while the bytes that decide it are missing.
BodyLength = Callable[[Buffer, int], int | None]


def _fixed(size: int) -> BodyLength:
    def length(buf: Buffer, start: int) -> int | None:
        return size

    return length


def _event_length(buf: Buffer, start: int) -> int | None:
    end = start + EVENT_FIXED_SIZE
    if len(buf) < end:
        return None
    end += (buf[start + EVENT_ACCUMS_AT] & ACCUM_COUNT_MASK) * ACCUMULATOR_SIZE
    # Later guide revisions turn the Spare byte into "Append": each bit set adds one block,
    # a length byte and data, after the accumulators, in bit order. A zero byte adds nothing.
    append = buf[start + EVENT_APPEND_AT]
    for bit in range(8):
        if append >> bit & 1:
            if len(buf) <= end:
                return None
            end += 1 + buf[end]
    return end - start


def _mini_length(buf: Buffer, start: int) -> int | None:
    if len(buf) < start + MINI_FIXED_SIZE:
        return None
    count = buf[start + MINI_ACCUMS_AT] & ACCUM_COUNT_MASK
    return MINI_FIXED_SIZE + count * ACCUMULATOR_SIZE


def _user_data_length(buf: Buffer, start: int) -> int | None:
    if len(buf) < start + USER_DATA_FIXED_SIZE:
        return None
    at = start + USER_DATA_LENGTH_AT
    return USER_DATA_FIXED_SIZE + (buf[at] << 8 | buf[at + 1])


# Message types whose length the message itself tells. The others (ID Report with its
# null-terminated extension strings, configuration and application messages) end where the
# datagram ends, so a byte stream cannot carry them.
BODY_LENGTHS: Final[dict[int, BodyLength]] = {
    MessageType.NULL: _fixed(0),
    MessageType.ACK: _fixed(ACK_BODY_SIZE),
    MessageType.EVENT_REPORT: _event_length,
    MessageType.USER_DATA: _user_data_length,
    MessageType.MINI_EVENT_REPORT: _mini_length,
}


def _option_fits(bit: int, size: int) -> bool:
    if bit == Option.MOBILE_ID_TYPE:
        return size == MOBILE_ID_TYPE_SIZE
    if bit == Option.MOBILE_ID:
        return 0 < size <= MAX_MOBILE_ID
    return size <= MAX_OPTION_FIELD


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next message in a byte stream (see base.NEED_MORE).

    UDP needs none of this (a datagram is a message); the stream form serves the shared framer
    in tests and tools. Without a start marker, the Options byte, the option lengths, the
    service type and the message type stand in for one.
    """
    n = len(buf)
    if n == 0:
        return NEED_MORE
    first = buf[0]
    pos = 0
    if first & OPTIONS_PRESENT:
        pos = 1
        for bit in OPTION_BITS:
            if first & bit:
                if pos >= n:
                    return NEED_MORE
                if not _option_fits(bit, buf[pos]):
                    return _SKIP
                pos += 1 + buf[pos]
    if pos >= n:
        return NEED_MORE
    if buf[pos] > ServiceType.RESPONSE:
        return _SKIP
    if pos + 1 >= n:
        return NEED_MORE
    body_length = BODY_LENGTHS.get(buf[pos + 1])
    if body_length is None:
        return _SKIP
    start = pos + MESSAGE_HEADER_SIZE
    if start > n:
        return NEED_MORE
    size = body_length(buf, start)
    return NEED_MORE if size is None else start + size


class Message(NamedTuple):
    """A checked message: the Options Header fields it carries and where its body lies."""

    mobile_id: bytes | None  # raw Mobile ID field
    mobile_id_type: int | None
    service: int
    type: int
    sequence: int
    start: int  # first body byte
    end: int  # one past the last body byte (the end of the datagram)


def read_message(frame: Buffer) -> Message:
    """Check a whole message's headers and, where its type tells one, its body length."""
    n = len(frame)
    if n == 0:
        raise TruncatedFrame("empty datagram")
    first = frame[0]
    fields: dict[int, bytes] = {}
    pos = 0
    if first & OPTIONS_PRESENT:
        pos = 1
        for bit in OPTION_BITS:
            if first & bit:
                if pos >= n:
                    raise TruncatedFrame(f"options field {bit:#04x} missing")
                size = frame[pos]
                if pos + 1 + size > n:
                    raise TruncatedFrame(f"options field {bit:#04x} of {size} bytes cut short")
                fields[bit] = bytes(frame[pos + 1 : pos + 1 + size])
                pos += 1 + size
    if pos + MESSAGE_HEADER_SIZE > n:
        raise TruncatedFrame(f"message header cut short at {n} bytes")
    service, mtype = frame[pos], frame[pos + 1]
    if service > ServiceType.RESPONSE:
        raise InvalidField(f"service type {service}")
    sequence = frame[pos + 2] << 8 | frame[pos + 3]
    id_type = fields.get(Option.MOBILE_ID_TYPE)
    if id_type is not None and len(id_type) != MOBILE_ID_TYPE_SIZE:
        raise InvalidField(f"Mobile ID Type of {len(id_type)} bytes")
    mobile_id = fields.get(Option.MOBILE_ID)
    if mobile_id is not None and not mobile_id:
        raise InvalidField("empty Mobile ID")
    start = pos + MESSAGE_HEADER_SIZE
    body_length = BODY_LENGTHS.get(mtype)
    if body_length is not None:
        body = body_length(frame, start)
        if body is None or start + body > n:
            raise TruncatedFrame(f"message type {mtype} cut short at {n} bytes")
        if start + body < n:
            raise InvalidField(f"{n - start - body} bytes after message type {mtype}")
    return Message(
        mobile_id=mobile_id,
        mobile_id_type=None if id_type is None else id_type[0],
        service=service,
        type=mtype,
        sequence=sequence,
        start=start,
        end=n,
    )


def mobile_id_text(raw: bytes) -> str:
    """The Mobile ID as the guide writes it: packed BCD, most significant digit first, unused
    nibbles F (an odd digit count pads the last low nibble). Anything else (an IP address, a
    user-defined id) keeps its hex form so that it stays one stable identity."""
    digits = raw.hex().rstrip(_BCD_PAD)
    if not digits:
        raise InvalidField(f"Mobile ID {raw.hex()} has no digits")
    return digits


def mobile_id_field(unique_id: str) -> bytes:
    """The Mobile ID bytes for a digit string (the simulator's side of mobile_id_text)."""
    if not unique_id.isdigit() or len(unique_id) > 2 * MAX_MOBILE_ID:
        raise EncodeError(f"Mobile ID {unique_id!r} is not a digit string")
    padded = unique_id + _BCD_PAD * (len(unique_id) % 2)
    return bytes.fromhex(padded)


def options_header(mobile_id: bytes | None, mobile_id_type: int | None) -> bytes:
    """An Options Header carrying only the Mobile ID and its type (either may be absent);
    empty when both are."""
    if mobile_id is None and mobile_id_type is None:
        return b""
    flags = OPTIONS_PRESENT
    parts = [b""]
    if mobile_id is not None:
        flags |= Option.MOBILE_ID
        parts.append(bytes((len(mobile_id),)) + mobile_id)
    if mobile_id_type is not None:
        flags |= Option.MOBILE_ID_TYPE
        parts.append(bytes((MOBILE_ID_TYPE_SIZE, mobile_id_type)))
    parts[0] = bytes((flags,))
    return b"".join(parts)


def message_header(service: int, mtype: int, sequence: int) -> bytes:
    return bytes((service, mtype, sequence >> 8 & 0xFF, sequence & 0xFF))
