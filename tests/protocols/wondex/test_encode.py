"""WondeX commands: `$WP+<COMMAND>=<password>` CR LF as the VT10/VT300 documents give them."""

from __future__ import annotations

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session
from fleetwire.protocols.wondex import PROTOCOL


def encode(kind: str, **attrs: object) -> bytes:
    return PROTOCOL.encode_command(Command(kind, attrs), Session(unique_id="2000000108"))


def test_commands() -> None:
    assert encode("positionSingle") == b"$WP+GETLOCATION=0000\r\n"
    assert encode("rebootDevice", password="1234") == b"$WP+REBOOT=1234\r\n"
    assert encode("getVersion") == b"$WP+VER=0000\r\n"
    assert encode("custom", data="$WP+TRACK=0000,1,10") == b"$WP+TRACK=0000,1,10\r\n"


def test_commands_we_cannot_send() -> None:
    with pytest.raises(UnsupportedCommand):
        encode("engineStop")
    with pytest.raises(EncodeError):
        encode("positionSingle", password="12")
    for bad in ("", "a\r\nb", "é"):
        with pytest.raises(EncodeError):
            encode("custom", data=bad)
