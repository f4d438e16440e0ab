"""Suntech decoding: exact values from real reports of each type and layout, the sanity check
on every record, and the Device round trip."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext, FrameKind, Session
from fleetwire.protocols.suntech import PROTOCOL, Device
from tests.protocols.contract import NOW, decode_sane, framer

from . import vectors as v

CTX = DecodeContext(unique_id="205173382", received=NOW)


def one(frame: bytes) -> Record:
    records = decode_sane(PROTOCOL, frame, CTX)
    assert len(records) == 1
    return records[0]


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:10].hex())
def test_every_real_frame_decodes_sanely(frame: bytes) -> None:
    decode_sane(PROTOCOL, frame, CTX)


def test_st300_status() -> None:
    r = one(v.ST300_STT_SHORT)
    assert (r.kind, r.fix_time, r.valid) == (RecordKind.POSITION, utc(2019, 2, 20, 12, 5, 4), True)
    assert (r.latitude, r.longitude, r.speed, r.course, r.satellites) == (
        4.644623, -74.076922, 10.39, 202.77, 20,
    )  # fmt: skip
    assert r.attributes == {
        "odometer": 997100, "power": 14.1, "ignition": True, "in1": False, "in2": False,
        "in3": False, "out1": False, "out2": False, "index": 8384, "hours": 3634 * 60_000,
        "battery": 4.1,
    }  # fmt: skip


def test_st300_status_with_temperatures() -> None:
    a = one(v.ST300_STT).attributes
    assert (a["temp1"], a["temp2"]) == (-20.8, 2.5)
    assert a["in3"] is True  # I/O 000100
    assert one(v.ST600_STT_TEMP).attributes["temp1"] == 13.7


def test_st600_layout_with_cell_fields_and_stored_report() -> None:
    r = one(v.ST600_STT)
    assert r.fix_time == utc(2018, 3, 8, 18, 0, 36)
    assert (r.latitude, r.longitude, r.speed, r.course) == (-16.530023, -68.084267, 18.64, 267.99)
    assert r.attributes["archive"] is True  # MSG_TYPE 0: from storage
    assert (r.attributes["index"], r.attributes["power"]) == (336, 13.33)


def test_sa200_layout_without_model() -> None:
    r = one(v.SA200_STT)
    assert r.fix_time == utc(2012, 7, 18, 15, 37, 12)
    assert (r.latitude, r.longitude, r.valid) == (-15.618755, -56.083241, True)
    assert (r.attributes["index"], r.attributes["ignition"]) == (1979, True)


def test_universal_status() -> None:
    r = one(v.UNIVERSAL_STT)
    assert r.fix_time == utc(2020, 2, 19, 20, 52, 25)
    assert (r.latitude, r.longitude, r.satellites) == (20.741764, -103.430364, 19)
    assert r.attributes == {"input": 1, "output": 0, "index": 1765}
    assert one(v.UNIVERSAL_STT_2).attributes == {"input": 5, "output": 8, "index": 492}


def test_alerts() -> None:
    r = one(v.ST300_ALT_IGNITION)
    assert r.kind == RecordKind.POSITION  # 33 ignition on: an event, not an alarm
    assert (r.attributes["event"], r.attributes["ignition"]) == (33, True)
    assert r.attributes["hours"] == 3188 * 60_000
    r = one(v.ST300_ALT_POWER)
    assert (r.attributes["event"], r.attributes["power"]) == (81, 16.57)
    alt = v.ST300_ALT_IGNITION.replace(b";33;", b";41;")
    r = one(alt)
    assert (r.kind, r.attributes["alarm"]) == (RecordKind.EVENT, "powerCut")
    assert one(v.UNIVERSAL_ALT).attributes["event"] == 9


def test_emergency() -> None:
    r = one(v.SA200_EMG)
    assert (r.kind, r.attributes["alarm"]) == (RecordKind.EVENT, "sos")
    assert r.fix_time == utc(2012, 7, 18, 15, 35, 41)
    r = one(v.SA200_EMG.replace(b";110000;1\r", b";110000;3\r"))
    assert r.attributes["alarm"] == "powerCut"


def test_event_and_serial_data() -> None:
    assert one(v.ST300_EVT).attributes["event"] == 2
    r = one(v.FRAME_UEX)
    assert (r.latitude, r.longitude, r.attributes["odometer"]) == (20.514145, -100.74371, 10377861)
    assert one(v.ST300_UEX).attributes["in1"] is True


def test_trip_report_and_driver() -> None:
    r = one(v.ST300_HTE)
    assert r.fix_time == utc(2011, 1, 1, 0, 13, 52)
    assert (r.latitude, r.longitude) == (-22.881018, -47.070831)
    assert r.attributes == {"power": 12.28, "driverUniqueId": "01E04D44160000"}


def test_st910() -> None:
    r = one(v.ST910_EMERGENCY)
    assert (r.kind, r.attributes["alarm"]) == (RecordKind.EVENT, "sos")
    assert one(v.ST910_LOCATION).fix_time == utc(2017, 3, 19, 12, 18, 17)


def test_layouts_whose_extra_fields_are_not_read() -> None:
    r = one(v.ST410_STT)  # cell list before the date: only position fields
    assert (r.latitude, r.longitude, r.speed, r.attributes) == (-15.57186, -56.062637, 0.852, {})
    assert one(v.ST500_STT).attributes == {}


def test_command_answers() -> None:
    r = one(v.DOC_REBOOT_RES)
    assert (r.kind, r.fix_time, r.attributes) == (RecordKind.STATUS, NOW, {"result": "Reboot"})
    assert one(v.DOC_REQ_BATT_RES).attributes == {"result": "ReqBattLife;1"}


def test_records_less_frames() -> None:
    for frame in (v.SA200_ALV, v.FRAME_ALV):
        assert PROTOCOL.decode(frame, CTX) == []


def test_out_of_range_fields_are_invalid() -> None:
    for old, new in ((b"+04.644623", b"+94.644623"), (b"20190220", b"20191320"),
                     (b"202.77", b"402.77"), (b"010.390", b"1010.39")):  # fmt: skip
        with pytest.raises(InvalidField):
            PROTOCOL.decode(v.ST300_STT_SHORT.replace(old, new), CTX)
    with pytest.raises(InvalidField):
        PROTOCOL.decode(b"ST300STT;205173382;07;564;no date\r", CTX)


def test_device_round_trip() -> None:
    dev = Device("205173382")
    session = Session()
    fr = framer(PROTOCOL)
    frame, expected = dev.login()
    assert fr.feed(frame) == [frame]
    up = PROTOCOL.inspect(frame, session)
    assert (up.kind, up.unique_id, up.ack, expected) == (FrameKind.HEARTBEAT, "205173382", b"", b"")

    fix = Record(
        fix_time=utc(2026, 11, 26, 11, 59, 30), valid=True, latitude=-33.868820,
        longitude=151.209296, speed=87.5, course=359.25, satellites=11,
        attributes={"odometer": 123456, "power": 12.5, "ignition": True, "in1": False,
                    "in2": True, "in3": False, "out1": True, "out2": False,
                    "hours": 3188 * 60_000, "battery": 4.1},
    )  # fmt: skip
    frame, expected = dev.report([fix])
    assert fr.feed(frame) == [frame]
    assert PROTOCOL.inspect(frame, session).ack == expected == b""
    r = one(frame)
    assert (r.fix_time, r.valid, r.latitude, r.longitude, r.speed, r.course, r.satellites) == (
        fix.fix_time, True, fix.latitude, fix.longitude, 87.5, 359.25, 11,
    )  # fmt: skip
    assert r.attributes == {**fix.attributes, "index": 1}
    archived = Record(fix_time=NOW, latitude=1.0, longitude=2.0, attributes={"archive": True})
    assert one(dev.report([archived])[0]).attributes["archive"] is True
    assert dev.report([])[0] == dev.heartbeat()[0]
    with pytest.raises(ValueError, match="one fix"):
        dev.report([fix, fix])


def test_report_cut_after_an_impossible_speed_is_an_invalid_field() -> None:
    """TRACCAR's ST300STT capture cut right after a speed of 1000.000 km/h: bench/fuzz.py
    found the error message reading a course field that is not there (an IndexError)."""
    text = v.ST300_STT.decode().split(";")
    cut = ";".join([*text[:9], "1000.000"]).encode() + b"\r"
    with pytest.raises(InvalidField, match=r"speed 1000\.0 / course None"):
        PROTOCOL.decode(cut, CTX)
