"""Commands to GPS103 text: `**,imei:<IMEI>,<code>[,<parameter>]` (no terminator).

Owns the command vocabulary -> code table. Sources: shared/protocols.md section 5 (from the
vendor "GPRS data protocol") and traccar's Gps103ProtocolEncoder/-Test, which agree on B single
position, C,<interval> periodic (interval as `30s` / `05m` / `02h`), J cut oil and power,
K resume, L arm, M disarm, 160 photo. They disagree on "stop periodic reports" (D in the digest,
A in traccar), so positionStop is left to ``custom``.
"""

from __future__ import annotations

from typing import Final

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols._commands import ascii_command, custom_text, int_attribute
from fleetwire.protocols.base import Session

_CODES: Final[dict[str, str]] = {
    "positionSingle": "B",
    "engineStop": "J",
    "engineResume": "K",
    "alarmArm": "L",
    "alarmDisarm": "M",
    "requestPhoto": "160",
}
COMMANDS: Final = frozenset({"custom", "positionPeriodic", *_CODES})
_MAX_INTERVAL = 99 * 3600  # two digits of hours


def interval(seconds: int) -> str:
    """The unit's fixed interval format: whole hours, else whole minutes, else seconds."""
    if seconds >= 3600:
        return f"{seconds // 3600:02d}h"
    if seconds >= 60:
        return f"{seconds // 60:02d}m"
    return f"{seconds:02d}s"


def _parameter(command: Command) -> str:
    if command.type == "custom":
        return custom_text(command)
    if command.type == "positionPeriodic":
        return f"C,{interval(int_attribute(command, 'frequency', 1, _MAX_INTERVAL))}"
    code = _CODES.get(command.type)
    if code is None:
        raise UnsupportedCommand(f"gps103 has no command {command.type!r}")
    return code


def encode_command(command: Command, session: Session) -> bytes:
    if not session.unique_id:
        raise EncodeError("gps103 commands carry the IMEI: the session has none yet")
    text = f"**,imei:{session.unique_id},{_parameter(command)}"
    return ascii_command(text)
