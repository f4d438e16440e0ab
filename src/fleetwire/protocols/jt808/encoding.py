"""Commands to JT/T 808 platform messages: 0x8300 text, 0x8105 terminal control, 0x8201
position query, 0x8103 parameter setting.

Owns the command vocabulary -> message table. The header needs the terminal's phone field and
protocol version, which inspect.py remembers in the session from the terminal's last frame
(or, before any frame, the session's unique id as a 2013 phone number). The serial is the
session's platform counter (replies.py). The device's answers (0x0001, 0x0201) are recognised by
inspect.py and decoded by decoding.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session

from .constants import (
    CONTROL_CUT_OIL,
    CONTROL_RESET,
    CONTROL_RESTORE_OIL,
    MAX_BODY,
    PARAM_REPORT_INTERVAL,
    PHONE_2013,
    TEXT_DISPLAY_TTS,
    TEXT_TYPE_NOTICE,
    TEXT_URGENT,
    MessageType,
)
from .framing import build_frame
from .replies import PHONE_KEY, VERSION_KEY, next_serial

Body = tuple[int, bytes]  # message id, body
Builder = Callable[[Command, int | None], Body]


def _text_body(text: object, flag: int, version: int | None) -> bytes:
    if not isinstance(text, str) or not text:
        raise EncodeError("text command needs a non-empty string")
    try:
        raw = text.encode("gbk")  # the standard's STRING encoding
    except UnicodeEncodeError as e:
        raise EncodeError(f"text is not GBK-encodable: {text!r}") from e
    head = bytes((flag,)) if version is None else bytes((flag, TEXT_TYPE_NOTICE))
    return head + raw


def _flag(command: Command, default: int) -> int:
    flag = command.attributes.get("flag", default)
    if not isinstance(flag, int) or isinstance(flag, bool) or not 0 <= flag <= 0xFF:
        raise EncodeError(f"text flag must be a byte, got {flag!r}")
    return flag


def _custom(command: Command, version: int | None) -> Body:
    """Free text for the terminal's own command parser (many trackers take SMS-style commands
    this way). Flag 0x01 unless the command's ``flag`` attribute says otherwise: vendors read
    the flag differently (G10LS wants 0x02), so it is the one knob exposed."""
    flag = _flag(command, TEXT_URGENT)
    return MessageType.TEXT, _text_body(command.attributes.get("data"), flag, version)


def _message(command: Command, version: int | None) -> Body:
    """Text for the driver: shown on the terminal's display and read out by TTS."""
    flag = _flag(command, TEXT_DISPLAY_TTS)
    return MessageType.TEXT, _text_body(command.attributes.get("message"), flag, version)


def _control(word: int) -> Builder:
    def build(command: Command, version: int | None) -> Body:
        return MessageType.TERMINAL_CONTROL, bytes((word,))

    return build


def _position_query(command: Command, version: int | None) -> Body:
    return MessageType.POSITION_QUERY, b""


def _position_periodic(command: Command, version: int | None) -> Body:
    """0x8103 with one parameter: 0x0029, the default time-based report interval (DWORD s)."""
    frequency = command.attributes.get("frequency")
    if not isinstance(frequency, int) or isinstance(frequency, bool):
        raise EncodeError(f"positionPeriodic needs an integer 'frequency', got {frequency!r}")
    if not 0 < frequency <= 0xFFFFFFFF:
        raise EncodeError(f"frequency {frequency} s is out of range")
    body = b"\x01" + PARAM_REPORT_INTERVAL.to_bytes(4, "big") + b"\x04"
    return MessageType.SET_PARAMETERS, body + frequency.to_bytes(4, "big")


BUILDERS: Final[dict[str, Builder]] = {
    "custom": _custom,
    "message": _message,
    "rebootDevice": _control(CONTROL_RESET),
    "engineStop": _control(CONTROL_CUT_OIL),
    "engineResume": _control(CONTROL_RESTORE_OIL),
    "requestPosition": _position_query,
    "positionPeriodic": _position_periodic,
}
COMMANDS: Final = frozenset(BUILDERS)


def _address(session: Session) -> tuple[bytes, int | None]:
    phone = session.state.get(PHONE_KEY)
    if isinstance(phone, bytes):
        version = session.state.get(VERSION_KEY)
        return phone, version if isinstance(version, int) else None
    uid = session.unique_id
    if uid and uid.isdigit() and len(uid) <= PHONE_2013 * 2:
        return bytes.fromhex(uid.rjust(PHONE_2013 * 2, "0")), None
    raise EncodeError("no terminal phone number known for this session yet")


def encode_command(command: Command, session: Session) -> bytes:
    builder = BUILDERS.get(command.type)
    if builder is None:
        raise UnsupportedCommand(f"jt808 has no command {command.type!r}")
    phone, version = _address(session)
    msg_id, body = builder(command, version)
    if len(body) > MAX_BODY:
        raise EncodeError(f"command body of {len(body)} bytes exceeds {MAX_BODY}")
    return build_frame(msg_id, body, phone, next_serial(session), version)
