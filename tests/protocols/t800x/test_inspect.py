"""T880x inspect: IMEI from every frame, the exact replies of the vendor's reference server
(envelope echoed at length 15; alarms at length 16 with their code), none for command answers,
and the device's error for broken envelopes."""

from __future__ import annotations

import pytest

from fleetwire.errors import FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols import gt06, teltonika
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.t800x import PROTOCOL
from fleetwire.protocols.t800x.framing import build_frame

from . import vectors as v


def inspect(frame: bytes) -> tuple[FrameKind, str | None, bytes]:
    u = PROTOCOL.inspect(frame, Session())
    return u.kind, u.unique_id, u.ack


@pytest.mark.parametrize(
    ("frame", "kind", "imei"),
    [
        (v.OLD_LOGIN, FrameKind.LOGIN, "880316890202968"),
        (v.OLD_LOGIN_2, FrameKind.LOGIN, "357367031063979"),
        (v.VEHICLE_LOGIN_DOC, FrameKind.LOGIN, "880061689888888"),
        (v.ASSET_LOGIN, FrameKind.LOGIN, "880616898888888"),
        (v.OLD_HEARTBEAT, FrameKind.HEARTBEAT, "880316890202968"),
        (v.OLD_LOCATION, FrameKind.DATA, "357367031063979"),
        (v.VEHICLE_LOCATION, FrameKind.DATA, "862522030401350"),
        (v.OBD_LOCATION, FrameKind.DATA, "865284040309670"),
        (v.ASSET_LOCATION, FrameKind.DATA, "860112047066487"),
        (v.ASSET_NETWORK, FrameKind.DATA, "866425032880785"),
        (v.ASSET_BLE_1, FrameKind.DATA, "860112047066487"),
        (v.VEHICLE_SECOND_ALARM, FrameKind.DATA, "867730050941347"),
    ],
)
def test_identity_and_echo_reply(frame: bytes, kind: FrameKind, imei: str) -> None:
    assert inspect(frame) == (kind, imei, v.ack(frame))


def test_exact_login_reply_bytes() -> None:
    assert inspect(v.OLD_LOGIN)[2] == bytes.fromhex("232301000f00000880316890202968")


def test_alarms_are_answered_with_their_code() -> None:
    assert inspect(v.OLD_ALARM) == (FrameKind.DATA, "357367031063979", v.ack(v.OLD_ALARM, 0x01))
    assert inspect(v.OLD_ALARM)[2] == bytes.fromhex("23230400100003035736703106397901")
    assert inspect(v.ASSET_ALARM)[2] == v.ack(v.ASSET_ALARM, 0x16)


def test_command_answers_and_encrypted_frames_get_no_reply() -> None:
    assert inspect(v.VEHICLE_COMMAND_REPLY) == (FrameKind.REPLY, "866425032895916", b"")
    encrypted = build_frame(0x27, 0x62, 1, "866425032880785", bytes(20))
    assert inspect(encrypted) == (FrameKind.DATA, "866425032880785", b"")


def test_session_remembers_the_family_header() -> None:
    s = Session()
    PROTOCOL.inspect(v.ASSET_LOCATION, s)
    assert s.state["t800x.header"] == 0x27


def test_broken_envelopes() -> None:
    with pytest.raises(FramingError):
        PROTOCOL.inspect(v.OLD_LOGIN + b"\x00", Session())
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.OLD_LOGIN[:-1], Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"#%" + v.OLD_LOGIN[2:], Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(v.OLD_HEARTBEAT[:7] + b"\x0a" + v.OLD_HEARTBEAT[8:], Session())
    with pytest.raises(TruncatedFrame):  # an alarm too short for its alarm byte
        PROTOCOL.inspect(build_frame(0x25, 0x04, 1, "357367031063979", bytes(10)), Session())


def test_detect() -> None:
    for frame in (v.OLD_LOGIN, v.VEHICLE_LOCATION, v.ASSET_LOGIN):
        assert PROTOCOL.detect(frame) == Detection.YES
    assert PROTOCOL.detect(v.OLD_LOGIN[:8]) == Detection.MORE
    assert PROTOCOL.detect(teltonika.Device("356307042441013").login()[0]) == Detection.NO
    assert PROTOCOL.detect(gt06.Device("123456789012345").login()[0]) == Detection.NO
