"""GoSafe decoding: exact values from real messages for every block decoded (SYS, GPS, GSM,
COT, ADC, DTT, IWD, OBD), multi-record messages, the event code, the GS02 legacy layout,
heartbeats and answers, broken fields, and the Device round trip."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import DeviceError, InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext, FrameKind, Session
from fleetwire.protocols.gosafe import PROTOCOL, Device
from tests.protocols.contract import NOW, decode_sane, framer

from . import vectors as v

CTX = DecodeContext(unique_id="351535059439208", received=NOW)


def records(frame: bytes, ctx: DecodeContext = CTX) -> list[Record]:
    return decode_sane(PROTOCOL, frame, ctx)


def one(frame: bytes) -> Record:
    rs = records(frame)
    assert len(rs) == 1
    return rs[0]


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:40].decode())
def test_every_real_message_decodes_sanely(frame: bytes) -> None:
    records(frame)


def test_g79_capture_from_traccar_issue() -> None:
    r = one(v.G79_RAW_1)  # traccar logged it as 11:29:45 EEST, 31.953618, 35.910664
    assert (r.kind, r.fix_time, r.valid, r.satellites) == (
        RecordKind.POSITION, utc(2015, 6, 2, 8, 29, 45), True, 8,
    )  # fmt: skip
    assert (r.latitude, r.longitude, r.speed, r.course, r.altitude) == (
        31.953618, 35.910664, 7.0, 75.0, 864.0,
    )  # fmt: skip
    assert r.attributes == {
        "model": "G79", "versionFw": "V1.10", "versionHw": "V1.0.2", "hdop": 1.08, "vdop": 1.77,
        "status": 0x27004, "eventStatus": 0,
    }  # fmt: skip


def test_g6s_with_four_temperature_sensors() -> None:
    r = one(v.G6S_IWD4)
    assert (r.fix_time, r.latitude, r.longitude, r.course) == (
        utc(2019, 8, 7, 1, 35, 19), 23.169866, 113.450728, 255.0,
    )  # fmt: skip
    a = r.attributes
    assert (a["odometer"], a["power"], a["battery"], a["status"], a["ioState"]) == (
        18779, 12.66, 0.58, 0x4084, 0xE1,
    )  # fmt: skip
    assert [a[f"temp{n}"] for n in range(1, 5)] == [23.2, 24.3, 24.2, 24.0]
    assert one(v.G6S_IWD1).attributes["temp1"] == 22.5


def test_event_code_and_batches() -> None:
    first, second = records(v.G3C_EVENT)
    assert (first.kind, first.attributes["event"], first.attributes["eventStatus"]) == (
        RecordKind.EVENT, 0x1C, 0x10000000,
    )  # fmt: skip
    assert "alarm" not in first.attributes  # no source maps event codes to alarms
    assert first.latitude == -25.7502
    assert (second.kind, second.fix_time) == (RecordKind.POSITION, utc(2019, 7, 15, 9, 19, 48))
    batch = records(v.G3SC_BATCH)
    assert [r.speed for r in batch] == [16.0, 12.0, 8.0, 0.0, 0.0]
    assert [r.attributes["odometer"] for r in batch][-1] == 4261733160
    assert batch[0].attributes["adc1"] == 0.01


def test_gs56_batch_without_clock_uses_the_receive_time() -> None:
    batch = records(v.GS56_BATCH)
    assert [r.attributes.get("event") for r in batch] == [0x10, 0x86, 0x86, 0x93, 0x13, 0x90, None]
    assert batch[0].fix_time == utc(2016, 11, 30, 12, 39, 18)
    assert all(r.fix_time == NOW for r in batch[1:])
    assert (batch[0].valid, batch[1].valid, batch[0].longitude) == (False, True, -122.23872)
    assert batch[0].attributes["rssi"] == -86


def test_gsm_serving_cell() -> None:
    a = one(v.G3C_GSM).attributes
    assert (a["mcc"], a["mnc"], a["lac"], a["cid"], a["rssi"]) == (416, 3, 0x627A, 0xA84B, -66)
    r = one(v.G79_NO_FIX_CELLS)  # no fix, zero coordinates: no position
    assert (r.kind, r.has_position, r.attributes["cid"]) == (RecordKind.STATUS, False, 0x2820)


def test_engine_hours_and_short_gps_block() -> None:
    assert one(v.G7S_HOURS).attributes["hours"] == ((2 * 60 + 8) * 60 + 17) * 1000
    assert one(v.G3SC_HOURS).attributes["hours"] == 0
    assert "hours" not in one(v.G3SC_DRIVER).attributes  # a bare number: unit unknown
    r = one(v.G3C_SHORT_GPS)
    assert (r.altitude, r.speed, "hdop" in r.attributes) == (None, 0.0, False)


def test_obd_block() -> None:
    a = one(v.G79_OBD_EMPTY_SPEED).attributes
    assert (a["rpm"], a["obdSpeed"], a["coolantTemp"], a["throttle"]) == (0x1220 / 4, 15.0, 31, 0.0)
    a = one(v.G79_OBD_FUL).attributes
    assert (a["coolantTemp"], a["throttle"], a["obdSpeed"]) == (0x7E - 40, 16.08, 33.0)
    assert "vin" not in a  # 0xFF fill
    assert records(v.G79_OBD_BATCH)[0].attributes["rpm"] == 0x1ECD / 4


def test_legacy_gs02() -> None:
    r = one(v.GS02_LEGACY)
    assert (r.kind, r.fix_time, r.valid, r.latitude, r.longitude) == (
        RecordKind.POSITION, utc(2016, 1, 17, 23, 0, 40), True, -1.166829, 36.934287,
    )  # fmt: skip
    assert r.attributes == {"odometer": 32755204, "power": 11.2, "adc2": 28.3, "battery": 4.1}


def test_heartbeat_and_answer_carry_no_record() -> None:
    for frame in (v.GS16_HEARTBEAT, v.GS02_HEARTBEAT, v.RST_ANSWER):
        assert PROTOCOL.decode(frame, CTX) == []
    # neither a record clock nor a block tag after the IMEI: an answer, not a record
    assert PROTOCOL.decode(b"*GS16,351535058709775,1003561302,,GPS:A#", CTX) == []


@pytest.mark.parametrize(
    "body",
    [
        b"100356130215,,GPS:A;6;N94.802700;E46.616828;0;0",
        b"100356130215,,GPS:A;6;X24.802700;E46.616828;0;0",
        b"100356130215,,GPS:A;6;N24.802700;E46.616828;1000;0",
        b"100356130215,,GPS:A;6;N24.802700;E46.616828;0;361",
        b"100356130215,,GPS:Q;6;N24.802700;E46.616828;0;0",
        b"100356130215,,GPS:A;x;N24.802700;E46.616828;0;0",
        b"100356132215,,GPS:A;6;N24.802700;E46.616828;0;0",
        b"100356130215,ZZ,GPS:A;6;N24.802700;E46.616828;0;0",
        b"100356130215,,GPS",
        b"100356130215,,DTT:4G",
        b"100356130215,,OBD:04410C",
        b"100356130215,,OBD:0441Z",
        b"100356130215,,IWD:x;1;ab;1.0",
    ],
)
def test_broken_fields_are_the_devices_error(body: bytes) -> None:
    frame = b"*GS16,351535058709775," + body + b"#"
    with pytest.raises(DeviceError):
        PROTOCOL.decode(frame, CTX)


def test_timezone_option_shifts_the_clock() -> None:
    ctx = DecodeContext(unique_id="x", received=NOW, options={"timezone": 3})
    assert records(v.G79_RAW_1, ctx)[0].fix_time == utc(2015, 6, 2, 5, 29, 45)


def test_device_round_trip() -> None:
    dev = Device("356449068350122")
    fixes = [
        Record(
            fix_time=utc(2026, 11, 26, 11, 59, s), valid=True, latitude=-33.868820,
            longitude=151.209296, speed=87.0, course=359.0, altitude=42.0, satellites=9,
            attributes={"hdop": 0.8, "odometer": 1234, "power": 12.5, "battery": 4.1},
        )
        for s in (0, 30)
    ]  # fmt: skip
    frame, expected = dev.report(fixes)
    assert framer(PROTOCOL).feed(frame) == [frame]
    up = PROTOCOL.inspect(frame, Session())
    assert (up.kind, up.unique_id, up.records, up.ack, expected) == (
        FrameKind.DATA, "356449068350122", 2, b"", b"",
    )  # fmt: skip
    got = records(frame)
    assert [r.fix_time for r in got] == [f.fix_time for f in fixes]
    for r, f in zip(got, fixes, strict=True):
        assert (r.kind, r.valid, r.latitude, r.longitude, r.speed, r.course, r.altitude) == (
            RecordKind.POSITION, True, f.latitude, f.longitude, 87.0, 359.0, 42.0,
        )  # fmt: skip
        assert r.satellites == 9
        assert {k: r.attributes[k] for k in f.attributes} == f.attributes
    hb, reply = dev.heartbeat()
    assert (dev.report([]), PROTOCOL.inspect(hb, Session()).kind, reply) == (
        (hb, b""), FrameKind.HEARTBEAT, b"",
    )  # fmt: skip
    with pytest.raises(InvalidField):
        PROTOCOL.decode(b"*GS06,356449068350122,100356130215,,GPS:A;6;N1;E1;0;0,junk#", CTX)
