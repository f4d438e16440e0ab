"""Topin inspect: the IMEI of the login, the exact answers (login OK, date-time echoes, status,
server time), unanswered heartbeats; strict detect() beside GT06."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import DeviceError, FramingError, TruncatedFrame
from fleetwire.protocols import gt06, h02, teltonika
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.topin import PROTOCOL

from . import vectors as v


def inspect(frame: bytes) -> tuple[FrameKind, str | None, bytes]:
    session = Session()
    session.received_us = int(datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC).timestamp() * 1e6)
    u = PROTOCOL.inspect(frame, session)
    return u.kind, u.unique_id, u.ack


def test_login() -> None:
    assert inspect(v.LOGIN) == (
        FrameKind.LOGIN, "359339075416963", bytes.fromhex("78780d01010d0a"),
    )  # fmt: skip


def test_answers() -> None:
    assert inspect(v.GPS) == (FrameKind.DATA, None, bytes.fromhex("787812100a03170f32170d0a"))
    assert inspect(v.WIFI)[2] == bytes.fromhex("787800171911112014180d0a")
    assert inspect(v.STATUS) == (FrameKind.HEARTBEAT, None, bytes.fromhex("78780a130d0a"))
    assert inspect(v.TIME_REQUEST)[2] == bytes.fromhex("787801301a01020304050d0a")
    assert inspect(v.HEARTBEAT) == (FrameKind.HEARTBEAT, None, b"")
    assert inspect(v.HEARTBEAT_FIX) == (FrameKind.DATA, None, b"")


def test_broken_frames() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.GPS[:-1], Session())
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.LOGIN + b"\x00", Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"\x79\x79\x01\x08\x0d\x0a", Session())
    with pytest.raises(DeviceError):
        PROTOCOL.inspect(bytes.fromhex("78780d01aa593390754169634d0d0a"), Session())
    with pytest.raises(DeviceError):
        PROTOCOL.inspect(b"", Session())


def test_detect() -> None:
    assert PROTOCOL.detect(v.LOGIN) == Detection.YES
    for k in range(len(v.LOGIN)):
        assert PROTOCOL.detect(v.LOGIN[:k]) == Detection.MORE, k
    for head in (
        v.GPS, v.HEARTBEAT,  # only the login says who it is
        gt06.Device("123456789012345").login()[0],
        teltonika.Device("356307042441013").login()[0],
        h02.Device("4106011660").login()[0],
    ):  # fmt: skip
        assert PROTOCOL.detect(head) == Detection.NO, head.hex()
    assert gt06.PROTOCOL.detect(v.LOGIN) != Detection.YES
