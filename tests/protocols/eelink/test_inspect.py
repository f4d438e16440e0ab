"""Eelink inspect: IMEI from the login and the UDP header, the response (pid + sequence) for
every answered package, none for TCP location packages and instruction answers."""

from __future__ import annotations

import pytest

from fleetwire.errors import FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols.base import Detection, FrameKind, Session, Transport, Uplink
from fleetwire.protocols.eelink import PROTOCOL
from fleetwire.protocols.eelink.framing import build
from fleetwire.protocols.gt06 import Device as Gt06Device
from fleetwire.protocols.teltonika import Device as TeltonikaDevice

from . import vectors as v

TCP = Session()
UDP = Session(transport=Transport.UDP)


def ack(pid: int, seq: int) -> bytes:
    return b"gg" + bytes((pid,)) + b"\x00\x02" + seq.to_bytes(2, "big")


@pytest.mark.parametrize(
    ("frame", "imei", "seq"),
    [
        (v.LOGIN_V2, "352544071750518", 0x007B),
        (v.LOGIN_V1, "354188048612829", 0x0026),
        (v.LOGIN_SHORT, "354188046618349", 0x001B),
    ],
)
def test_login(frame: bytes, imei: str, seq: int) -> None:
    assert PROTOCOL.inspect(frame, TCP) == Uplink(FrameKind.LOGIN, unique_id=imei, ack=ack(1, seq))


def test_udp_header_identifies_every_datagram() -> None:
    up = PROTOCOL.inspect(v.UDP_LOGIN, UDP)
    assert up == Uplink(FrameKind.LOGIN, unique_id="352544071677471", ack=ack(1, 0x0002))
    up = PROTOCOL.inspect(v.UDP_LOCATION, UDP)
    assert (up.kind, up.unique_id, up.ack) == (FrameKind.DATA, "352544071677471", ack(0x12, 0x21))


@pytest.mark.parametrize(
    ("frame", "kind", "pid", "seq"),
    [
        (v.HEARTBEAT_A, FrameKind.HEARTBEAT, 0x03, 0x0021),
        (v.HEARTBEAT_C, FrameKind.HEARTBEAT, 0x03, 0x001A),
        (v.WARNING_VIBRATION, FrameKind.DATA, 0x14, 0x14B0),
        (v.ALARM_FENCE, FrameKind.DATA, 0x04, 0x01A4),
        (v.STATE_C, FrameKind.DATA, 0x05, 0x00BA),
        (v.OBD_PIDS, FrameKind.DATA, 0x07, 0x0010),
    ],
)
def test_answered_packages(frame: bytes, kind: FrameKind, pid: int, seq: int) -> None:
    up = PROTOCOL.inspect(frame, TCP)
    assert (up.kind, up.unique_id, up.ack) == (kind, None, ack(pid, seq))


@pytest.mark.parametrize("frame", [v.LOCATION_SENSORS, v.LOCATION_SHORT, v.GPS_FULL, v.GPS_OLD])
def test_location_over_tcp_is_not_answered(frame: bytes) -> None:
    up = PROTOCOL.inspect(frame, TCP)
    assert (up.kind, up.ack, up.records) == (FrameKind.DATA, b"", 1)


def test_location_over_udp_is_answered() -> None:
    assert PROTOCOL.inspect(v.LOCATION_SHORT, UDP).ack == ack(0x12, 0x066C)
    assert PROTOCOL.inspect(v.GPS_OLD, UDP).ack == b""


def test_instruction_answers_are_replies_without_response() -> None:
    for frame in (v.ANSWER_WEST, v.ANSWER_NEWLINES):
        up = PROTOCOL.inspect(frame, TCP)
        assert (up.kind, up.ack) == (FrameKind.REPLY, b"")


def test_unknown_up_package_is_answered_and_down_is_not() -> None:
    assert PROTOCOL.inspect(build(0x1A, 7, b"\x00"), TCP) == Uplink(
        FrameKind.OTHER, ack=ack(0x1A, 7)
    )
    assert PROTOCOL.inspect(build(0x81, 7, b"\x00"), TCP).ack == b""


def test_broken_packages() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.HEARTBEAT_A[:-1], TCP)
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(v.HEARTBEAT_A + b"\x00", TCP)
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"gh" + v.HEARTBEAT_A[2:], TCP)
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(build(0x01, 1, b"\x03\x52"), TCP)  # login without an IMEI
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(build(0x01, 1, bytes.fromhex("0A52544071750518")), TCP)
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(
            v.UDP_LOGIN[:4] + bytes.fromhex("00000A52544071677471") + v.UDP_LOGIN[14:], UDP
        )


def test_detect() -> None:
    assert PROTOCOL.detect(v.LOGIN_V2) is Detection.YES
    assert PROTOCOL.detect(v.LOGIN_V2[:8]) is Detection.MORE
    assert PROTOCOL.detect(TeltonikaDevice("356307042441013").login()[0]) is Detection.NO
    assert PROTOCOL.detect(Gt06Device("123456789012345").login()[0]) is Detection.NO
