"""Commands to @Track "AT+GT<CMD>=<password>,<parameters…>,<serial>$" text.

Owns the command vocabulary -> AT command table, the password (the ``devicePassword`` command
attribute, else the model's factory password guessed from the device type seen on this
connection) and the 4-hex serial counter kept in the session. Parameters left empty keep the
device's current setting. The answers (+ACK:GT<CMD>) are recognised by inspect.py.
"""

from __future__ import annotations

import re
from typing import Final

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols._commands import int_attribute
from fleetwire.protocols.base import Session

from .constants import DEFAULT_PASSWORD, MODEL_PASSWORDS
from .inspect import VERSION_KEY

_SERIAL_KEY = "gl200.command_serial"
_PASSWORD = re.compile(r"[0-9A-Za-z]{4,16}")
_TEXT = re.compile(r"[\x20-\x7e]+")
_OUT_FIELDS = 16  # GV300 AT+GTOUT parameters between the password and the serial number

# AT+GTRTO sub commands (GL300 document 3.2.11): 1 RTL position, 3 REBOOT, B INF information.
_RTO: Final[dict[str, str]] = {
    "rebootDevice": "3",
    "requestInfo": "B",
    "positionSingle": "1",
}
COMMANDS: Final = frozenset({"custom", "engineStop", "engineResume", "positionPeriodic", *_RTO})


def next_serial(session: Session) -> str:
    serial = int(session.state.get(_SERIAL_KEY, 0)) % 0xFFFF + 1
    session.state[_SERIAL_KEY] = serial
    return f"{serial:04X}"


def password(command: Command, session: Session) -> str:
    given = command.attributes.get("devicePassword")
    if given is not None:
        if not isinstance(given, str) or not _PASSWORD.fullmatch(given):
            raise EncodeError("devicePassword must be 4-16 letters or digits")
        return given
    version = session.state.get(VERSION_KEY)
    if isinstance(version, str):
        return MODEL_PASSWORDS.get(version[:2].upper(), DEFAULT_PASSWORD)
    return DEFAULT_PASSWORD


def _at(name: str, params: list[str]) -> bytes:
    return f"AT+{name}={','.join(params)}$".encode("ascii")


def _frequency(command: Command) -> int:
    return int_attribute(command, "frequency", 5, 86400)


def encode_command(command: Command, session: Session) -> bytes:
    kind = command.type
    if kind == "custom":
        data = command.attributes.get("data")
        if not isinstance(data, str) or not _TEXT.fullmatch(data):
            raise EncodeError("custom command needs printable ASCII attribute 'data'")
        return data.encode("ascii")
    if kind not in COMMANDS:
        raise UnsupportedCommand(f"gl200 has no command {kind!r}")
    pw = password(command, session)
    if kind in _RTO:
        # password, sub command, single configuration command, 4 reserved, serial
        return _at("GTRTO", [pw, _RTO[kind], "", "", "", "", "", next_serial(session)])
    if kind == "positionPeriodic":
        # password, mode 1 (fixed time), 5 fields kept, send interval, check interval, …
        every = str(_frequency(command))
        params = [pw, "1", "", "", "", "", "", every, every] + [""] * 11
        return _at("GTFRI", [*params, next_serial(session)])
    # engineStop / engineResume: output 1 (latched, wave shape 1: no duration or toggles, as in
    # the GV300 example AT+GTOUT=gv300,1,,,…) on / off; the other outputs are left as they are.
    status = "1" if kind == "engineStop" else "0"
    params = [pw, status] + [""] * (_OUT_FIELDS - 1)
    return _at("GTOUT", [*params, next_serial(session)])
