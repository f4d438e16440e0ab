"""Telic inspect: the device id of every message kind, no reply, the device's errors, detect()."""

from __future__ import annotations

import pytest

from fleetwire.errors import DeviceError, FramingError, TruncatedFrame
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.h02 import Device as H02Device
from fleetwire.protocols.telic import PROTOCOL

from . import vectors as v


@pytest.mark.parametrize(
    ("frame", "kind", "unique_id"),
    [
        (v.HELLO, FrameKind.LOGIN, "203393"),
        (v.HELLO_LETTERS, FrameKind.LOGIN, "296218"),
        (v.PREFIXED_REPORT, FrameKind.DATA, "203393"),
        (v.MIAMI, FrameKind.DATA, "354679092286965"),
        (v.AUSTRIA, FrameKind.DATA, "436729"),
        (v.PREFIXED_ANSWER, FrameKind.REPLY, "296218"),
        (v.TTUV, FrameKind.REPLY, "022592"),
    ],
)
def test_identity_kind_and_no_reply(frame: bytes, kind: FrameKind, unique_id: str) -> None:
    up = PROTOCOL.inspect(frame, Session())
    assert (up.kind, up.unique_id, up.ack) == (kind, unique_id, b"")


def test_broken_messages() -> None:
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"xyz\x00", Session())
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(b"\x05\x00\x00\x00abc\x00", Session())
    with pytest.raises(DeviceError):
        PROTOCOL.inspect(b"0026\x00", Session())  # no id
    with pytest.raises(DeviceError):
        PROTOCOL.inspect(b"\x03\x00\x00\x00002\x00", Session())  # prefix 3, text of 3: no id


def test_detect() -> None:
    assert PROTOCOL.detect(v.HELLO) == Detection.YES
    assert PROTOCOL.detect(v.PREFIXED_REPORT) == Detection.YES
    assert PROTOCOL.detect(v.MIAMI) == Detection.YES
    assert PROTOCOL.detect(v.HELLO[:10]) == Detection.MORE
    assert PROTOCOL.detect(b"1234\x00") == Detection.NO
    frame, _ = H02Device(H02Device.example_id).login()
    assert PROTOCOL.detect(frame) == Detection.NO
