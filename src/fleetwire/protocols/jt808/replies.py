"""The platform's own messages that answer a terminal (0x8001, 0x8100) and the platform serial
number kept in the session. Shared by inspect (replies), encoding (commands) and device (the
replies a simulated terminal expects). Knows the envelope builder, not how frames are parsed.
"""

from __future__ import annotations

from typing import Final

from fleetwire.protocols._binary import xor8
from fleetwire.protocols.base import Session

from .constants import FLAG, RESULT_OK, MessageType
from .framing import build_frame, escape

SERIAL_KEY: Final = "jt808.serial"  # last platform serial used on this connection
PHONE_KEY: Final = "jt808.phone"  # raw phone field of the terminal's last frame
VERSION_KEY: Final = "jt808.version"  # its 2019 version byte, or None


def next_serial(session: Session) -> int:
    """0, 1, 2, ... per connection (the standard counts from 0), wrapping within 16 bits; one
    counter for replies and commands, as the terminal sees a single platform sequence."""
    last = session.state.get(SERIAL_KEY)
    serial = 0 if last is None else (int(last) + 1) & 0xFFFF
    session.state[SERIAL_KEY] = serial
    return serial


def auth_code(unique_id: str) -> bytes:
    """The authentication code handed out at registration: the device id itself (as Traccar
    and go-jt808 do). Deterministic, so a terminal that re-registers on another gateway gets the
    same code; JT/T 808 gives it no security role beyond that."""
    return unique_id.encode("ascii")


def general_response(
    phone: bytes,
    version: int | None,
    serial: int,
    reply_serial: int,
    reply_id: int,
    result: int = RESULT_OK,
) -> bytes:
    """0x8001: the terminal's serial and message id, then the result."""
    body = bytes(
        (reply_serial >> 8 & 0xFF, reply_serial & 0xFF, reply_id >> 8, reply_id & 0xFF, result)
    )
    return build_frame(MessageType.PLATFORM_RESPONSE, body, phone, serial, version)


def register_response(
    phone: bytes, version: int | None, serial: int, reply_serial: int, result: int, code: bytes
) -> bytes:
    """0x8100: the registration's serial, the result, and the auth code only on success."""
    body = bytes((reply_serial >> 8 & 0xFF, reply_serial & 0xFF, result))
    if result == RESULT_OK:
        body += code
    return build_frame(MessageType.REGISTER_RESPONSE, body, phone, serial, version)


def lock_response(phone: bytes, serial: int, reply_id: int, result: int = RESULT_OK) -> bytes:
    """0x4401, the Jointech lock's own general response: the lock's short header (a 1-byte
    serial), then the message id answered and the result."""
    body = bytes((reply_id >> 8, reply_id & 0xFF, result))
    head = bytes((MessageType.LOCK_RESPONSE >> 8, MessageType.LOCK_RESPONSE & 0xFF, 0, len(body)))
    data = head + phone + bytes((serial & 0xFF,)) + body
    flag = bytes((FLAG,))
    return flag + escape(data + bytes((xor8(data),))) + flag
