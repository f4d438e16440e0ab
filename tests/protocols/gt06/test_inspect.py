"""GT06 inspect: identity from the login, exact replies for login/heartbeat/alarm, none for
location and reply frames, and the device's error for every broken envelope."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import ChecksumError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols import get
from fleetwire.protocols.base import FrameKind, Session
from fleetwire.protocols.gt06.framing import build_frame

from . import vectors as v

PROTOCOL = get("gt06")


def inspect(frame: bytes) -> tuple[FrameKind, str | None, bytes]:
    u = PROTOCOL.inspect(frame, Session())
    return u.kind, u.unique_id, u.ack


def test_concox_login_example() -> None:
    assert inspect(v.CONCOX_LOGIN) == (FrameKind.LOGIN, "123456789012345", v.CONCOX_LOGIN_REPLY)


def test_vl03_login_example_with_type_and_timezone() -> None:
    assert inspect(v.VL03_LOGIN) == (FrameKind.LOGIN, "752533678900242", v.VL03_LOGIN_REPLY)


def test_captured_login() -> None:
    assert inspect(v.TRACCAR_LOGIN) == (FrameKind.LOGIN, "352887071911998", v.ack(0x01, 4))


def test_heartbeats_are_echoed() -> None:
    assert inspect(v.VL03_HEARTBEAT) == (FrameKind.HEARTBEAT, None, v.ack(0x13, 0x0F))
    assert inspect(v.TRACCAR_HEARTBEAT_QUIRK) == (FrameKind.HEARTBEAT, None, v.ack(0x13, 0x044D))
    assert inspect(v.TRACCAR_HEARTBEAT_23) == (FrameKind.HEARTBEAT, None, v.ack(0x23, 0x08))


def test_alarms_are_echoed_with_their_own_protocol_number() -> None:
    assert inspect(v.CONCOX_ALARM) == (FrameKind.DATA, None, v.CONCOX_ALARM_REPLY)
    assert inspect(v.VL03_ALARM_2) == (FrameKind.DATA, None, v.ack(0x26, 0x0C))
    assert inspect(v.TRACCAR_ALARM_FENCES) == (FrameKind.DATA, None, v.ack(0x27, 0x03))
    assert inspect(v.TRACCAR_ALARM_4G) == (FrameKind.DATA, None, v.ack(0xA4, 0x10))


@pytest.mark.parametrize(
    "frame",
    [
        v.TRACCAR_GPS,
        v.TRACCAR_GPS_LBS,
        v.TRACCAR_GPS_LBS_11,
        v.VL03_GPS_LBS_2,
        v.TRACCAR_LBS_MULTI,
        v.TRACCAR_LBS_MULTI_4G,
        v.TRACCAR_LBS_EXTEND,
        v.TRACCAR_INFO_ICCID,
    ],
)
def test_location_and_information_frames_get_no_reply(frame: bytes) -> None:
    u = PROTOCOL.inspect(frame, Session())
    assert (u.kind, u.ack, u.records) == (FrameKind.DATA, b"", 1)


def test_command_replies_get_no_reply() -> None:
    for frame in (v.TRACCAR_STRING_INFO, v.TRACCAR_COMMAND_REPLY_UTF16):
        assert inspect(frame) == (FrameKind.REPLY, None, b"")


def _at(year: int, month: int, day: int, hour: int, minute: int, second: int) -> Session:
    """A session whose frame arrived at the given UTC date-time (plus 999 999 µs, which the
    one-second resolution of the reply must drop, not round)."""
    when = datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    return Session(received_us=int(when.timestamp()) * 1_000_000 + 999_999)


def test_time_request_is_answered_with_the_documents_example() -> None:
    # VL03 section 8 / V3.1 section II.9.2: request of serial 6, reply at 2015-12-29 00:00:21
    u = PROTOCOL.inspect(v.VL03_TIME_REQUEST, _at(2015, 12, 29, 0, 0, 21))
    assert (u.kind, u.unique_id, u.ack, u.records) == (FrameKind.OTHER, None, v.VL03_TIME_REPLY, 0)


def test_time_reply_is_binary_utc_and_echoes_the_serial() -> None:
    # hand-checked construction: 2026-03-07 23:59:58 UTC is 1A 03 07 17 3B 3A (binary, not
    # BCD), serial 0xBEEF echoed, CRC-16/X-25 of 0B..EF = D5E3 (vectors.crc_x25_reference)
    request = build_frame(0x8A, b"", 0xBEEF)
    expected = v.h("78780B8A1A0307173B3ABEEFD5E30D0A")
    body = expected[2:-4]
    assert v.crc_x25_reference(body) == int.from_bytes(expected[-4:-2], "big")
    assert PROTOCOL.inspect(request, _at(2026, 3, 7, 23, 59, 58)).ack == expected
    assert PROTOCOL.inspect(request, _at(2026, 3, 7, 23, 59, 58)).ack[4:10] == bytes(
        (26, 3, 7, 23, 59, 58)
    )


def test_time_reply_year_is_without_century() -> None:
    ack = PROTOCOL.inspect(v.VL03_TIME_REQUEST, _at(2100, 1, 1, 0, 0, 0)).ack
    assert ack[4:10] == bytes((0, 1, 1, 0, 0, 0))


def test_time_request_without_a_receive_time_gets_no_reply() -> None:
    assert inspect(v.VL03_TIME_REQUEST) == (FrameKind.OTHER, None, b"")  # received_us=0
    u = PROTOCOL.inspect(v.VL03_TIME_REQUEST, Session(received_us=0))
    assert (u.kind, u.ack, u.records) == (FrameKind.OTHER, b"", 0)


def test_receive_time_changes_no_other_reply() -> None:
    # login, heartbeat and alarm replies carry no time in any of the documents
    for frame in (v.CONCOX_LOGIN, v.VL03_LOGIN, v.VL03_HEARTBEAT, v.CONCOX_ALARM, v.TRACCAR_GPS):
        with_time = PROTOCOL.inspect(frame, _at(2015, 12, 29, 0, 0, 21))
        assert with_time == PROTOCOL.inspect(frame, Session())


def test_unknown_types_are_other_without_reply() -> None:
    assert inspect(build_frame(0x99, b"\x01\x02", 7)) == (FrameKind.OTHER, None, b"")
    u = PROTOCOL.inspect(build_frame(0x99, b"\x01\x02", 7), _at(2015, 12, 29, 0, 0, 21))
    assert u.ack == b""


def test_vendor_examples_that_are_broken_are_rejected() -> None:
    with pytest.raises(ChecksumError):
        PROTOCOL.inspect(v.CONCOX_GPS_BAD_CRC, Session())
    # length 8 with 10 bytes after it: framed by the quirk rule, then its CRC (computed for
    # a 3-byte-content frame) does not match
    with pytest.raises(ChecksumError):
        PROTOCOL.inspect(v.CONCOX_HEARTBEAT_BROKEN, Session())


def test_flipped_crc_is_a_checksum_error() -> None:
    for frame in v.VALID:
        bad = bytearray(frame)
        bad[-3] ^= 0x01
        with pytest.raises(ChecksumError):
            PROTOCOL.inspect(bytes(bad), Session())


def test_broken_envelopes() -> None:
    f = v.CONCOX_LOGIN
    with pytest.raises(FramingError):
        PROTOCOL.inspect(f[:-1] + b"\x00", Session())  # stop marker
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"\x77" + f[1:], Session())  # start marker
    with pytest.raises(FramingError):
        PROTOCOL.inspect(f + b"\x00", Session())  # longer than declared
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(f[:-3], Session())
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(build_frame(0x01, b"\x01\x23", 1), Session())  # no room for an IMEI


def test_non_bcd_imei_is_invalid() -> None:
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(build_frame(0x01, bytes.fromhex("0A23456789012345"), 1), Session())


def test_long_form_frames_are_answered_in_the_short_form() -> None:
    # a 0x26 alarm sent as 79 79 (some firmware does for every type)
    inner = v.VL03_ALARM_2[3:-2]  # protocol .. crc
    body = (len(inner)).to_bytes(2, "big") + inner[:-2]
    frame = b"\x79\x79" + body + v.crc_x25_reference(body).to_bytes(2, "big") + b"\x0d\x0a"
    assert inspect(frame) == (FrameKind.DATA, None, v.ack(0x26, 0x0C))


def test_later_alarm_and_report_types_are_echoed() -> None:
    # LBS alarm (0xA5), camera alarm (0x95), modular report (0x70): the standard short ACK
    assert inspect(v.LBS_ALARM_4G) == (FrameKind.DATA, None, v.ack(0xA5, 0x19))
    assert inspect(v.CAMERA_ALARM) == (FrameKind.DATA, None, v.ack(0x95, 0x0119))
    assert inspect(v.MODULAR_BLE) == (FrameKind.DATA, None, v.ack(0x70, 0x1EA4))
    assert inspect(v.TRACCAR_ALARM_NO_FIX) == (FrameKind.DATA, None, v.ack(0x16, 0x0004))


def test_az735_long_reports_are_answered_in_the_long_form() -> None:
    body = bytes.fromhex("0005330109")  # length, protocol 0x33, serial 0x0109
    crc = v.crc_x25_reference(body).to_bytes(2, "big")
    assert inspect(v.AZ735_ALARM) == (FrameKind.DATA, None, b"\x79\x79" + body + crc + b"\r\n")
    # the same number in the short form is another model's cell list: no reply
    short = build_frame(0x33, bytes(40), 5)
    assert inspect(short) == (FrameKind.DATA, None, b"")


def test_crc_less_frames() -> None:
    # GT03 WiFi frames are answered with their own time, no serial, no CRC
    answer = bytes.fromhex("78780069160413031849") + b"\r\n"
    assert inspect(v.WIFI_3) == (FrameKind.DATA, None, answer)
    assert inspect(v.WIFI_0)[2] == bytes.fromhex("78780069171023110850") + b"\r\n"
    # the content-length GPS variant carries no serial to echo
    assert inspect(v.GPS_NO_CRC) == (FrameKind.DATA, None, b"")
