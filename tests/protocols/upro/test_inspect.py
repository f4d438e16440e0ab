"""UPRO inspect: the device id of every message, heartbeats told from data, no reply, the
device's errors; detect()."""

from __future__ import annotations

import pytest

from fleetwire.errors import FramingError
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.h02 import Device as H02Device
from fleetwire.protocols.upro import PROTOCOL

from . import vectors as v


@pytest.mark.parametrize(
    ("frame", "kind", "unique_id"),
    [
        (v.SHENZHEN, FrameKind.DATA, "999999"),
        (v.CHILE, FrameKind.DATA, "693502000034964"),
        (v.BINARY_Q, FrameKind.DATA, "693502000035573"),
        (v.HEARTBEAT, FrameKind.HEARTBEAT, "867282035754650"),
        (v.BARE, FrameKind.HEARTBEAT, "13800138000"),
    ],
)
def test_identity_kind_and_no_reply(frame: bytes, kind: FrameKind, unique_id: str) -> None:
    up = PROTOCOL.inspect(frame, Session())
    assert (up.kind, up.unique_id, up.ack) == (kind, unique_id, b"")


def test_broken_messages() -> None:
    for frame in (b"*HQ,4106011660,V1#", b"*HQ20abc,BA#", v.SHENZHEN + v.BARE):
        with pytest.raises(FramingError):
            PROTOCOL.inspect(frame, Session())


def test_detect() -> None:
    assert PROTOCOL.detect(v.SHENZHEN) == Detection.YES
    assert PROTOCOL.detect(v.SHENZHEN[:30]) == Detection.MORE
    frame, _ = H02Device(H02Device.example_id).login()
    assert PROTOCOL.detect(frame) == Detection.NO
