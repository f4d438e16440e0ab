"""VT200 inspect: the unit id of every frame, no answers, refusals; the default detect()."""

from __future__ import annotations

import pytest

from fleetwire.errors import ChecksumError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols import jt600, tk103
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.vt200 import PROTOCOL

from . import vectors as v


def test_frames_name_the_unit_unanswered() -> None:
    up = PROTOCOL.inspect(v.POSITION, Session())
    assert (up.kind, up.unique_id, up.ack, up.records) == (FrameKind.DATA, "192030961807", b"", 1)
    up = PROTOCOL.inspect(v.OTHER, Session())
    assert (up.kind, up.unique_id, up.ack) == (FrameKind.OTHER, "631037309456", b"")


def test_refused() -> None:
    with pytest.raises(ChecksumError):
        PROTOCOL.inspect(v.PLACEHOLDER, Session())
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.POSITION[:30] + b"\x29", Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"\x24" + v.POSITION[1:], Session())
    bad_id = bytearray(v.OTHER)
    bad_id[1] = 0xA3
    bad_id[-2] ^= 0xA3 ^ 0x63  # keep the XOR right
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(bytes(bad_id), Session())


def test_detect() -> None:
    assert PROTOCOL.detect(v.POSITION) == Detection.YES
    assert PROTOCOL.detect(v.POSITION[:12]) == Detection.MORE
    for head in (
        jt600.Device("3120820029").report([])[0],
        tk103.Device(tk103.Device.example_id).login()[0],
    ):
        assert PROTOCOL.detect(head) == Detection.NO, head
