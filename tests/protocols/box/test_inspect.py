"""BOX inspect: the header's serial, no reply to it or to log lines (vendor document 2.1), and
`A,<n>` for the end of an upload."""

from __future__ import annotations

import pytest

from fleetwire.errors import InvalidField
from fleetwire.protocols.base import Detection, FrameKind, Session, Uplink
from fleetwire.protocols.box import PROTOCOL

from . import vectors as v


def test_inspect() -> None:
    assert PROTOCOL.inspect(v.HEADER, Session()) == Uplink(
        FrameKind.LOGIN, unique_id="358281002435893")  # fmt: skip
    assert PROTOCOL.inspect(v.LINES[1], Session()).unique_id == "N878123"
    assert PROTOCOL.inspect(v.LINES[2], Session()) == Uplink(FrameKind.DATA, records=1)
    assert PROTOCOL.inspect(b"E,17\r", Session()) == Uplink(FrameKind.HEARTBEAT, ack=b"A,17\r")
    for bad in (b"H,BT\r", b"H,BT,35 8,0810,F5\r", b"E,x\r", b"E\r"):
        with pytest.raises(InvalidField):
            PROTOCOL.inspect(bad, Session())


def test_detect() -> None:
    assert PROTOCOL.detect(v.HEADER + b"\n") is Detection.YES
    assert PROTOCOL.detect(v.LINES[3]) is Detection.NO
