"""Commands to Galileosky bytes: the command packet (vendor "Structure of packet with command").

`01`, length, tag 03 IMEI, tag 04 device id, tag E0 command number (chosen by the server, echoed
in the reply), tag E1 text length + ASCII text, CRC. The device checks the IMEI or the device id,
so the packet needs the session's IMEI; the device id is the one inspect saw (0 before that).
"""

from __future__ import annotations

import struct
from typing import Final

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols._commands import ascii_command, custom_text
from fleetwire.protocols.base import Session

from .constants import IMEI_SIZE, MAX_TEXT, Header, Tag
from .framing import build
from .inspect import DEVICE_ID_KEY

# GalileoSky user manual, "Transistor outputs setting": Out v,s (v: output from 0, s: state);
# "Information commands": Status.
TEXTS: Final[dict[str, str]] = {
    "engineStop": "Out 0,1",
    "engineResume": "Out 0,0",
    "requestInfo": "Status",
}
COMMANDS: Final = frozenset({"custom", *TEXTS})
_NUMBER_KEY: Final = "galileo.command_number"
_HEAD: Final = struct.Struct("<B15sBHBIBB")  # 03 IMEI 04 id E0 number E1 length


def _text(command: Command) -> bytes:
    if command.type == "custom":
        text = custom_text(command)
    else:
        fixed = TEXTS.get(command.type)
        if fixed is None:
            raise UnsupportedCommand(f"galileo has no command {command.type!r}")
        text = fixed
    return ascii_command(text, MAX_TEXT)


def command_packet(imei: str, device_id: int, number: int, text: bytes) -> bytes:
    head = _HEAD.pack(
        Tag.IMEI, imei.encode("ascii"), Tag.DEVICE_ID, device_id,
        Tag.COMMAND_NUMBER, number, Tag.COMMAND_TEXT, len(text),
    )  # fmt: skip
    return build(Header.MAIN, head + text)


def encode_command(command: Command, session: Session) -> bytes:
    text = _text(command)
    imei = session.unique_id
    if imei is None or len(imei) != IMEI_SIZE or not imei.isdigit():
        raise EncodeError(f"a Galileosky command needs the device's 15-digit IMEI, got {imei!r}")
    number = (int(session.state.get(_NUMBER_KEY, 0)) + 1) & 0xFFFFFFFF
    session.state[_NUMBER_KEY] = number
    device_id = int(session.state.get(DEVICE_ID_KEY, 0))
    return command_packet(imei, device_id, number, text)
