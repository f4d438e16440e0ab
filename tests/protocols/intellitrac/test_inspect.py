"""IntelliTrac inspect: the unit id of each report (with or without a sequence or the poll
prefix), no answers; strict detect()."""

from __future__ import annotations

import pytest

from fleetwire.errors import FramingError, TruncatedFrame
from fleetwire.protocols import gps103, jt600, tk103, xexun
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.intellitrac import PROTOCOL

from . import vectors as v


def test_unit_ids() -> None:
    for frame, uid in ((v.REPORT, "1010000002"), (v.SEQUENCED, "1010000002"),
                       (v.POLL, "1010000002"), (v.IMEI_ID, "359316075744331")):  # fmt: skip
        up = PROTOCOL.inspect(frame, Session())
        assert (up.kind, up.unique_id, up.ack) == (FrameKind.DATA, uid, b"")
    assert PROTOCOL.inspect(v.OK, Session()).kind == FrameKind.REPLY


def test_refused() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.REPORT[:-2], Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"#abc\r\n", Session())


def test_detect() -> None:
    assert PROTOCOL.detect(v.REPORT) == Detection.YES
    assert PROTOCOL.detect(v.REPORT[:30]) == Detection.MORE
    assert PROTOCOL.detect(v.OK) == Detection.NO
    for head in (
        jt600.Device("3120820029").report([])[0],
        tk103.Device(tk103.Device.example_id).login()[0],
        gps103.Device(gps103.Device.example_id).login()[0] or b"imei:1,",
        b"12,34\r\n",
    ):
        assert PROTOCOL.detect(head) == Detection.NO, head
    # Xexun's full layout also starts with digits and commas: its third field tells them apart
    assert xexun.PROTOCOL.detect(v.REPORT) == Detection.NO
    assert xexun.PROTOCOL.detect(v.REPORT[:12]) == Detection.MORE
