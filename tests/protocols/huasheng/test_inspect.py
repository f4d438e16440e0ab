"""HuaSheng inspect: identity from the IMEI item, the answers with the frame's index, detect()."""

from __future__ import annotations

import pytest

from fleetwire.errors import FramingError, TruncatedFrame
from fleetwire.protocols import gt06
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.huasheng import PROTOCOL
from fleetwire.protocols.huasheng.framing import build

from . import vectors as v


def test_login() -> None:
    up = PROTOCOL.inspect(v.LOGIN, Session())
    assert (up.kind, up.unique_id) == (FrameKind.LOGIN, "862950028534306")
    assert up.ack == build(0, 0xFF03, 1) == bytes.fromhex("c00000000cff03000000000001c0")


def test_answers() -> None:
    up = PROTOCOL.inspect(v.MOVING, Session())
    assert (up.kind, up.unique_id, up.ack) == (FrameKind.DATA, None, build(0, 0xFF01, 5))
    up = PROTOCOL.inspect(v.NO_CLOCK, Session())
    assert up.unique_id == "869731051399210"
    up = PROTOCOL.inspect(v.REQUEST, Session())
    assert (up.kind, up.unique_id) == (FrameKind.OTHER, "355855050440658")
    assert up.ack == build(0x010C, 0x0003, 0x10)
    assert PROTOCOL.inspect(v.DTC, Session()).ack == b""


def test_refused() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.DTC[:-3] + b"\xc0", Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"\x7e\x00", Session())


def test_detect() -> None:
    assert PROTOCOL.detect(v.LOGIN) == Detection.YES
    assert PROTOCOL.detect(v.LOGIN[:30]) == Detection.MORE
    assert PROTOCOL.detect(v.MOVING) == Detection.NO  # names no unit
    assert PROTOCOL.detect(gt06.Device("123456789012345").login()[0]) == Detection.NO
