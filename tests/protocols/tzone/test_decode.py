"""TZONE decoding: exact values from real frames (AVL GPS blocks in both coordinate units and
hemispheres, logger LBS and state blocks, the TT18-4G-M GPS block), the sanity check on every
record, alarms, and the Device round trip."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import ChecksumError, InvalidField, TruncatedFrame
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext, Session
from fleetwire.protocols.tzone import PROTOCOL, Device
from fleetwire.protocols.tzone.framing import build
from tests.protocols.contract import NOW, decode_sane, framer

from . import vectors as v

CTX = DecodeContext(unique_id="866104020375435", received=NOW)
IMEI = "866104020375435"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def one(frame: bytes) -> Record:
    records = decode_sane(PROTOCOL, frame, CTX)
    assert len(records) == 1
    return records[0]


def avl_frame(gps: bytes, state: bytes, hardware: int = 0x010B) -> bytes:
    """An AVL data frame around a GPS and a state block (no LBS)."""
    data = bytes((15, 6, 24, 7, 8, 56)) + len(gps).to_bytes(2, "big") + gps + b"\x00\x00"
    data += len(state).to_bytes(2, "big") + state
    return build(0x2424, hardware, bytes(4), IMEI, data, 7)


GPS_SHENZHEN = bytes.fromhex("0400ce5adc041447620f0618070838000a0000060c7c")  # AVL_010B_SHENZHEN
STATE = bytes.fromhex("aac000000c37018504e5000000008000")


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[4:20].hex())
def test_every_real_frame_decodes_sanely(frame: bytes) -> None:
    records = decode_sane(PROTOCOL, frame, CTX)
    assert len(records) == 1


def test_avl_shenzhen() -> None:
    r = one(v.AVL_010B_SHENZHEN)
    assert (r.kind, r.valid, r.fix_time) == (RecordKind.POSITION, True, utc(2015, 6, 24, 7, 8, 56))
    assert (r.latitude, r.longitude) == (pytest.approx(22.53946), pytest.approx(114.0630967))
    assert (r.speed, r.course, r.satellites) == (1.0, 0.0, 4)
    assert r.attributes == {
        "versionHw": "010b", "versionFw": "2.30.0.0", "index": 242, "lac": 0x2533,
        "cid": 0x7837, "event": 0xAA, "status": 0xC0, "rssi": 12, "battery": 3.89,
        "power": 12.53, "sat": 4, "hdop": 0.6,
    }  # fmt: skip


def test_avl_west_longitude() -> None:
    r = one(v.AVL_010B_WEST_A)
    assert r.fix_time == utc(2016, 8, 3, 3, 12, 39)
    assert (r.latitude, r.longitude) == (pytest.approx(13.7256033), pytest.approx(-89.7187883))
    assert (r.satellites, r.attributes["battery"], r.attributes["power"]) == (10, 3.69, 0.0)


def test_avl_netherlands() -> None:
    r = one(v.AVL_0111)
    assert r.fix_time == utc(2017, 9, 27, 21, 29, 37)
    assert (r.latitude, r.longitude) == (pytest.approx(52.2269533), pytest.approx(5.17598))
    assert (r.attributes["hdop"], r.attributes["rssi"], r.attributes["battery"]) == (2.2, 27, 3.52)
    assert (r.attributes["lac"], r.attributes["cid"]) == (0x0D2A, 0x34DF)


def test_avl_0153_finer_coordinates_and_one_byte_io() -> None:
    r = one(v.AVL_0153_KL)
    assert r.fix_time == utc(2017, 1, 3, 8, 10, 34)
    assert (r.latitude, r.longitude) == (pytest.approx(3.1012468), pytest.approx(101.6397082))
    assert (r.attributes["rssi"], r.attributes["battery"], r.attributes["power"]) == (
        21, 4.18, 11.59,
    )  # fmt: skip
    r = one(v.AVL_0153_SG)
    assert (r.latitude, r.longitude, r.speed) == (
        pytest.approx(1.3321488), pytest.approx(103.8961905), 16.0,
    )  # fmt: skip
    assert "lac" not in r.attributes  # its 8-byte LBS block is not the documented layout


def test_avl_heartbeat_without_fix() -> None:
    r = one(v.AVL_010B_NO_FIX)
    assert (r.kind, r.has_position, r.fix_time) == (
        RecordKind.STATUS, False, utc(2015, 8, 11, 10, 50, 40),
    )  # fmt: skip
    assert (r.attributes["event"], r.attributes["power"]) == (0x88, 13.36)
    assert "alarm" not in r.attributes


def test_avl_without_gps_block() -> None:
    r = one(v.AVL_010A[0])
    assert (r.kind, r.fix_time) == (RecordKind.STATUS, utc(2015, 1, 15, 8, 30, 51))
    assert (r.attributes["event"], r.attributes["power"], r.attributes["rssi"]) == (0xA0, 14.12, 14)


def test_tt18_logger() -> None:
    r = one(v.TT18)
    assert (r.kind, r.fix_time, r.has_position) == (
        RecordKind.STATUS, utc(2009, 1, 1, 5, 3, 13), False,
    )  # fmt: skip
    assert r.attributes == {
        "versionHw": "0403", "versionFw": "1.7.0.0", "index": 10, "lac": 0x2533, "cid": 0x7837,
        "mcc": 460, "mnc": 1, "event": 0xAA, "status": 0, "rssi": 23, "battery": 4.05,
        "temp1": 25.22, "humidity": 69,
    }  # fmt: skip
    r = one(v.TT11)
    assert (r.attributes["mcc"], r.attributes["mnc"], r.attributes["temp1"]) == (460, 0, 27.44)


def test_tt18_4g_gps_block() -> None:
    r = one(v.TT18_4G)
    assert (r.kind, r.valid, r.fix_time) == (RecordKind.POSITION, True, utc(2023, 5, 4, 22, 52, 50))
    assert (r.latitude, r.longitude) == (pytest.approx(22.527752), pytest.approx(114.077368))
    assert (r.speed, r.course, r.satellites) == (0.0, 0.0, None)
    assert (r.attributes["rssi"], r.attributes["battery"]) == (22, 3.74)


def test_loggers_with_undecoded_blocks() -> None:
    r = one(v.LOGGER_0413)
    assert (r.kind, r.attributes["temp1"], r.attributes["humidity"]) == (
        RecordKind.STATUS,
        21.99,
        59,
    )
    r = one(v.LOGGER_0406_A)
    assert (r.attributes["lac"], r.attributes["battery"]) == (0x72BD, 4.11)


@pytest.mark.parametrize(
    ("code", "alarm"),
    [(0x01, "sos"), (0x10, "lowBattery"), (0x11, "overspeed"), (0x42, "geofenceExit"),
     (0x43, "geofenceEnter"), (0x14, "hardBraking"), (0x09, "powerOff")],
)  # fmt: skip
def test_alarms(code: int, alarm: str) -> None:
    r = one(avl_frame(GPS_SHENZHEN, bytes((code,)) + STATE[1:]))
    assert (r.kind, r.attributes["alarm"], r.attributes["event"]) == (RecordKind.EVENT, alarm, code)
    assert r.latitude == pytest.approx(22.53946)


def test_south_and_out_of_range() -> None:
    south = bytearray(GPS_SHENZHEN)
    south[-2] = 0x08  # flags: valid, not north, east
    r = one(avl_frame(bytes(south), STATE))
    assert r.latitude == pytest.approx(-22.53946)
    north_pole_plus = bytearray(GPS_SHENZHEN)
    north_pole_plus[1:5] = (91 * 600_000).to_bytes(4, "big")
    with pytest.raises(InvalidField):
        PROTOCOL.decode(avl_frame(bytes(north_pole_plus), STATE), CTX)


def test_malformed_frames() -> None:
    with pytest.raises(ChecksumError):
        PROTOCOL.decode(v.AVL_0111[:-4] + b"\x00\x00\r\n", CTX)
    with pytest.raises(TruncatedFrame):  # a block longer than the frame
        PROTOCOL.decode(avl_frame(GPS_SHENZHEN, STATE)[:-8] + b"\x00\x07" + b"\x00\x00\r\n", CTX)
    with pytest.raises(InvalidField):  # RTC month 13
        PROTOCOL.decode(build(0x2424, 0x010B, bytes(4), IMEI, bytes((1, 13, 1, 0, 0, 0)), 1), CTX)
    assert PROTOCOL.decode(build(0x2323, 0x010B, bytes(4), IMEI, bytes(6), 1), CTX) == []


def test_device_round_trip() -> None:
    dev = Device(IMEI)
    session = Session()
    fr = framer(PROTOCOL)
    frame, expected = dev.login()
    assert fr.feed(frame) == [frame]
    up = PROTOCOL.inspect(frame, session)
    assert (up.unique_id, up.ack) == (IMEI, expected)
    assert expected == b"@ACK,0001#"
    sent = Record(
        fix_time=utc(2025, 3, 1, 8, 30, 15), valid=True, latitude=-33.8688197,
        longitude=-151.2092955, speed=72.0, course=181.0, satellites=12,
        attributes={"power": 12.94, "battery": 4.02, "hdop": 0.8},
    )  # fmt: skip
    frame, expected = dev.report([sent])
    assert fr.feed(frame[:7]) == [] and fr.feed(frame[7:]) == [frame]
    up = PROTOCOL.inspect(frame, session)
    assert (up.ack, up.records, up.unique_id) == (expected, 1, IMEI)
    assert expected == b"@ACK,0002#"
    (got,) = decode_sane(PROTOCOL, frame, CTX)
    assert got.fix_time == sent.fix_time
    assert (got.latitude, got.longitude) == (pytest.approx(-33.86882), pytest.approx(-151.20930))
    assert (got.speed, got.course, got.satellites, got.valid) == (72.0, 181.0, 12, True)
    a = got.attributes
    assert (a["power"], a["battery"], a["hdop"], a["event"]) == (12.94, 4.02, 0.8, 0xAA)
    frame, expected = dev.heartbeat()
    (beat,) = decode_sane(PROTOCOL, frame, CTX)
    assert (beat.kind, beat.attributes["event"], beat.fix_time) == (
        RecordKind.STATUS, 0x88, sent.fix_time,
    )  # fmt: skip
    with pytest.raises(Exception, match="one fix"):
        dev.report([sent, sent])
