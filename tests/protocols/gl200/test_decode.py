"""@Track decoding: exact values from vendor examples and real captures for each message
decoded, the sanity check on every record, and the Device round trip."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext, FrameKind, Session
from fleetwire.protocols.gl200 import PROTOCOL, Device
from tests.protocols.contract import NOW, decode_sane, framer

from . import vectors as v

CTX = DecodeContext(unique_id="135790246811220", received=NOW)


def one(frame: bytes, ctx: DecodeContext = CTX) -> Record:
    records = decode_sane(PROTOCOL, frame, ctx)
    assert len(records) == 1
    return records[0]


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:12].hex())
def test_every_real_frame_decodes_sanely(frame: bytes) -> None:
    decode_sane(PROTOCOL, frame, CTX)


def test_fri_gl300_document_example() -> None:
    r = one(v.DOC_GL300_FRI)
    assert (r.kind, r.fix_time, r.valid) == (RecordKind.POSITION, utc(2009, 2, 14, 1, 32, 54), True)
    assert (r.latitude, r.longitude) == (31.222073, 121.354335)  # longitude comes first
    assert (r.speed, r.course, r.altitude) == (4.3, 92.0, 70.0)
    assert r.attributes == {"hdop": 1.0, "mcc": 460, "mnc": 0, "lac": 0x18D8, "cid": 0x6141}


def test_fri_with_two_positions_gives_two_records() -> None:
    first, second = decode_sane(PROTOCOL, v.DOC_GL300_FRI_2, CTX)
    assert first.fix_time == utc(2009, 2, 14, 1, 32, 54) and first.valid
    assert second.fix_time == utc(2009, 1, 1) and not second.valid  # accuracy 0: last known
    a, b = decode_sane(PROTOCOL, v.TRACCAR_FRI_GL300W_2, CTX)
    assert (a.fix_time, b.fix_time) == (utc(2016, 2, 15, 21, 4, 33), utc(2016, 2, 15, 21, 5, 3))
    assert b.attributes["batteryLevel"] == 88 and "batteryLevel" not in a.attributes
    assert (b.latitude, b.longitude, b.altitude) == (-0.206828, -78.481127, 2867.0)


def test_fri_gv_family_fields_after_the_block() -> None:
    r = one(v.TRACCAR_FRI_GV)
    assert r.fix_time == utc(2016, 2, 10, 15, 34, 58)
    assert (r.latitude, r.longitude) == (-17.776235, -63.169571)
    a = r.attributes
    assert a["power"] == 15.153  # external power 15153 mV
    assert a["odometer"] == 34900  # 34.9 km
    assert a["hours"] == ((117 * 60 + 31) * 60 + 26) * 1000  # 00117:31:26
    assert (a["adc1"], a["adc2"], a["batteryLevel"]) == (13442, 15163, 0)
    # device status 210101: ignition on, rest; input bits 01 (ignition); output 1 on
    assert (a["ignition"], a["motion"], a["in1"], a["out1"], a["out2"]) == (
        True, False, False, True, False,
    )  # fmt: skip


def test_buffered_report_is_archive_and_ten_hex_version() -> None:
    r = one(v.TRACCAR_FRI_10_HEX)
    assert r.attributes["archive"] is True
    assert r.attributes["hdop"] == 3.0
    assert r.attributes["motion"] is True and "ignition" not in r.attributes  # 42: sensor motion


def test_fri_without_fix() -> None:
    r = one(v.TRACCAR_FRI_NO_FIX)
    assert (r.kind, r.fix_time, r.has_position) == (
        RecordKind.STATUS,
        utc(2017, 3, 18, 21, 43, 33),
        False,
    )
    assert (r.attributes["mcc"], r.attributes["mnc"]) == (310, 410)


def test_eri_one_wire_temperatures() -> None:
    assert one(v.TRACCAR_ERI_TEMP).attributes["temp1"] == 25.0  # 0x0190 x 0.0625
    a = one(v.TRACCAR_ERI_NEG_TEMP).attributes
    assert (a["temp1"], a["temp2"]) == (-1.875, -3.5)  # 0xFFE2, 0xFFC8


def test_alarms() -> None:
    r = one(v.TRACCAR_SOS)
    assert (r.kind, r.attributes["alarm"]) == (RecordKind.EVENT, "sos")
    assert one(v.DOC_GV300_SPD).attributes["alarm"] == "overspeed"
    geo = one(v.DOC_GV300_GEO).attributes
    assert (geo["alarm"], geo["geofence"]) == ("geofenceExit", 0)
    assert one(v.DOC_GV300_HBM).attributes["alarm"] == "hardAcceleration"
    assert one(v.TRACCAR_MPN).attributes["alarm"] == "powerRestored"
    bpl = one(v.TRACCAR_BPL)
    assert (bpl.attributes["alarm"], bpl.attributes["battery"]) == ("lowBattery", 3.53)


def test_power_on_off_without_position() -> None:
    r = one(v.TRACCAR_PNA)
    assert (r.kind, r.fix_time, r.has_position) == (
        RecordKind.EVENT,
        utc(2019, 2, 8, 12, 49, 9),
        False,
    )
    assert r.attributes == {"alarm": "powerOn"}
    assert one(v.TRACCAR_PFA).attributes == {"alarm": "powerOff"}


def test_ignition_messages() -> None:
    r = one(v.TRACCAR_IGN)
    assert (r.attributes["ignition"], r.attributes["odometer"]) == (True, 881200)
    assert (r.latitude, r.longitude, r.speed, r.course) == (-17.800608, -63.158195, 0.2, 189.0)
    r = one(v.TRACCAR_IGF_BUFF)
    assert (r.attributes["ignition"], r.attributes["archive"]) == (False, True)
    r = one(v.TRACCAR_IGF_NO_FIX)
    assert (r.has_position, r.attributes["mcc"], r.attributes["ignition"]) == (False, 268, False)


def test_state_change_and_watchdog() -> None:
    a = one(v.TRACCAR_STT).attributes
    assert (a["ignition"], a["motion"]) == (True, False)  # state 21
    assert one(v.TRACCAR_DOG).kind == RecordKind.POSITION


def test_information() -> None:
    r = one(v.TRACCAR_INF)
    assert (r.kind, r.fix_time) == (RecordKind.STATUS, utc(2009, 2, 14, 9, 32, 54))
    assert r.attributes == {
        "type": "06", "versionFw": "0100", "ignition": False, "motion": True,
        "iccid": "898600810906F8048812", "rssi": 16, "power": 12.0, "battery": 4.4,
    }  # fmt: skip


def test_can_and_data_messages_keep_their_position() -> None:
    r = one(v.TRACCAR_CAN)
    assert (r.latitude, r.longitude, r.speed) == (18.445614, -69.099503, 68.3)
    r = one(v.TRACCAR_DAT)
    assert r.attributes["data"] == ">I:5014|DB|607|0|0.00|0.00|0.00|0|0|0|0|1679|4|<"
    assert r.fix_time == utc(2024, 7, 26, 23, 43, 44)


def test_command_answers_and_heartbeat() -> None:
    r = one(v.TRACCAR_ACK_RTO)
    assert (r.kind, r.attributes) == (RecordKind.STATUS, {"result": "GTRTO,VER,FFFF"})
    assert one(v.DOC_GV300_ACK_EPS).attributes == {"result": "GTEPS,0007"}
    assert PROTOCOL.decode(v.DOC_GL300_HBD, CTX) == []


def test_unsourced_binary_and_unknown_messages_give_no_records() -> None:
    # +ACK and +LGN: layouts not in the sources (binary.py); +HBD: a heartbeat, as in text
    for frame in (v.TRACCAR_BIN_ACK, v.TRACCAR_BIN_LGN, v.DOC_GV200_HBD):
        assert PROTOCOL.decode(frame, CTX) == []
    assert PROTOCOL.decode(b"+RESP:GTXYZ,1A0102,135790246811220,,1,20090214093254,11F0$", CTX) == []


def test_send_time_timezone_option() -> None:
    ctx = DecodeContext(unique_id="x", received=NOW, options={"timezone": 8})
    assert one(v.TRACCAR_PNA, ctx).fix_time == utc(2019, 2, 8, 4, 49, 9)
    assert one(v.DOC_GL300_FRI, ctx).fix_time == utc(2009, 2, 14, 1, 32, 54)  # GPS time is UTC


def test_out_of_range_fields_are_invalid() -> None:
    base = v.DOC_GL300_FRI.decode()
    for bad in (
        base.replace("31.222073", "91.222073"),
        base.replace("121.354335", "181.354335"),
        base.replace("20090214013254", "20091314013254"),
        base.replace(",4.3,", ",x.3,"),
        base.replace(",92,", ",400,"),
    ):
        with pytest.raises(InvalidField):
            PROTOCOL.decode(bad.encode(), CTX)


def test_device_round_trip() -> None:
    dev = Device("862894020178276")
    session = Session()
    fr = framer(PROTOCOL)
    frame, expected = dev.login()
    assert fr.feed(frame) == [frame]
    up = PROTOCOL.inspect(frame, session)
    assert (up.unique_id, up.ack, up.kind) == ("862894020178276", expected, FrameKind.HEARTBEAT)
    assert expected == b"+SACK:GTHBD,060100,0001$"

    fixes = [
        Record(fix_time=utc(2026, 11, 26, 11, 59, s), valid=True, latitude=-33.868820,
               longitude=151.209296, speed=87.5, course=359.0, altitude=12.5,
               attributes={"mcc": 505, "mnc": 1, "lac": 0x1234, "cid": 0xBEEF})
        for s in (0, 30)
    ]  # fmt: skip
    fixes[-1].attributes.update(odometer=123400, ignition=True, motion=True, batteryLevel=77)
    frame, expected = dev.report(fixes)
    assert fr.feed(frame) == [frame]
    assert PROTOCOL.inspect(frame, session).ack == expected == b"+SACK:0002$"
    got = decode_sane(PROTOCOL, frame, CTX)
    assert [r.fix_time for r in got] == [f.fix_time for f in fixes]
    for r, f in zip(got, fixes, strict=True):
        assert (r.valid, r.latitude, r.longitude, r.speed, r.course, r.altitude) == (
            True, f.latitude, f.longitude, 87.5, 359.0, 12.5,
        )  # fmt: skip
        for k, val in f.attributes.items():
            assert r.attributes[k] == val, k

    frame, expected = dev.heartbeat()
    assert PROTOCOL.inspect(frame, session).ack == expected == b"+SACK:GTHBD,060100,0003$"
    frame, expected = dev.report([])
    assert PROTOCOL.inspect(frame, session).ack == expected != b""
    buffered, _ = dev.report([Record(fix_time=NOW, attributes={"archive": True})])
    assert one(buffered).attributes["archive"] is True
    with pytest.raises(ValueError, match="at most"):
        dev.report(fixes * 8)


def test_eri_bluetooth_accessories() -> None:
    # traccar Gl200TextProtocolDecoderTest (commit 00b15c0dc6), used as data only
    frame = (
        b"+RESP:GTERI,80201E0100,860201067144330,,00000100,,10,1,1,0.0,0,30.2,121.348427,"
        b"31.163316,20251126093749,0460,0000,1807,00775892,00,0.0,,,,,99,210100,,1,00,6,4,"
        b"0D1C099A,283F,WMS301_Test,7805414BA78A,1,3453,24,33,24.58,100,20251126093751,77E4$"
    )
    a = one(frame).attributes
    assert {k: v for k, v in a.items() if k.startswith("tag")} == {
        "tag1Id": "7805414BA78A", "tag1Temp": 24.0, "tag1Humidity": 33, "tag1Battery": 100,
    }  # fmt: skip
