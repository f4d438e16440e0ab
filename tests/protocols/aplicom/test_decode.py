"""Aplicom decoding: exact values of every packet type on real captures (D with and without a
selector, E, F, H), the device's errors, and the simulated device read back."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.aplicom import PROTOCOL, Device
from fleetwire.protocols.aplicom.constants import PacketType
from fleetwire.protocols.aplicom.framing import build
from fleetwire.protocols.base import DecodeContext, Session
from tests.protocols.contract import NOW, decode_sane

from . import vectors as v

CTX = DecodeContext(unique_id="359227050776794", received=NOW)


def one(frame: bytes) -> Record:
    records = decode_sane(PROTOCOL, frame, CTX)
    assert len(records) == 1
    return records[0]


def test_d_without_selector_reads_the_default_fields() -> None:
    r = one(v.D_V1_NO_SELECTOR)
    assert r.kind == RecordKind.POSITION and r.valid
    assert r.fix_time == datetime(2006, 9, 18, 19, 52, 38, tzinfo=UTC)
    assert (r.latitude, r.longitude, r.satellites) == (62.0, 62.0, 6)
    assert (r.speed, r.course) == (100.0, 358.0)
    a = r.attributes
    assert (a["event"], a["maxSpeed"], a["input"], a["output"]) == (7, 101, 0x87, 3)
    assert [a[f"adc{i}"] for i in range(1, 5)] == [3299, 3841, 3299, 3299]
    assert a["trip1"] == 15123 and a["driverUniqueId"] == str(0x0BCB170A)


def test_d_with_every_io_field() -> None:
    r = one(v.D_FULL)
    assert r.altitude == 153.0
    a = r.attributes
    assert (a["pulseRate1"], a["count1"], a["pulseRate2"], a["count2"]) == (50, 0x1520, 0, 0x30AA2)
    assert (a["trip1"], a["trip2"], a["keypad"]) == (15123, 50, 0xFF)
    assert a["driverUniqueId"] == str(0x0BCB17AC)
    assert a["event"] == 113


def test_d_fix_with_power() -> None:
    r = one(v.D_FINLAND)
    assert r.fix_time == datetime(2015, 1, 29, 10, 42, 36, tzinfo=UTC)
    assert (r.latitude, r.longitude, r.satellites, r.course) == (62.78655, 22.900841, 7, 40.0)
    assert r.attributes["power"] == 10.848 and r.attributes["battery"] == 0.0


def test_d_version_3_with_driver() -> None:
    r = one(v.D_BERLIN)
    assert (r.latitude, r.longitude) == (52.397151, 13.037124)
    assert r.attributes["driverUniqueId"] == "398269619"


def test_d_without_fix_is_a_status_at_the_snapshot_time() -> None:
    r = one(v.D_NO_FIX)
    assert r.kind == RecordKind.STATUS and not r.has_position
    assert r.fix_time == datetime(2018, 8, 22, 10, 33, 1, tzinfo=UTC)
    assert r.attributes["power"] == 24.13 and r.attributes["event"] == 119


def test_three_packets_three_records() -> None:
    records = decode_sane(PROTOCOL, v.D_THREE, CTX)
    assert [r.fix_time.second for r in records] == [2, 3, 5]


@pytest.mark.parametrize(
    ("frame", "when", "event"),
    [
        (v.E_TACHO, datetime(2017, 7, 18, 5, 55, 40, tzinfo=UTC), 23),
        (v.F_CAN, datetime(2017, 3, 3, 4, 56, 23, tzinfo=UTC), 117),
        (v.H_HISTOGRAM, datetime(2010, 1, 19, 6, 57, 6, tzinfo=UTC), 109),
    ],
)
def test_e_f_h_give_a_status_with_event_and_time(frame: bytes, when: datetime, event: int) -> None:
    r = one(frame)
    assert r.kind == RecordKind.STATUS and r.fix_time == when
    assert r.attributes["event"] == event


def test_tachograph_fields_of_e() -> None:
    a = one(v.E_TACHO).attributes
    assert a["tachographEvent"] == 0x0104
    assert (a["obdSpeed"], a["odometer"], a["tripOdometer"]) == (0x1D99 / 256, 0x020D6C04 * 5,
                                                                 0x004CBA7A * 5)  # fmt: skip
    assert a["driverUniqueId"] == "DF00025371628000"
    assert "vin" not in a and "coDriverUniqueId" not in a  # not selected; card 2 slot empty


def test_tachograph_vehicle_and_driver_cards() -> None:
    a = one(v.E_VEHICLE).attributes
    assert (a["vin"], a["registration"], a["kFactor"]) == ("WDB906605S1234567", "ABC-345", 8000)
    assert a["coDriverUniqueId"] == "1046246970000001" and "driverUniqueId" not in a
    assert "rpm" not in a  # FFFF: not available


def test_device_errors() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.decode(v.D_CUT, CTX)
    # GPS selected but the data stops inside it
    with pytest.raises(TruncatedFrame):
        PROTOCOL.decode(build(PacketType.D, "359227050776794", 0x0B, bytes(9)), CTX)
    # a latitude of 100 degrees
    data = bytes(3) + bytes(4) + (1).to_bytes(4, "big") + (100_000_000).to_bytes(4, "big")
    with pytest.raises(InvalidField):
        PROTOCOL.decode(build(PacketType.D, "359227050776794", 0x0F, data + bytes(5)), CTX)


def test_simulated_device_reads_back() -> None:
    dev = Device("359227050776794")
    sent = Record(
        fix_time=datetime(2026, 5, 1, 8, 30, tzinfo=UTC), valid=True, latitude=-33.868765,
        longitude=151.207115, altitude=-12.0, speed=88.0, course=270.0, satellites=9,
    )  # fmt: skip
    frame, ack = dev.report([sent, sent])
    assert ack == b"" and dev.login() == (b"", b"")
    assert PROTOCOL.inspect(frame, Session()).unique_id == dev.unique_id
    got = decode_sane(PROTOCOL, frame, CTX)
    assert len(got) == 2
    r = got[0]
    assert (r.fix_time, r.valid, r.latitude, r.longitude) == (
        sent.fix_time, True, sent.latitude, sent.longitude)  # fmt: skip
    assert (r.altitude, r.speed, r.course, r.satellites) == (-12.0, 88.0, 270.0, 9)
