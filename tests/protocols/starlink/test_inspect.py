"""StarLink inspect: the unit id of every report, the checksum (the sum of the bytes between
`$` and `*`), no reply; detect()."""

from __future__ import annotations

import pytest

from fleetwire.errors import ChecksumError, InvalidField, TruncatedFrame
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.h02 import Device as H02Device
from fleetwire.protocols.starlink import PROTOCOL
from fleetwire.protocols.starlink.framing import checksum

from . import vectors as v


def test_checksum_is_the_byte_sum_the_captures_carry() -> None:
    body = v.POSITION[1 : v.POSITION.index(b"*")]
    assert checksum(body) == sum(body) % 256 == 0x6D


@pytest.mark.parametrize(
    ("frame", "unit"),
    [(v.POSITION, "031B2B"), (v.NO_FIX, "068328"), (v.SENSORS, "351580050356894")],
)
def test_identity_and_no_reply(frame: bytes, unit: str) -> None:
    up = PROTOCOL.inspect(frame, Session())
    assert (up.kind, up.unique_id, up.ack, up.records) == (FrameKind.DATA, unit, b"", 1)


def test_broken_reports() -> None:
    with pytest.raises(ChecksumError):
        PROTOCOL.inspect(v.POSITION[:-2] + b"6E", Session())
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.POSITION[:-1], Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b"$SLU*" + f"{checksum(b'SLU'):02X}".encode(), Session())


def test_detect() -> None:
    assert PROTOCOL.detect(v.POSITION) == Detection.YES
    assert PROTOCOL.detect(v.POSITION[:20]) == Detection.MORE
    assert PROTOCOL.detect(v.POSITION[:-2] + b"00") == Detection.NO
    frame, _ = H02Device(H02Device.example_id).login()
    assert PROTOCOL.detect(frame) == Detection.NO
