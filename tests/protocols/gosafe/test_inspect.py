"""GoSafe inspect: identity from every message, the record count, no reply (no source defines
one), the kinds of heartbeat / data / command answer, and the device's error for broken
messages; detection of the first message."""

from __future__ import annotations

import pytest

from fleetwire.errors import FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols import gt06, teltonika
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.gosafe import PROTOCOL, Device

from . import vectors as v


def inspect(frame: bytes) -> tuple[FrameKind, str | None, bytes, int]:
    u = PROTOCOL.inspect(frame, Session())
    return u.kind, u.unique_id, u.ack, u.records


@pytest.mark.parametrize(
    ("frame", "expected"),
    [
        (v.G79_RAW_1, (FrameKind.DATA, "351535059439208", b"", 1)),
        (v.SMART_TRACK, (FrameKind.DATA, "353218073585128", b"", 2)),
        (v.G3SC_BATCH, (FrameKind.DATA, "860078024226974", b"", 5)),
        (v.GS56_BATCH, (FrameKind.DATA, "357330051092344", b"", 7)),
        (v.GS02_LEGACY, (FrameKind.DATA, "358696043774648", b"", 1)),
        (v.GS16_HEARTBEAT, (FrameKind.HEARTBEAT, "351535058709775", b"", 0)),
        (v.GS02_HEARTBEAT, (FrameKind.HEARTBEAT, "358696043774648", b"", 0)),
        (v.RST_ANSWER, (FrameKind.REPLY, "357330050846344", b"", 0)),
    ],
)
def test_identity_kind_and_no_reply(frame: bytes, expected: tuple[object, ...]) -> None:
    assert inspect(frame) == expected


@pytest.mark.parametrize("frame", v.DATA, ids=lambda f: f[:40].decode())
def test_every_data_message_is_identified_and_not_answered(frame: bytes) -> None:
    u = PROTOCOL.inspect(frame, Session())
    assert (u.kind, u.ack, u.unique_id) == (FrameKind.DATA, b"", frame[6:].split(b",")[0].decode())


def test_broken_messages() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.GS16_HEARTBEAT[:-1], Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"*HQ,351535058709775#", Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(v.GS16_HEARTBEAT + v.GS16_HEARTBEAT, Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b"*GS16,35153505870977x#", Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b"*GS16;351535058709775#", Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect("*GS16,351535058709775,é#".encode(), Session())


def test_detect_real_first_messages() -> None:
    for frame in (v.GS16_HEARTBEAT, v.G79_RAW_1, v.G6S_IWD4, v.GS02_LEGACY):
        assert PROTOCOL.detect(frame) == Detection.YES, frame
    assert PROTOCOL.detect(v.G79_RAW_1[:30]) == Detection.MORE
    assert PROTOCOL.detect(b"*G") == Detection.MORE


def test_detect_is_strict() -> None:
    assert PROTOCOL.detect(teltonika.Device("356307042441013").login()[0]) == Detection.NO
    assert PROTOCOL.detect(gt06.Device("123456789012345").login()[0]) == Detection.NO
    for head in (
        b"*HQ,4210051415,V1,164549,A,0956.3869,N,08406.7068,W,000.00,000,221215,FFFFFBFF#",
        b"##,imei:359586015829802,A;",
        b"*GS16,12345#",  # too short for an IMEI
    ):
        assert PROTOCOL.detect(head) == Detection.NO, head


def test_example_id_reports_on_the_auto_port() -> None:
    dev = Device(Device.example_id)
    assert dev.login() == (b"", b"")  # no login: every message carries the IMEI
    frame, reply = dev.heartbeat()
    assert PROTOCOL.detect(frame) == Detection.YES
    assert PROTOCOL.inspect(frame, Session()).ack == reply == b""
