"""Mictrack inspect: reports carry the IMEI, results may; nothing is answered; detect() claims
standard reports."""

from __future__ import annotations

import pytest

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.mictrack import PROTOCOL

from . import vectors as v


@pytest.mark.parametrize(
    ("frame", "kind", "uid", "records"),
    [
        (v.GPS, FrameKind.DATA, "866425031361423", 1),
        (v.CELL, FrameKind.DATA, "866425031379169", 1),
        (v.LOW_ALTITUDE, FrameKind.DATA, "861108032038761", 2),
        (v.RESULT, FrameKind.REPLY, "867035041390699", 0),
        (b"mode=Success!\r\n", FrameKind.REPLY, None, 0),
    ],
)
def test_kind_identity_no_reply(
    frame: bytes, kind: FrameKind, uid: str | None, records: int
) -> None:
    up = PROTOCOL.inspect(frame, Session())
    assert (up.kind, up.unique_id, up.records, up.ack) == (kind, uid, records, b"")


@pytest.mark.parametrize(
    "frame", [b"MT;6;123;R0;1\r\n", b"hello\r\n", b"MT;6\r\n", "é\r\n".encode()]
)
def test_bad_lines_are_refused(frame: bytes) -> None:
    with pytest.raises(DeviceError):
        PROTOCOL.inspect(frame, Session())


def test_detect() -> None:
    assert PROTOCOL.detect(v.GPS) == Detection.YES
    assert PROTOCOL.detect(v.GPS[:12]) == Detection.MORE
    assert PROTOCOL.detect(v.LOW_ALTITUDE) == Detection.NO
