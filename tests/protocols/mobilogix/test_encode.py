"""Mobilogix commands: `[<server time>,<S message>]` with the session's clock."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session
from fleetwire.protocols.mobilogix import PROTOCOL

_US = int(datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC).timestamp() * 1_000_000)


def encode(kind: str, **attrs: object) -> bytes:
    session = Session(unique_id="201951132044", received_us=_US)
    return PROTOCOL.encode_command(Command(kind, attrs), session)


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("positionSingle", b"[2026-03-04 05:06:07,S4,1,1]"),
        ("engineStop", b"[2026-03-04 05:06:07,S6,RELAY=1]"),
        ("engineResume", b"[2026-03-04 05:06:07,S6,RELAY=0]"),
        ("rebootDevice", b"[2026-03-04 05:06:07,S7]"),
    ],
)
def test_commands(kind: str, text: bytes) -> None:
    assert encode(kind) == text


def test_custom_and_errors() -> None:
    assert encode("custom", data="S5,60") == b"[2026-03-04 05:06:07,S5,60]"
    with pytest.raises(EncodeError):
        encode("custom", data="S5]")
    with pytest.raises(UnsupportedCommand):
        encode("setTimezone")
    with pytest.raises(EncodeError):  # no frame yet: no clock
        PROTOCOL.encode_command(Command("rebootDevice"), Session(unique_id="1"))
