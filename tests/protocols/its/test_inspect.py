"""AIS-140 inspect: every packet names its IMEI and kind, nothing is answered; detect() claims
AIS-140 logins, tracking and emergency packets only."""

from __future__ import annotations

import pytest

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.its import PROTOCOL

from . import vectors as v


@pytest.mark.parametrize(
    ("frame", "kind", "records"),
    [
        (v.LOGIN, FrameKind.LOGIN, 0),
        (v.TRACKING, FrameKind.DATA, 1),
        (v.EMERGENCY, FrameKind.DATA, 1),
        (
            b"$,02,XYZ123,0.0.1,861359034137271,100,30,00.0,00005,00600,1000,01,00.1,00.0,*",
            FrameKind.HEARTBEAT,
            0,
        ),
    ],
)
def test_kind_identity_and_no_reply(frame: bytes, kind: FrameKind, records: int) -> None:
    up = PROTOCOL.inspect(frame, Session())
    assert (up.kind, up.records, up.ack) == (kind, records, b"")
    assert up.unique_id is not None and up.unique_id.encode() in frame


def test_a_packet_without_imei_is_kept_without_identity() -> None:
    up = PROTOCOL.inspect(b"$NRM,ROADRPA,1.9AIS,NR,01,L,*", Session())
    assert (up.kind, up.unique_id) == (FrameKind.OTHER, None)


@pytest.mark.parametrize("frame", [b"NRM,1,2,3*", b"$NRM*", b"", b"$,*"])
def test_not_a_packet_is_refused(frame: bytes) -> None:
    with pytest.raises(DeviceError):
        PROTOCOL.inspect(frame, Session())


def test_detect() -> None:
    assert PROTOCOL.detect(v.LOGIN) == Detection.YES
    assert PROTOCOL.detect(v.TRACKING) == Detection.YES
    assert PROTOCOL.detect(v.EMERGENCY) == Detection.YES
    assert PROTOCOL.detect(v.LOGIN[:20]) == Detection.MORE
    assert PROTOCOL.detect(b"$POS,123456789012345,080203.000,A,2238.0000,N*") == Detection.NO
    assert PROTOCOL.detect(b"*HQ,4106011660,V1#") == Detection.NO
