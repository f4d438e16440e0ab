"""Aplicom inspect: the identity in every packet (IMEI form and 3-byte unit id), no reply
(the data protocols are one-way), the device's error for what is no packet; detect()."""

from __future__ import annotations

import pytest

from fleetwire.errors import FramingError, TruncatedFrame
from fleetwire.protocols.aplicom import PROTOCOL
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.h02 import Device as H02Device

from . import vectors as v


@pytest.mark.parametrize(
    ("frame", "unique_id"),
    [
        (v.D_V1_NO_SELECTOR, "2741892"),  # 3-byte unit id 29D684
        (v.D_FULL, "355632002225796"),
        (v.D_FINLAND, "359227050776794"),
        (v.D_BERLIN, "358741050989414"),
        (v.E_TACHO, "357300070019065"),
        (v.H_HISTOGRAM, "353234020020549"),
    ],
)
def test_identity_and_no_reply(frame: bytes, unique_id: str) -> None:
    up = PROTOCOL.inspect(frame, Session())
    assert up.kind == FrameKind.DATA
    assert up.unique_id == unique_id
    assert up.ack == b"" and up.records == 1


def test_one_read_of_three_packets_counts_three() -> None:
    assert PROTOCOL.inspect(v.D_THREE, Session()).records == 3


def test_broken_packets_are_the_devices_fault() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.D_CUT, Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"CIF\x01", Session())
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.D_FINLAND + b"D\xc2", Session())


def test_detect() -> None:
    assert PROTOCOL.detect(v.D_FINLAND) == Detection.YES
    assert PROTOCOL.detect(v.D_FINLAND[:12]) == Detection.MORE
    assert PROTOCOL.detect(b"D") == Detection.MORE
    # older forms are framed and decoded, but too loose to claim a shared port with
    assert PROTOCOL.detect(v.D_V1_NO_SELECTOR) == Detection.NO
    assert PROTOCOL.detect(v.E_TACHO) == Detection.NO
    frame, _ = H02Device(H02Device.example_id).login()
    assert PROTOCOL.detect(frame) == Detection.NO
