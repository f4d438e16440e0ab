"""OsmAnd decoding: exact values from real requests for the query, form and JSON formats,
the units (knots in the query, m/s in JSON), timestamps in every documented form, typed extra
parameters, the sanity check on every record, and the Device round trip."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import ConfigError, InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext, Session
from fleetwire.protocols.osmand import PROTOCOL, Device
from tests.protocols.contract import NOW, decode_sane, framer

from . import vectors as v

CTX = DecodeContext(unique_id="123456", received=NOW)


def one(frame: bytes, ctx: DecodeContext = CTX) -> Record:
    records = decode_sane(PROTOCOL, frame, ctx)
    assert len(records) == 1
    return records[0]


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:12].decode())
def test_every_real_request_decodes_sanely(frame: bytes) -> None:
    assert decode_sane(PROTOCOL, frame, CTX)


def test_iso_timestamp_hdop_altitude() -> None:
    r = one(v.ISO_Z)
    assert (r.kind, r.valid, r.fix_time) == (
        RecordKind.POSITION,
        True,
        utc(2016, 1, 27, 18, 55, 47),
    )
    assert (r.latitude, r.longitude, r.altitude, r.speed) == (42.06288, -88.23412, 224.0, 0.0)
    assert r.course is None
    assert r.attributes == {"hdop": 6.0}


def test_millisecond_and_space_separated_timestamps() -> None:
    assert one(v.MILLIS).fix_time == datetime(2015, 9, 12, 14, 38, 6, 579000, tzinfo=UTC)
    r = one(v.SPACE_TIME)
    assert r.fix_time == utc(2014, 6, 4, 9, 10, 11)
    assert (r.latitude, r.longitude, r.altitude) == (49.60688, 6.15788, 384.7)


def test_unix_seconds_bearing_and_zeroes() -> None:
    r = one(v.FULL)
    assert r.fix_time == utc(2013, 8, 22, 13, 14, 27)
    assert (r.latitude, r.longitude, r.speed, r.course, r.altitude) == (60.0, 30.0, 0, 0, 0)
    assert r.attributes == {"hdop": 0.0}
    r = one(v.MINIMAL)
    assert (r.speed, r.course, r.altitude, r.attributes) == (None, None, None, {})


def test_deviceid_heading_and_unknown_parameters() -> None:
    r = one(v.DEVICEID)
    assert r.fix_time == NOW  # no timestamp: the request is sent when the fix is taken
    assert (r.course, r.altitude) == (0.0, 0.0)
    assert r.attributes == {"vacc": 0, "hacc": 0}


def test_battery_level() -> None:
    r = one(v.BATT)
    assert (r.latitude, r.longitude) == (41.666667, -0.883333)
    assert r.altitude == pytest.approx(350.059479)
    assert r.attributes == {"batteryLevel": 87.0}


def test_location_parameter() -> None:
    r = one(v.LOCATION)
    assert (r.latitude, r.longitude) == (60.0, 30.0)


def test_speed_in_knots_and_typed_extras() -> None:
    r = one(v.OBD)
    assert r.fix_time == utc(2017, 9, 7, 5, 56, 50)
    assert r.speed == pytest.approx(40 * 1.852)  # Traccar's OsmAnd page: speed in knots
    assert r.course == pytest.approx(7.19889788244)
    assert (r.latitude, r.longitude) == (40.7232948571, -74.0061408571)
    assert r.attributes == {"ignition": True, "rpm": 933, "fuel": 24}


def test_speed_unit_option() -> None:
    frame = v.get("/?id=1&lat=1&lon=2&speed=10")
    for unit, kmh in (("kn", 18.52), ("kmh", 10.0), ("mps", 36.0), ("mph", 16.09344)):
        ctx = DecodeContext("1", NOW, options={"speedUnit": unit})
        assert one(frame, ctx).speed == pytest.approx(kmh)
    with pytest.raises(ConfigError):
        PROTOCOL.decode(frame, DecodeContext("1", NOW, options={"speedUnit": "furlongs"}))


def test_form_body_and_post_with_query() -> None:
    for frame in (v.FORM, v.POST_QUERY):
        r = one(frame)
        assert (r.fix_time, r.latitude, r.longitude) == (utc(2013, 8, 22, 13, 14, 27), 60.0, 30.0)
    assert one(v.FORM).attributes == {"hdop": 0.0}


def test_json_still() -> None:
    r = one(v.JSON_STILL)
    assert (r.kind, r.valid) == (RecordKind.POSITION, True)
    assert r.fix_time == datetime(2025, 6, 15, 13, 45, 12, 862000, tzinfo=UTC)
    assert (r.latitude, r.longitude, r.altitude, r.speed, r.course) == (
        37.4219983, -122.084, 5.0, 0.0, None,  # heading -1: none
    )  # fmt: skip
    assert r.attributes == {
        "accuracy": 5.0, "motion": False, "odometer": 0.0, "event": "motionchange",
        "batteryLevel": 100.0, "charge": False, "activity": "still",
    }  # fmt: skip


def test_json_moving_speed_in_metres_per_second() -> None:
    r = one(v.JSON_MOVING)
    assert r.fix_time == datetime(2021, 7, 21, 8, 6, 34, 444000, tzinfo=UTC)
    assert (r.latitude, r.longitude) == (-6.1148096, 106.6837015)
    assert r.speed == pytest.approx(18.67 * 3.6)
    assert (r.course, r.altitude) == (63.0, 35.7)
    assert r.attributes["batteryLevel"] == 79.0
    assert r.attributes["accuracy"] == 3.8


def test_json_unknowns_are_left_out() -> None:
    r = one(v.JSON_IOS_MOCK)
    assert r.fix_time == datetime(2025, 5, 9, 4, 11, 30, 579000, tzinfo=UTC)
    assert (r.speed, r.course) == (None, None)  # -1: the platform had none
    assert "batteryLevel" not in r.attributes  # level -1
    assert r.attributes["activity"] == "unknown"


def test_json_extras_become_attributes() -> None:
    a = one(v.JSON_EXTRAS).attributes
    assert a["device_string_test"] == "long_device_id"
    assert (a["device_bool_test"], a["device_bool_false_test"]) == (True, False)
    assert (a["device_integer_test"], a["device_double_test"]) == (1, 1.345)
    assert a["device_very_long_double_test"] == 1763636.3442


def test_docs_example() -> None:
    r = one(v.DOCS_JSON)
    assert (r.fix_time, r.latitude, r.longitude, r.course) == (utc(2000, 1, 1), 0.0, 0.0, 0.0)


def test_json_batch() -> None:
    body = (
        '{"device_id":"42","location":[{"timestamp":"2024-01-01T00:00:00Z",'
        '"coords":{"latitude":1,"longitude":2,"speed":10}},'
        '{"timestamp":"2024-01-01T00:00:10+02:00","coords":{"latitude":3,"longitude":4}}]}'
    )
    first, second = decode_sane(PROTOCOL, v.post_json(body), CTX)
    assert (first.fix_time, first.latitude, first.speed) == (utc(2024, 1, 1), 1.0, 36.0)
    assert (second.fix_time, second.longitude) == (utc(2023, 12, 31, 22, 0, 10), 4.0)


def test_documented_parameters() -> None:
    r = one(
        v.get(
            "/?id=1&lat=-33.5&lon=151.25&valid=false&accuracy=12.5&charge=true&batt=55"
            "&driverUniqueId=D%2001&cell=505,1,1234,56789,-70&wifi=00-14-22-01-23-45,-80"
            "&bearing=-1&motion=1&note=hello+world&big=1e999"
        )
    )
    assert (r.valid, r.latitude, r.longitude, r.course) == (False, -33.5, 151.25, None)
    assert r.attributes == {
        "accuracy": 12.5, "charge": True, "batteryLevel": 55.0, "driverUniqueId": "D 01",
        "mcc": 505, "mnc": 1, "lac": 1234, "cid": 56789, "rssi": -70,
        "wifi": "00-14-22-01-23-45,-80", "motion": True, "note": "hello world", "big": "1e999",
    }  # fmt: skip


def test_bad_fields_are_invalid() -> None:
    for target in (
        "/?id=1&lat=1&lon=2&timestamp=yesterday",
        "/?id=1&lat=1&lon=2&timestamp=99999999999999999999",
        "/?id=1&lat=1&lon=2&valid=maybe",
        "/?id=1&lat=1&lon=2&speed=fast",
        "/?id=1&lat=1&lon=2&speed=inf",
        "/?id=1&lat=1&lon=2&ignition=maybe",
    ):
        with pytest.raises(InvalidField):
            PROTOCOL.decode(v.get(target), CTX)
    for body in (
        '{"device_id":"1","location":{"timestamp":5,"coords":{"latitude":1,"longitude":2}}}',
        '{"device_id":"1","location":{"battery":3,"coords":{"latitude":1,"longitude":2}}}',
        '{"device_id":"1","location":{"coords":{"latitude":1,"longitude":2,"speed":"9"}}}',
    ):
        with pytest.raises(InvalidField):
            PROTOCOL.decode(v.post_json(body), CTX)


def test_refused_requests_do_not_decode() -> None:
    for frame in v.REFUSED:
        with pytest.raises(InvalidField):
            PROTOCOL.decode(frame, CTX)


def test_device_round_trip() -> None:
    dev = Device("359339075005244")
    assert dev.login() == (b"", b"")  # no login in this protocol
    assert dev.heartbeat() == (b"", b"")  # nor a keep-alive
    session = Session()
    fixes = [
        Record(
            fix_time=utc(2026, 11, 26, 11, 59, 30), valid=True, latitude=-33.86882,
            longitude=151.209296, altitude=42.0, speed=87.0, course=359.0,
            attributes={"ignition": True, "motion": True, "power": 12.6, "odometer": 987654},
        ),
        Record(fix_time=datetime(2026, 11, 26, 11, 59, 31, 250000, tzinfo=UTC), valid=False,
               latitude=40.5, longitude=-74.25),
    ]  # fmt: skip
    stream, expected = dev.report(fixes)
    frames = framer(PROTOCOL).feed(stream)
    assert len(frames) == 2
    assert b"".join(PROTOCOL.inspect(f, session).ack for f in frames) == expected
    assert session.unique_id is None  # inspect leaves the session to the gateway
    assert {PROTOCOL.inspect(f, Session()).unique_id for f in frames} == {"359339075005244"}
    got = [one(f) for f in frames]
    for want, r in zip(fixes, got, strict=True):
        assert (r.fix_time, r.valid, r.latitude, r.longitude) == (
            want.fix_time, want.valid, want.latitude, want.longitude,
        )  # fmt: skip
    assert got[0].speed == pytest.approx(87.0)
    assert (got[0].course, got[0].altitude) == (359.0, 42.0)
    assert got[0].attributes == fixes[0].attributes
    assert got[1].speed is None


def test_device_id_is_url_encoded() -> None:
    fix = Record(fix_time=NOW, valid=True, latitude=1.0, longitude=2.0)
    frame, _ = Device("my phone&x").report([fix])
    assert PROTOCOL.inspect(frame, Session()).unique_id == "my phone&x"
