"""V680 inspect: the IMEI of every report, data when it holds fixes, no replies."""

from __future__ import annotations

import pytest

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import Detection, FrameKind, Session, Uplink
from fleetwire.protocols.v680 import PROTOCOL

from . import vectors as v


def test_inspect() -> None:
    assert PROTOCOL.inspect(v.ASSERTED, Session()) == Uplink(
        FrameKind.DATA, unique_id="867967020910610", records=1)  # fmt: skip
    assert PROTOCOL.inspect(v.FOUR_FIXES, Session()).records == 4
    assert PROTOCOL.inspect(b"#353588102019155##", Session()) == Uplink(
        FrameKind.OTHER, unique_id="353588102019155")  # fmt: skip
    fragment = b"1#0000#AUT#01#2340#16.7477,W,5136.3565,N,0.00,0.00#040415#002051.000"
    assert PROTOCOL.inspect(fragment, Session()) == Uplink(FrameKind.DATA, records=1)
    for bad in (b"#35 3#1##", b"x#1##", b"#L#35630704;NA\r\n"):
        with pytest.raises(DeviceError):
            PROTOCOL.inspect(bad, Session())


def test_detect() -> None:
    assert PROTOCOL.detect(v.ASSERTED) is Detection.YES
