"""TAIP commands: exact sentences with the unit's ID and Trimble's checksum (the appendix's
`>SRM;ID_FLAG=T;*6F<` checks the sum), and the errors for what cannot be sent."""

from __future__ import annotations

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session
from fleetwire.protocols.taip import PROTOCOL

from . import vectors as v


def encode(kind: str, unit: str | None = "0017", **attrs: object) -> bytes:
    return PROTOCOL.encode_command(Command(kind, attrs), Session(unique_id=unit))


def test_checksum_matches_the_appendix_example() -> None:
    assert encode("custom", unit=None, data="SRM;ID_FLAG=T") == v.SRM_DOC


def test_commands() -> None:
    assert encode("positionSingle") == b">QPV;ID=0017;*75<"
    assert encode("outputControl", index=2, data=1) == b">SSSXP21;ID=0017;*7A<"
    assert encode("custom", data="QVR") == b">QVR;ID=0017;*77<"
    assert PROTOCOL.commands == {"custom", "outputControl", "positionSingle"}


def test_commands_we_cannot_send() -> None:
    with pytest.raises(UnsupportedCommand):
        encode("engineStop")  # which output cuts the engine is the installer's choice
    for bad in ("A<B", "A>B", "A\r\n", "", "é"):
        with pytest.raises(EncodeError):
            encode("custom", data=bad)
    with pytest.raises(EncodeError):
        encode("outputControl", index=0, data=1)
    with pytest.raises(EncodeError):
        encode("outputControl", index=1, data=2)
