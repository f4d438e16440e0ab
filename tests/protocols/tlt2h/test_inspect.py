"""TLT-2H inspect: the IMEI and record count of every message, no reply, the device's errors,
detect()."""

from __future__ import annotations

import pytest

from fleetwire.errors import FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.h02 import Device as H02Device
from fleetwire.protocols.tlt2h import PROTOCOL

from . import vectors as v


@pytest.mark.parametrize(
    ("frame", "imei", "records"),
    [
        (v.V500, "357671030946351", 1),
        (v.THREE, "123456789000001", 3),
        (v.EMPTY_USER, "357671030108689", 1),
        (v.MT600_PLUS, "860425040088567", 1),
        (v.WEST, "353686009063310", 2),
        (v.MANUAL, "863835023427631", 1),
    ],
)
def test_identity_and_no_reply(frame: bytes, imei: str, records: int) -> None:
    up = PROTOCOL.inspect(frame, Session())
    assert (up.kind, up.unique_id, up.records, up.ack) == (FrameKind.DATA, imei, records, b"")


def test_broken_messages() -> None:
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(v.SPLIT_HEADER, Session())
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.V500[:-4], Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(v.V500 + v.MANUAL, Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"$GPRMC##", Session())


def test_detect() -> None:
    assert PROTOCOL.detect(v.V500) == Detection.YES
    assert PROTOCOL.detect(v.V500[:20]) == Detection.MORE
    assert PROTOCOL.detect(v.V500[:40]) == Detection.MORE  # header whole, no record yet
    assert PROTOCOL.detect(b"#abc") == Detection.NO
    frame, _ = H02Device(H02Device.example_id).login()
    assert PROTOCOL.detect(frame) == Detection.NO
