"""Commands to KHD units: `29 29 <command> 00 06 <pseudo-IP> <xor> 0D` (traccar
KhdProtocolEncoderTest: engine stop 0x39, single position 0x30; engine resume 0x38 beside
them); ``custom`` wraps a command number and parameters given as hex. The pseudo-IP is the
one the unit sent (session), else made from its 8-digit number.
"""

from __future__ import annotations

from typing import Final

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command as FleetCommand
from fleetwire.protocols._commands import custom_text
from fleetwire.protocols.base import Session

from .constants import MAX_FRAME_SIZE, Command
from .framing import build, pseudo_ip
from .inspect import PSEUDO_IP_KEY

_TABLE: Final[dict[str, int]] = {
    "engineStop": Command.ENGINE_STOP,
    "engineResume": Command.ENGINE_RESUME,
    "positionSingle": Command.LOCATE,
}
COMMANDS: Final = frozenset({"custom", *_TABLE})


def _custom(command: FleetCommand) -> tuple[int, bytes]:
    """``data``: the command number and its parameters as hex digits, e.g. "3a0001"; the
    envelope, pseudo-IP and checksum are added here."""
    text = custom_text(command)
    try:
        raw = bytes.fromhex(text)
    except ValueError as e:
        raise EncodeError(f"custom data must be hex digits, got {text!r}") from e
    if not raw or len(raw) > MAX_FRAME_SIZE - 11:
        raise EncodeError("custom data must hold a command number and at most 500 bytes")
    return raw[0], raw[1:]


def encode_command(command: FleetCommand, session: Session) -> bytes:
    if command.type == "custom":
        code, params = _custom(command)
    elif command.type in _TABLE:
        code, params = _TABLE[command.type], b""
    else:
        raise UnsupportedCommand(f"khd has no command {command.type!r}")
    ip = session.state.get(PSEUDO_IP_KEY)
    if not isinstance(ip, bytes):
        uid = session.unique_id
        if not uid or not uid.isdigit():
            raise EncodeError("khd commands carry the unit's pseudo-IP: no unit number yet")
        ip = pseudo_ip(uid)
    return build(code, ip + params)
