"""LM Direct decoding: exact values from real Event Reports, Mini Event Reports and User Data,
the sanity check on every record, and the Device round trip."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import DeviceError, InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext, Session, Transport
from fleetwire.protocols.calamp import PROTOCOL, Device
from tests.protocols.contract import NOW, decode_sane

from . import vectors as v

CTX = DecodeContext(unique_id="1633033459", received=NOW, transport=Transport.UDP)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def one(frame: bytes) -> Record:
    records = decode_sane(PROTOCOL, frame, CTX)
    assert len(records) == 1
    return records[0]


@pytest.mark.parametrize("frame", v.ALL, ids=lambda f: f[:14].hex())
def test_every_real_message_decodes_sanely(frame: bytes) -> None:
    decode_sane(PROTOCOL, frame, CTX)


def test_event_report_fields() -> None:
    r = one(v.EVENT_INDIA)
    assert r.kind is RecordKind.POSITION and r.valid
    assert r.fix_time == utc(2017, 9, 5, 10, 27, 32)
    assert r.latitude == pytest.approx(18.499067)
    assert r.longitude == pytest.approx(73.8284046)
    assert r.altitude == pytest.approx(555.74)  # 55574 cm
    assert r.speed == pytest.approx(441 * 0.036)  # 441 cm/s
    assert r.course == 69.0
    assert r.satellites == 9
    assert r.attributes == {
        "sat": 9, "fixStatus": 0, "operator": 90, "rssi": -91, "commState": 0x0F,
        "roaming": False, "hdop": 0.9, "input": 0x1F, "ignition": True, "status": 0,
        "updateTime": 1504607252, "index": 38, "event": 13,
        "io0": 3876, "io1": 441, "io2": 0, "io3": 14100,
    }  # fmt: skip


def test_event_report_south_west_and_historic() -> None:
    r = one(v.EVENT_SAO_PAULO)
    assert r.fix_time == utc(2021, 1, 3, 3, 30, 31)  # time of fix, not update time
    assert r.attributes["updateTime"] == 1609644628
    assert r.latitude == pytest.approx(-23.6812936)
    assert r.longitude == pytest.approx(-46.7478976)
    assert r.altitude == pytest.approx(796.08)
    assert r.attributes["archive"] is True  # fix status 0x20: logged by the LMU
    assert r.attributes["rssi"] == -115
    assert r.attributes["hdop"] == 3.0
    assert r.attributes["index"] == 123 and r.attributes["event"] == 33
    assert [r.attributes[f"io{i}"] for i in range(16)][:4] == [12768, 4122, 0, 2239026]


def test_imei_and_roaming() -> None:
    r = one(v.EVENT_IMEI)
    assert r.latitude == pytest.approx(42.8949341)
    assert r.longitude == pytest.approx(-85.7659106)
    assert r.attributes["roaming"] is True  # comm state 0x6f
    assert r.attributes["operator"] == 410


def test_last_known_is_not_valid() -> None:
    r = one(v.EVENT_LAST_KNOWN)
    assert r.kind is RecordKind.POSITION and not r.valid
    assert r.latitude == pytest.approx(53.4259931)
    assert r.longitude == pytest.approx(-2.3186331)


def test_invalid_fix_is_a_status_at_update_time() -> None:
    r = one(v.EVENT_NO_FIX)
    assert r.kind is RecordKind.STATUS and not r.has_position and not r.valid
    assert r.fix_time == utc(2016, 6, 11, 18, 31, 31)
    assert r.attributes["event"] == 1 and r.attributes["ignition"] is True


def test_accumulator_format_type_and_count() -> None:
    r = one(v.EVENT_23_ACCUMS)
    assert r.attributes["accumulatorFormat"] == 1
    assert "io22" in r.attributes and "io23" not in r.attributes
    assert r.attributes["io22"] == 0x070F


def test_mini_event_report() -> None:
    r = one(v.MINI_RIYADH)
    assert r.kind is RecordKind.POSITION and r.valid
    assert r.fix_time == utc(2015, 9, 30, 3, 43, 26)
    assert r.latitude == pytest.approx(24.6272041)
    assert r.longitude == pytest.approx(46.8513733)
    assert r.speed == 5.0  # km/h in the Mini Event Report
    assert r.course == 240.0
    assert r.satellites == 9
    assert r.altitude is None
    assert r.attributes == {
        "sat": 9, "fixStatus": 9, "commState": 0x0F, "roaming": False, "input": 0x1F,
        "ignition": True, "event": 0x33, "io0": 0x301, "io1": 0x40C0A6, "io2": 0, "io3": 0,
        "io4": 0x8B12A102,
    }  # fmt: skip


def test_mini_event_report_last_known() -> None:
    r = one(v.MINI_LAST_KNOWN)  # fix status 0x49: 9 satellites, bit 6
    assert r.satellites == 9 and not r.valid


def test_user_data_carries_position_and_message() -> None:
    r = one(v.USER_DATA)
    assert r.latitude == pytest.approx(-34.8727875)
    assert r.longitude == pytest.approx(-54.9855376)
    assert r.attributes["userMessage"] == "0x300ED89F335019000000467E\r\n"
    assert r.attributes["userMessageRoute"] == 2
    assert r.attributes["userMessageId"] == 0


def test_id_report_and_null_give_no_record() -> None:
    assert PROTOCOL.decode(v.ID_REPORT, CTX) == []
    assert PROTOCOL.decode(v.NULL_ACKED, CTX) == []


def test_device_acknowledge_is_a_status() -> None:
    ack = bytes.fromhex("830543321494860101020100070700000102 03".replace(" ", ""))
    (r,) = PROTOCOL.decode(ack, CTX)
    assert r.kind is RecordKind.STATUS
    assert r.attributes == {"result": "ack", "type": 7}
    nak = ack[:-5] + b"\x05" + ack[-4:]
    assert PROTOCOL.decode(nak, CTX)[0].attributes["result"] == "nak 5"


def test_out_of_range_position_is_invalid() -> None:
    bad = bytearray(v.EVENT_INDIA)
    bad[13 + 8] = 0x7F  # latitude 0x7f... > 90 degrees
    with pytest.raises(InvalidField):
        PROTOCOL.decode(bytes(bad), CTX)


def test_appended_cell_info_is_kept() -> None:
    frame = bytearray(v.EVENT_NO_FIX)
    frame[13 + 39] = 0x01  # Append: cell info
    frame += b"\x03abc"
    (r,) = PROTOCOL.decode(bytes(frame), CTX)
    assert r.attributes["cellInfo"] == "616263"


@pytest.mark.parametrize("frame", v.STREAM, ids=lambda f: f[:14].hex())
def test_truncated_messages_fail_cleanly(frame: bytes) -> None:
    with pytest.raises(DeviceError):
        PROTOCOL.decode(frame[:-1], CTX)


def test_device_round_trip() -> None:
    dev = Device("356307042441013")
    rec = Record(
        fix_time=utc(2026, 11, 20, 10, 0, 1), valid=True, latitude=-54.6872, longitude=-25.2797,
        altitude=120.0, speed=42.0, course=90.0, satellites=9, attributes={"ignition": True},
    )  # fmt: skip
    frame, ack = dev.report([rec])
    up = PROTOCOL.inspect(frame, Session(Transport.UDP))
    assert up.unique_id == "356307042441013" and up.ack == ack
    (got,) = decode_sane(PROTOCOL, frame, CTX)
    assert got.fix_time == rec.fix_time and got.valid
    assert got.latitude == pytest.approx(-54.6872) and got.longitude == pytest.approx(-25.2797)
    assert got.speed == pytest.approx(42.0, abs=0.04)
    assert got.altitude == 120.0 and got.course == 90.0
    assert got.attributes["ignition"] is True
    beat, beat_ack = dev.heartbeat()
    assert PROTOCOL.inspect(beat, Session(Transport.UDP)).ack == beat_ack


@pytest.mark.parametrize(
    ("at", "value", "reason"),
    [
        (33, 0x01000000, r"speed 603979\.776 outside"),  # cm/s: 603,979 km/h
        (39, 100, r"satellites 100 outside \[0, 99\]"),
        (17, 1, r"fix time 1970-01-01T00:00:01\+00:00 before 2000-01-01"),
    ],
)
def test_impossible_values_are_an_invalid_field(at: int, value: int, reason: str) -> None:
    """The fuzz contract's finds, on TRACCAR's Event Report EVENT_INDIA: its speed, satellite
    count and time of fix set to values the fields can hold and no fix can have."""
    size = 1 if at == 39 else 4
    bad = v.EVENT_INDIA[:at] + value.to_bytes(size, "big") + v.EVENT_INDIA[at + size :]
    with pytest.raises(InvalidField, match=reason):
        PROTOCOL.decode(bad, CTX)
