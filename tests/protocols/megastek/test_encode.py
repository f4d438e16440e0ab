"""Megastek commands: only ``custom`` (no public command set), sent as one CR LF line."""

from __future__ import annotations

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session
from fleetwire.protocols.megastek import PROTOCOL


def encode(kind: str, **attrs: object) -> bytes:
    return PROTOCOL.encode_command(Command(kind, attrs), Session(unique_id="860719020193193"))


def test_custom() -> None:
    assert encode("custom", data="$GPRS,123456,1;") == b"$GPRS,123456,1;\r\n"
    assert PROTOCOL.commands == {"custom"}


def test_commands_we_cannot_send() -> None:
    with pytest.raises(UnsupportedCommand):
        encode("engineStop")
    for bad in ("", "a\r\nb", "é"):
        with pytest.raises(EncodeError):
            encode("custom", data=bad)
