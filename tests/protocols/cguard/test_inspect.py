"""CGuard inspect: the login's identity, data and keep-alive kinds, no replies, detect()."""

from __future__ import annotations

import pytest

from fleetwire.errors import InvalidField
from fleetwire.protocols.base import Detection, FrameKind, Session, Uplink
from fleetwire.protocols.cguard import PROTOCOL

from . import vectors as v


def test_inspect() -> None:
    up = PROTOCOL.inspect(v.LOGIN, Session())
    assert up == Uplink(FrameKind.LOGIN, unique_id="354868050655283")
    assert PROTOCOL.inspect(v.LINES[1], Session()) == Uplink(FrameKind.DATA, records=1)
    assert PROTOCOL.inspect(b"PING\r", Session()).kind is FrameKind.HEARTBEAT
    assert PROTOCOL.inspect(b"VERSION:3.3\r", Session()).kind is FrameKind.OTHER
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b"IDRO:35486 8050\r", Session())


def test_detect() -> None:
    assert PROTOCOL.detect(v.LOGIN + b"\n") is Detection.YES
    assert PROTOCOL.detect(v.LINES[1]) is Detection.NO  # a position carries no identity
