"""Startek inspect: the IMEI of every frame, kinds, no reply ever, and the device's error for
every broken envelope."""

from __future__ import annotations

import pytest

from fleetwire.errors import ChecksumError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols.base import FrameKind, Session
from fleetwire.protocols.startek import PROTOCOL
from fleetwire.protocols.startek.framing import build

from . import vectors as v


def test_positions_carry_the_imei_and_get_no_reply() -> None:
    up = PROTOCOL.inspect(v.PLAIN, Session())
    assert (up.kind, up.unique_id, up.ack, up.records) == (
        FrameKind.DATA,
        "860262050009146",
        b"",
        1,
    )
    for frame in v.VALID[1:]:
        assert PROTOCOL.inspect(frame, Session()).kind == FrameKind.DATA


def test_command_answer_is_a_reply() -> None:
    up = PROTOCOL.inspect(v.COMMAND_ANSWER, Session())
    assert (up.kind, up.unique_id, up.ack) == (FrameKind.REPLY, "860262050015424", b"")


def test_flipped_checksum_is_a_checksum_error() -> None:
    for frame in v.VALID:
        bad = bytearray(frame)
        bad[-3] = ord("0") if bad[-3] != ord("0") else ord("1")
        with pytest.raises(ChecksumError):
            PROTOCOL.inspect(bytes(bad), Session())


def test_broken_envelopes() -> None:
    with pytest.raises(FramingError):
        PROTOCOL.inspect(v.BAD_LENGTH, Session())  # declared 147, has more
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"$$:24,123456789012345,900,1,19F\r\n", Session())  # a server frame
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.PLAIN[:-1], Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(v.PLAIN[:-2] + b"\n\r", Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(v.PLAIN[:-4] + b"XY\r\n", Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(build(b"&&", "A", "12345678901234X", "000"), Session())
