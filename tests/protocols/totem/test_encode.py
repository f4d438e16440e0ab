"""Totem commands: only `custom` (the documents define SMS instructions, no GPRS downlink),
sent as typed; everything else is refused."""

from __future__ import annotations

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session
from fleetwire.protocols.totem import PROTOCOL


def encode(kind: str, **attrs: object) -> bytes:
    return PROTOCOL.encode_command(Command(kind, attrs), Session(unique_id="353358019474100"))


def test_custom_is_sent_as_typed() -> None:
    # AVL02 User Guide V1.5 section 4, instruction 1 "Request one position": *$$$$$$,000#
    # with the initial password 000000
    assert encode("custom", data="*000000,000#") == b"*000000,000#"
    assert PROTOCOL.commands == frozenset({"custom"})


def test_refusals() -> None:
    with pytest.raises(UnsupportedCommand):
        encode("engineStop")
    with pytest.raises(EncodeError):
        encode("custom")
    with pytest.raises(EncodeError):
        encode("custom", data="*000000,000,é#")
