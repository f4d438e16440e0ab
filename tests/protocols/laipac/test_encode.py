"""Laipac commands: `$AVREQ,<password>,1` with its checksum, ``custom`` sentences, errors."""

from __future__ import annotations

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session
from fleetwire.protocols.laipac import PROTOCOL


def encode(kind: str, **attrs: object) -> bytes:
    return PROTOCOL.encode_command(Command(kind, attrs), Session(unique_id="80006405"))


def test_location_request() -> None:
    assert encode("positionSingle") == b"$AVREQ,00000000,1*60\r\n"
    assert encode("positionSingle", password="12345678") == b"$AVREQ,12345678,1*68\r\n"


def test_custom_sentence_is_checksummed() -> None:
    assert encode("custom", data="$AVCFG,00000000,d") == b"$AVCFG,00000000,d*31\r\n"


def test_commands_we_cannot_send() -> None:
    with pytest.raises(UnsupportedCommand):
        encode("engineStop")
    for bad in ("AVREQ", "$AV*REQ", "$A$B", "$A\r\n", ""):
        with pytest.raises(EncodeError):
            encode("custom", data=bad)
    with pytest.raises(EncodeError):
        encode("positionSingle", password="12 34")
