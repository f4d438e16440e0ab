"""KHD inspect: the unit number from the pseudo-IP, the 0x21 confirmation of every frame,
checksum refusal; detect() through the default (a whole checked frame)."""

from __future__ import annotations

import pytest

from fleetwire.errors import ChecksumError, FramingError, TruncatedFrame
from fleetwire.protocols import gt06, h02
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.khd import PROTOCOL
from fleetwire.protocols.khd.inspect import PSEUDO_IP_KEY

from . import vectors as v


def test_position_is_confirmed() -> None:
    session = Session()
    up = PROTOCOL.inspect(v.POSITION, session)
    assert (up.kind, up.unique_id, up.records) == (FrameKind.DATA, "02668373", 1)
    # 29 29 21 00 05, the frame's checksum DF and command 80, 00, XOR, 0D
    assert up.ack == bytes.fromhex("2929210005df80007b0d")
    assert session.state[PSEUDO_IP_KEY] == bytes.fromhex("02425349")


def test_login_and_high_bits() -> None:
    up = PROTOCOL.inspect(v.LOGIN, Session())
    assert (up.kind, up.unique_id) == (FrameKind.LOGIN, "05224153")
    assert up.ack[5:7] == bytes((0xB8, 0xB1))
    assert (
        PROTOCOL.inspect(v.ALARM, Session()).unique_id == "10347657"
    )  # 0A A2 CC 39: 10, 34 (+0x80), 76 (+0x80), 57


def test_refused() -> None:
    with pytest.raises(ChecksumError):
        PROTOCOL.inspect(v.POSITION[:-2] + b"\x00\x0d", Session())
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.POSITION[:-1], Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"\x24\x24\x80\x00\x02\x00\x0d", Session())


def test_detect() -> None:
    assert PROTOCOL.detect(v.POSITION) == Detection.YES
    assert PROTOCOL.detect(v.POSITION[:20]) == Detection.MORE
    for head in (gt06.Device("123456789012345").login()[0], h02.Device("4106011660").login()[0]):
        assert PROTOCOL.detect(head) == Detection.NO
