"""MiniFinder decoding: exact values from real frames (general data, GPS, alarms, counters, many
records in one message, responses), the sanity check on every record, and the Device round trip."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import ChecksumError, InvalidField, TruncatedFrame
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext, FrameKind, Session
from fleetwire.protocols.minifinder2 import PROTOCOL, Device
from fleetwire.protocols.minifinder2.framing import build, record
from tests.protocols.contract import NOW, decode_sane, framer

from . import vectors as v

CTX = DecodeContext(unique_id="862771076878340", received=NOW)
IMEI_KEY = record(1, b"862771076878340")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def one(frame: bytes) -> Record:
    records = decode_sane(PROTOCOL, frame, CTX)
    assert len(records) == 1
    return records[0]


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:8].hex())
def test_every_real_frame_decodes_sanely(frame: bytes) -> None:
    decode_sane(PROTOCOL, frame, CTX)


def test_gps_fix_in_sweden() -> None:
    r = one(v.GPS_SWEDEN)
    assert (r.kind, r.valid, r.fix_time) == (
        RecordKind.POSITION,
        True,
        utc(2026, 3, 12, 12, 15, 42),
    )
    assert (r.latitude, r.longitude) == (pytest.approx(56.8773866), pytest.approx(14.7806586))
    assert (r.speed, r.course, r.altitude, r.satellites) == (0.0, 286.0, 166.0, 22)
    a = r.attributes
    assert (a["batteryLevel"], a["charge"], a["motion"], a["status"]) == (
        43,
        False,
        True,
        0x2BFB0301,
    )
    assert (a["sat"], a["accuracy"], a["odometer"]) == (22, 5, 0)
    assert a["io44"] == "020a2f7f89cfc8cc0064"  # the last of three 0x2C keys, undecoded


def test_gps_fix_in_shenzhen() -> None:
    r = one(v.GPS_SHENZHEN)
    assert r.fix_time == utc(2022, 5, 17, 8, 7, 8)
    assert (r.latitude, r.longitude) == (pytest.approx(22.4382), pytest.approx(114.05236))
    assert (r.speed, r.course, r.satellites) == (45.0, 175.0, 11)
    assert (r.attributes["batteryLevel"], r.attributes["odometer"]) == (80, 2669)


def test_sos_alarm_joins_its_record() -> None:
    r = one(v.ALARM_SOS)
    assert (r.kind, r.fix_time, r.has_position) == (
        RecordKind.EVENT,
        utc(2026, 6, 1, 16, 48, 16),
        False,
    )
    a = r.attributes
    assert (a["alarm"], a["event"], a["batteryLevel"]) == ("sos", 0x1000, 100)


def test_alarm_at_another_time_is_its_own_record() -> None:
    status, alarm = decode_sane(PROTOCOL, v.ALARM_BIT31, CTX)
    assert (status.fix_time, alarm.fix_time) == (
        utc(2022, 10, 13, 6, 41, 45),
        utc(2022, 10, 13, 6, 41, 43),
    )
    assert (status.attributes["charge"], status.attributes["batteryLevel"]) == (True, 100)
    # bit 31 has no attributes.md alarm name: the pet models' barking, a flag of its own
    assert alarm.attributes == {"event": 0x80000000, "bark": True}
    assert alarm.kind is RecordKind.STATUS


def test_alarm_bits_to_names() -> None:
    bits = (1 << 0) | (1 << 2) | (1 << 5) | (1 << 6) | (1 << 12)
    ts = (1_700_000_000).to_bytes(4, "little")
    frame = build(0x10, 9, b"\x01" + IMEI_KEY + record(2, bits.to_bytes(4, "little") + ts))
    r = one(frame)
    assert r.attributes["alarm"] == "lowBattery,fallDown,geofence,sos"
    assert (r.kind, r.fix_time) == (RecordKind.EVENT, utc(2023, 11, 14, 22, 13, 20))


def test_counter_and_unknown_keys() -> None:
    r = one(v.COUNTER)
    assert (r.kind, r.fix_time, r.attributes) == (
        RecordKind.STATUS, utc(2023, 3, 3, 10, 58, 55), {"barkCount": 12},
    )  # fmt: skip
    r = one(v.PROPERTIES_18)
    assert r.fix_time == utc(2021, 1, 29, 13, 19, 54)
    assert r.attributes["io40"] == "c03a79ba309be5dec3c2024122c21c2407676267"


def test_many_records_in_one_message() -> None:
    records = decode_sane(PROTOCOL, v.MANY_GPS, CTX)
    assert len(records) == 29
    first, last = records[0], records[-1]
    assert first.fix_time == utc(2020, 9, 11, 16, 41, 54)
    assert (first.latitude, first.longitude) == (
        pytest.approx(33.2388824),
        pytest.approx(-96.6837464),
    )
    assert (first.speed, first.satellites, first.attributes["odometer"]) == (1.0, 11, 82092)
    assert last.fix_time == utc(2020, 9, 11, 16, 46, 34)
    assert all(r.kind is RecordKind.POSITION for r in records)


def test_response_and_other_messages() -> None:
    r = one(v.RESPONSE)
    assert (r.kind, r.fix_time, r.attributes) == (RecordKind.STATUS, NOW, {"result": "0"})
    # system control answer: its key's text, the command echoed ("test")
    r = one(v.SYSTEM_CONTROL)
    assert (r.kind, r.fix_time, r.attributes) == (RecordKind.STATUS, NOW, {"result": "test"})
    # services: the device is alive now; undocumented keys kept raw (0x10 = 90, 0x12 empty)
    heartbeat = one(v.HEARTBEAT)
    assert (heartbeat.kind, heartbeat.fix_time, heartbeat.attributes) == (
        RecordKind.STATUS, NOW, {"io16": 90},
    )  # fmt: skip
    services = one(v.SERVICES_12)
    assert (services.kind, services.has_position, services.attributes) == (
        RecordKind.STATUS, False, {},
    )  # fmt: skip


def test_malformed_data() -> None:
    with pytest.raises(ChecksumError):
        PROTOCOL.decode(v.EDITED_BAD_CRC, CTX)
    ts = (1_700_000_000).to_bytes(4, "little")
    with pytest.raises(InvalidField):  # general data shorter than time + status
        PROTOCOL.decode(build(0x10, 1, b"\x01" + IMEI_KEY + record(0x24, ts)), CTX)
    with pytest.raises(InvalidField):  # a clock before 2000
        PROTOCOL.decode(build(0x10, 1, b"\x01" + IMEI_KEY + record(0x24, bytes(8))), CTX)
    with pytest.raises(InvalidField):  # GPS value short
        PROTOCOL.decode(build(0x10, 1, b"\x01" + IMEI_KEY + record(0x20, bytes(20))), CTX)
    north = (91 * 10**7).to_bytes(4, "little", signed=True)
    with pytest.raises(InvalidField):
        PROTOCOL.decode(build(0x10, 1, b"\x01" + record(0x20, north + bytes(17))), CTX)
    with pytest.raises(TruncatedFrame):
        PROTOCOL.decode(build(0x10, 1, b"\x01" + IMEI_KEY + b"\x09\x24"), CTX)
    with pytest.raises(InvalidField):
        PROTOCOL.decode(build(0, 1, b"\x7f"), CTX)  # a response without its result key


def test_device_round_trip() -> None:
    dev = Device("862771076878340")
    session = Session()
    fr = framer(PROTOCOL)
    frame, expected = dev.login()
    assert fr.feed(frame) == [frame]
    up = PROTOCOL.inspect(frame, session)
    assert (up.kind, up.unique_id, up.ack) == (FrameKind.HEARTBEAT, "862771076878340", expected)
    sent = Record(
        fix_time=utc(2025, 3, 1, 8, 30, 15), valid=True, latitude=-33.8688197,
        longitude=151.2092955, altitude=58.0, speed=72.0, course=181.0, satellites=12,
        attributes={"batteryLevel": 77, "odometer": 1234567, "alarm": "sos,fallDown"},
    )  # fmt: skip
    parked = Record(fix_time=utc(2025, 3, 1, 8, 31, 15))
    frame, expected = dev.report([sent, parked])
    assert fr.feed(frame[:7]) == [] and fr.feed(frame[7:]) == [frame]
    up = PROTOCOL.inspect(frame, session)
    assert (up.ack, up.records, up.unique_id) == (expected, 2, "862771076878340")
    assert expected == bytes.fromhex("ab00030008c702007f0100")  # second message of the device
    got, got_parked = decode_sane(PROTOCOL, frame, CTX)
    assert got.fix_time == sent.fix_time
    assert (got.latitude, got.longitude) == (pytest.approx(-33.8688197), pytest.approx(151.2092955))
    assert (got.altitude, got.speed, got.course, got.satellites) == (58.0, 72.0, 181.0, 12)
    assert got.kind is RecordKind.EVENT
    assert (got.attributes["alarm"], got.attributes["batteryLevel"]) == ("fallDown,sos", 77)
    assert got.attributes["odometer"] == 1234567
    assert (got_parked.kind, got_parked.has_position) == (RecordKind.STATUS, False)


@pytest.mark.parametrize(
    ("frame", "when", "battery", "alarm"),
    [
        (v.ALARM_SHORT_SOS, datetime(2019, 4, 16, 8, 29, 15, tzinfo=UTC), 97, "sos"),
        (
            v.ALARM_SHORT_LOW_BATTERY,
            datetime(2019, 3, 14, 20, 44, 56, tzinfo=UTC),
            19,
            "lowBattery",
        ),
    ],
)
def test_alarm_without_its_own_time_joins_the_general_data(
    frame: bytes, when: datetime, battery: int, alarm: str
) -> None:
    """Firmware that sends the alarm key with its 4 bit bytes only (no time): once refused as an
    invalid field, which made the unit resend its SOS forever."""
    up = PROTOCOL.inspect(frame, Session())
    assert up.records == 1
    (rec,) = decode_sane(PROTOCOL, frame, CTX)
    assert (rec.kind, rec.fix_time, rec.valid) == (RecordKind.EVENT, when, False)
    assert rec.attributes["alarm"] == alarm and rec.attributes["batteryLevel"] == battery


def test_gps_fix_near_bonn_after_a_key_0x30() -> None:
    records = decode_sane(PROTOCOL, v.GPS_BONN, CTX)
    assert [r.kind for r in records] == [RecordKind.STATUS, RecordKind.POSITION]
    fix = records[1]
    assert fix.fix_time == datetime(2019, 7, 9, 14, 3, 32, tzinfo=UTC)
    assert (fix.latitude, fix.longitude) == (50.7232486, 7.1460851)
    assert fix.satellites == 16 and fix.attributes["batteryLevel"] == 32
