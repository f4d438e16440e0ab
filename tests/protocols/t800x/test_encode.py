"""T880x commands: the 0x81 setting message in the device's own family header, exact bytes."""

from __future__ import annotations

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session
from fleetwire.protocols.t800x import PROTOCOL

from . import vectors as v


def session_after(frame: bytes) -> Session:
    s = Session()
    up = PROTOCOL.inspect(frame, s)
    s.unique_id = up.unique_id  # the gateway keeps the identity
    return s


def test_custom_command_exact_bytes() -> None:
    cmd = Command("custom", {"data": "RELAY,1#"})
    got = PROTOCOL.encode_command(cmd, session_after(v.VEHICLE_LOCATION))
    # %% 81, length 16 + 8, serial 0001, IMEI 0862522030401350, kind 01, "RELAY,1#"
    assert got == bytes.fromhex("2525810018000108625220304013500152454c41592c3123")
    got = PROTOCOL.encode_command(cmd, session_after(v.OLD_LOGIN))
    assert got[:3] == b"##\x81" and got[7:15] == v.OLD_LOGIN[7:15]


def test_commands_we_cannot_send() -> None:
    assert PROTOCOL.commands == frozenset({"custom"})
    s = session_after(v.OLD_LOGIN)
    with pytest.raises(UnsupportedCommand):
        PROTOCOL.encode_command(Command("engineStop"), s)
    for data in (None, " ", "RELAY,1#é", "A" * 513):
        with pytest.raises(EncodeError):
            PROTOCOL.encode_command(Command("custom", {"data": data}), s)
    with pytest.raises(EncodeError):  # no frame seen: family header unknown
        PROTOCOL.encode_command(Command("custom", {"data": "STATUS#"}), Session())
