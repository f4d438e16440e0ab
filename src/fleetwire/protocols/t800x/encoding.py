"""Commands to T880x bytes: the 0x81 setting message carrying an SMS-style text command.

Layout (vendor codec "getConfigSettingMsg"): the family header the device uses, 0x81, the
total length, serial 0x0001, the BCD IMEI, kind 0x01 (configuration), then the ASCII text. The
device answers with a 0x81 message of its own (decoding.py). Only ``custom`` is offered: the
typed commands' texts (relay, interval ...) take the device PIN and vary by model. The family
header comes from the session (inspect.py keeps the one of the device's last frame).
"""

from __future__ import annotations

from typing import Final

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session

from .constants import HEADERS, MessageType
from .framing import build_frame
from .inspect import SESSION_HEADER

COMMANDS: Final = frozenset({"custom"})
_CONFIG_KIND: Final = b"\x01"
_SERIAL: Final = 1  # the vendor's encoder always sends serial 1 for settings
_MAX_TEXT: Final = 512


def encode_command(command: Command, session: Session) -> bytes:
    if command.type not in COMMANDS:
        raise UnsupportedCommand(f"t800x has no command {command.type!r}")
    data = command.attributes.get("data")
    if not isinstance(data, str) or not data.strip():
        raise EncodeError("custom command needs a non-empty text attribute 'data'")
    text = data.strip()
    if not text.isascii() or not text.isprintable() or len(text) > _MAX_TEXT:
        raise EncodeError(f"command text {text[:40]!r} is not short printable ASCII")
    header = session.state.get(SESSION_HEADER)
    imei = session.unique_id
    if header not in HEADERS or not imei or not imei.isdigit() or len(imei) > 16:
        raise EncodeError("no frame from this device yet: its family header and IMEI are unknown")
    content = _CONFIG_KIND + text.encode("ascii")
    return build_frame(int(header), MessageType.COMMAND, _SERIAL, imei, content)
