"""Castel inspect: the device id of every frame, the exact replies (login 0x9001, heartbeat
0x9003, alarm 0xC007), kinds and record counts, and the device's error for broken frames."""

from __future__ import annotations

import pytest

from fleetwire.errors import ChecksumError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols.base import Detection, FrameKind, Session, Uplink
from fleetwire.protocols.castel import PROTOCOL, Device
from fleetwire.protocols.castel.framing import build
from fleetwire.protocols.gt06 import Device as Gt06Device
from fleetwire.protocols.teltonika import Device as TeltonikaDevice

from . import vectors as v


def test_login_reply_has_the_captured_layout() -> None:
    up = PROTOCOL.inspect(v.LOGIN_V4, Session())
    assert (up.kind, up.unique_id, up.records) == (FrameKind.LOGIN, "213EP2016000585", 0)
    # the captured server reply, with the time the device sent (0x581cfcb1) instead of the
    # server's clock three seconds later (0x581cfcb4)
    assert up.ack == build(4, v.LOGIN_V4[5:25], 0x9001, bytes.fromhex("ffffffff0000b1fc1c58"))
    assert up.ack[:27] == v.LOGIN_REPLY[:27] and up.ack[27:33] == v.LOGIN_REPLY[27:33]
    assert build(4, v.LOGIN_V4[5:25], 0x9001, v.LOGIN_REPLY[27:37]) == v.LOGIN_REPLY
    assert up.ack.hex() == (
        "404029000432313345503230313630303035383500000000009001ffffffff0000b1fc1c587c000d0a"
    )


def test_login_reply_carries_the_receive_time_as_the_captured_server_did() -> None:
    # the captured server answered at 0x581cfcb4 (2016-11-04T21:25:08Z): given that receive
    # time, the reply is the captured one byte for byte
    up = PROTOCOL.inspect(v.LOGIN_V4, Session(received_us=0x581CFCB4 * 1_000_000))
    assert up.ack == v.LOGIN_REPLY
    device = Device("213EP2016000585")
    assert device.accepts(device.login()[1], build(4, device.login()[1][5:25], 0x9001,
                          bytes.fromhex("ffffffff0000b4fc1c58")))  # fmt: skip
    assert device.accepts(device.login()[1], v.LOGIN_REPLY)  # this device's captured reply
    other = Device("213GDP2018021343")
    assert not other.accepts(other.login()[1], v.LOGIN_REPLY)  # another device's id
    assert not device.accepts(device.login()[1], v.LOGIN_REPLY[:-4] + b"\x00\x00\r\n")  # CRC


def test_version_3_login_is_answered_in_version_3() -> None:
    up = PROTOCOL.inspect(v.LOGIN_V3, Session())
    assert up.unique_id == "213L2017001109"
    assert up.ack.hex() == (
        "40402900033231334c323031373030313130390000000000009001ffffffff000064477b59bd430d0a"
    )


def test_heartbeat_reply() -> None:
    up = PROTOCOL.inspect(v.HEARTBEAT, Session())
    assert up == Uplink(
        FrameKind.HEARTBEAT,
        "1001112529987",
        ack=bytes.fromhex("40401f000431303031313132353239393837000000000000009003cfbe0d0a"),
    )


@pytest.mark.parametrize(
    ("frame", "ack"),
    [
        (
            v.ALARM_POWER_ON,
            "40402300043231334744533230323130303030353200000000c0070100000090b70d0a",
        ),
        (
            v.ALARM_POWER_OFF,
            "40402300043231334550323031363030303538350000000000c00708000000892a0d0a",
        ),
    ],
)
def test_alarm_reply_echoes_the_sequence_number(frame: bytes, ack: str) -> None:
    up = PROTOCOL.inspect(frame, Session())
    assert (up.kind, up.ack.hex(), up.records) == (FrameKind.DATA, ack, 1)


@pytest.mark.parametrize(
    ("frame", "uid", "kind", "count"),
    [
        (v.GPS_SHENZHEN, "1001112529987", FrameKind.DATA, 1),
        (v.GPS_MOVING, "213NX2015000036", FrameKind.DATA, 1),
        (v.PID_DATA, "213NX2016001177", FrameKind.DATA, 1),
        (v.DTCS_V3, "213L2017000422", FrameKind.DATA, 1),
        (v.LOGOUT, "213EP2016000585", FrameKind.OTHER, 0),  # no GPS item: no record
        (v.QUERY_REPLY, "213GDP2018021343", FrameKind.REPLY, 1),
    ],
)
def test_unanswered_frames(frame: bytes, uid: str, kind: FrameKind, count: int) -> None:
    up = PROTOCOL.inspect(frame, Session())
    assert up == Uplink(kind, uid, records=count)


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[25:27].hex())
def test_flipped_crc_is_a_checksum_error(frame: bytes) -> None:
    for i in (-3, -4, 10):
        bad = bytearray(frame)
        bad[i] ^= 0x10
        with pytest.raises(ChecksumError):
            PROTOCOL.inspect(bytes(bad), Session())


def test_broken_frames() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.HEARTBEAT[:-1], Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(v.HEARTBEAT + b"\x00", Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"@$" + v.HEARTBEAT[2:], Session())
    with pytest.raises(ChecksumError):  # an MPIP header on an SC frame: its CRC says no
        PROTOCOL.inspect(b"$$" + v.HEARTBEAT[2:], Session())
    bad = build(4, v.HEARTBEAT[5:25], 0x1003)
    with pytest.raises(InvalidField):  # CR LF missing (CRC right)
        PROTOCOL.inspect(bad[:-2] + b"\r\r", Session())
    with pytest.raises(InvalidField):  # an empty device id
        PROTOCOL.inspect(build(4, bytes(20), 0x1003), Session())
    with pytest.raises(TruncatedFrame):  # a login without its UTC time
        PROTOCOL.inspect(build(4, v.HEARTBEAT[5:25], 0x1001, b"\x00" * 6), Session())


def test_detect() -> None:
    assert PROTOCOL.detect(v.LOGIN_V4) is Detection.YES
    assert PROTOCOL.detect(v.LOGIN_V4[:100]) is Detection.MORE
    assert PROTOCOL.detect(TeltonikaDevice("356307042441013").login()[0]) is Detection.NO
    assert PROTOCOL.detect(Gt06Device("123456789012345").login()[0]) is Detection.NO
