"""Teltonika decoding: values the vendor's examples state, field captures, and round trips."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import ChecksumError, InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext, Session, Transport
from fleetwire.protocols.teltonika import PROTOCOL, Device
from fleetwire.protocols.teltonika.framing import wrap_tcp
from tests.protocols.contract import NOW, decode_sane, framer
from tests.protocols.teltonika import vectors as v

TCP = DecodeContext(unique_id="356307042441013", received=NOW)
UDP = DecodeContext(unique_id=None, received=NOW, transport=Transport.UDP)


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def only(frame: bytes, ctx: DecodeContext = TCP) -> Record:
    records = decode_sane(PROTOCOL, frame, ctx)
    assert len(records) == 1
    return records[0]


def test_wiki_codec8_example1() -> None:
    r = only(v.C8_EXAMPLE1)
    assert r.kind is RecordKind.POSITION
    assert r.fix_time == utc(2019, 6, 10, 10, 4, 46)
    assert (r.latitude, r.longitude, r.altitude, r.speed, r.course) == (0, 0, 0, 0, 0)
    assert r.satellites == 0
    assert r.valid is False  # no satellites: no fix
    # IO 21 = 3, IO 1 = 1, IO 66 = 0x5E0F mV, IO 241 = 0x601A, IO 78 = 0 (no iButton)
    assert r.attributes == {
        "priority": 1,
        "sat": 0,
        "event": 1,
        "rssi": 3,
        "in1": True,
        "power": 24.079,
        "operator": 24602,
    }


def test_wiki_codec8_example2() -> None:
    r = only(v.C8_EXAMPLE2)
    assert r.fix_time == utc(2019, 6, 10, 10, 5, 36)
    assert r.attributes == {
        "priority": 1,
        "sat": 0,
        "event": 1,
        "rssi": 3,
        "in1": True,
        "power": 24.08,
    }


def test_wiki_codec8_example3_two_records_oldest_first() -> None:
    first, second = decode_sane(PROTOCOL, v.C8_EXAMPLE3, TCP)
    assert first.fix_time == utc(2019, 6, 10, 10, 1, 1)
    assert second.fix_time == utc(2019, 6, 10, 10, 1, 19)
    assert first.attributes == {"priority": 1, "sat": 0, "event": 1, "in1": False}
    assert second.attributes == {"priority": 1, "sat": 0, "event": 1, "in1": True}


def test_wiki_codec8_extended() -> None:
    r = only(v.C8E_EXAMPLE)
    assert r.fix_time == utc(2019, 6, 10, 11, 36, 32)
    assert r.attributes == {
        "priority": 1,
        "sat": 0,
        "event": 1,
        "in1": True,
        "io17": 0x1D,
        "odometer": 0x015E2C88,
        "io11": 0x3544C87A,  # ICCID parts stay raw
        "io14": 0x1DD7E06A,
    }


def test_wiki_codec16() -> None:
    first, second = decode_sane(PROTOCOL, v.C16_EXAMPLE, TCP)
    assert first.fix_time == utc(2019, 7, 10, 12, 6, 54)
    assert second.fix_time == utc(2019, 7, 10, 12, 6, 55)
    common = {
        "priority": 0,
        "sat": 0,
        "event": 11,
        "generationType": 5,  # on change
        "in1": False,
        "in3": False,
        "power": 22.074,
    }
    assert first.attributes == {**common, "io11": 0x27}
    assert second.attributes == {**common, "io11": 0x26}


def test_wiki_codec8_udp() -> None:
    r = only(v.UDP_C8, UDP)
    assert r.fix_time == utc(2019, 6, 13, 6, 23, 26)
    assert r.attributes == {
        "priority": 1,
        "sat": 0,
        "event": 1,
        "rssi": 3,
        "in1": True,
        "power": 23.996,
    }


def test_traccar_codec8_capture_with_fix() -> None:
    r = only(v.TRACCAR_C8_VIENNA)
    assert r.fix_time == utc(2019, 1, 4, 12, 27, 19)
    assert r.valid
    assert (r.latitude, r.longitude) == (48.1523066, 16.3745183)


def test_traccar_codec8e_south_latitude() -> None:
    records = decode_sane(PROTOCOL, v.TRACCAR_C8E_SOUTH, TCP)
    assert len(records) == 2
    assert (records[0].latitude, records[0].longitude) == (-33.9656016, 18.8357883)


def test_traccar_codec8e_variable_elements_stay_hex() -> None:
    r = only(v.TRACCAR_C8E_NX)
    assert r.fix_time == utc(2021, 4, 8, 10, 52, 26)
    assert (r.latitude, r.longitude, r.altitude) == (52.0296716, 6.7877833, 33.0)
    assert (r.speed, r.course, r.satellites) == (19.0, 225.0, 19)
    a = r.attributes
    assert a["ignition"] is True
    assert a["motion"] is True
    assert a["power"] == 14.304
    assert a["battery"] == 3.991
    assert a["odometer"] == 41397
    assert a["tripOdometer"] == 30
    assert a["vin"] == "WV1ZZZ2EZ86015388"
    assert a["dtcs"].startswith("P0299 P0675")


def test_gonika_codec8e_hdop_pdop_and_nx_event() -> None:
    first, second = decode_sane(PROTOCOL, v.GONIKA_C8E, TCP)
    assert first.attributes["pdop"] == 0.5
    assert first.attributes["hdop"] == 0.4
    assert second.attributes["event"] == 385
    assert len(bytes.fromhex(second.attributes["io385"])) == 45


def _codec8(io4: bytes = b"\x00", io8: bytes = b"\x00") -> bytes:
    gps = bytes.fromhex("0000016B40D8EA3000000000000000000000000000000000")
    record = gps + b"\x00\x00" + b"\x00" + b"\x00" + io4 + io8
    return wrap_tcp(b"\x08\x01" + record + b"\x01")


def test_dallas_temperature_is_signed_tenths() -> None:
    r = only(_codec8(io4=b"\x02" + b"\x48\xff\xff\xff\x9c" + b"\x49\x00\x00\x00\xfb"))
    assert r.attributes["temp1"] == -10.0
    assert r.attributes["temp2"] == 25.1


def test_ibutton_is_hex_and_zero_means_absent() -> None:
    r = only(_codec8(io8=b"\x01\x4e" + bytes.fromhex("0123456789abcdef")))
    assert r.attributes["driverUniqueId"] == "0123456789abcdef"
    r = only(_codec8(io8=b"\x01\x4e" + bytes(8)))
    assert "driverUniqueId" not in r.attributes


def test_tachograph_driver_card_on_fmx6_models() -> None:
    # driver 1 card number in 8-byte elements 195 and 196 (FMx640 tachograph data; traccar
    # reads them so for FM.6.. models): "DGB1234567890100"
    io8 = b"\x02" + b"\xc3" + b"DGB12345" + b"\xc4" + b"67890100"
    frame = _codec8(io8=io8)
    truck = DecodeContext(unique_id="356307042441013", received=NOW, options={"model": "FMB640"})
    assert only(frame, truck).attributes["driverUniqueId"] == "DGB1234567890100"
    # another family uses those ids otherwise: no driver without the model
    assert "driverUniqueId" not in only(frame).attributes
    other = DecodeContext(unique_id="356307042441013", received=NOW, options={"model": "FMB120"})
    assert "driverUniqueId" not in only(frame, other).attributes


def test_codec12_response() -> None:
    r = only(v.C12_RESPONSE)
    assert r.kind is RecordKind.STATUS
    assert r.fix_time == NOW  # Codec 12 carries no time: the receive time
    assert r.attributes == {"result": v.C12_RESPONSE_TEXT}
    assert not r.has_position


def test_codec12_binary_response_is_hex() -> None:
    # TRACCAR: a Codec 12 response with a binary payload
    frame = bytes.fromhex("00000000000000100C010600000008010300010015D5C5010000D988")
    assert only(frame).attributes == {"result": "010300010015d5c5"}


def test_codec13_wiki_example_with_millisecond_time() -> None:
    r = only(v.C13_WIKI)
    assert r.fix_time == utc(2019, 7, 19, 13, 52, 52)
    assert r.attributes == {"result": "getinfo"}


def test_codec13_response_with_seconds_time() -> None:
    r = only(v.C13_GONIKA)
    assert r.fix_time == utc(2023, 8, 25, 4, 48, 1)
    assert r.attributes == {"result": "hello lets test\r\n"}


def test_codec13_bad_crc() -> None:
    with pytest.raises(ChecksumError):
        PROTOCOL.decode(v.C13_TRACCAR_BAD_CRC, TCP)


def test_codec14_response_and_nack() -> None:
    r = only(v.C14_RESPONSE)
    assert r.attributes["result"].startswith("Ver:03.18.14_04 GPS:AXN_5.10_3333 Hw:FMB120")
    assert only(v.C14_NACK).attributes == {"result": "nack"}


@pytest.mark.parametrize("frame", [v.IMEI, b"\xff", v.C12_GETINFO, v.C14_GETVER])
def test_frames_without_records(frame: bytes) -> None:
    assert PROTOCOL.decode(frame, TCP) == []


def test_unknown_codec_is_a_value() -> None:
    assert PROTOCOL.decode(wrap_tcp(b"\x0f\x01\x00\x01"), TCP) == []


def test_codec8_with_16_byte_io_group() -> None:
    # TRACCAR: FM4 firmware with 16-byte IO elements on (decoder "extended" option there);
    # a 16-byte element is kept as hex
    gps = bytes.fromhex("0000016B40D8EA3000000000000000000000000000000000")
    wide = b"\x01\xcb" + bytes(range(16))
    record = gps + b"\x00\x01" + b"\x00\x00\x00\x00" + wide
    r = only(wrap_tcp(b"\x08\x01" + record + b"\x01"))
    assert r.attributes["io203"] == bytes(range(16)).hex()


def test_gh3000_records() -> None:
    # TRACCAR: TeltonikaProtocolDecoderTest, a GH3000 packet with a GPS element (floats, altitude,
    # speed, satellites, LAC and cell id) in each of its two records
    frame = bytes.fromhex(
        "000000000000003107024c61410b013f4231c2c141d0beb9003d000005006483ff4c6140eb013f4231c2c1"
        "41d0beb9003d000005006483ff02000041df"
    )
    first, second = decode_sane(PROTOCOL, frame, TCP)
    assert second.fix_time == utc(2013, 7, 31, 22, 30, 3)
    assert first.fix_time == utc(2013, 7, 31, 22, 30, 35)
    assert (first.latitude, first.longitude, first.altitude) == (44.440189, 26.093126, 61.0)
    assert (first.speed, first.course, first.satellites, first.valid) == (0.0, 0.0, 5, True)
    assert first.attributes == {"priority": 1, "sat": 5, "lac": 100, "cid": 33791}
    assert PROTOCOL.inspect(frame, Session()).ack == b"\x00\x00\x00\x02"


def test_gh3000_record_without_gps_is_a_status() -> None:
    # one record: time, global mask 0x0E (no GPS element; 1, 2 and 4-byte IO): battery level
    # 100 %, SOS, battery 4.108 V, uptime 5 s
    data = bytes.fromhex(
        "0701" + "50aa1c23" + "0e" + "020164de01" + "0143100c" + "010500000005" + "01"
    )
    r = only(wrap_tcp(data))
    assert r.kind is RecordKind.STATUS
    assert r.fix_time == utc(2015, 11, 10, 22, 9, 39)  # 2007 epoch, priority bits off
    assert r.attributes == {
        "priority": 1, "batteryLevel": 100, "alarm": "sos", "battery": 4.108, "uptime": 5,
    }  # fmt: skip


def test_trailing_bytes_inside_the_data_are_invalid() -> None:
    # one extra byte before n2 (not a zero: that would read as an empty 16-byte IO group)
    data = v.C8_EXAMPLE2[8:-5] + b"\x09\x01"
    with pytest.raises(InvalidField):
        PROTOCOL.decode(wrap_tcp(data), TCP)


def _sample_records() -> list[Record]:
    return [
        Record(
            fix_time=utc(2026, 11, 26, 8, 30, 15) if i == 0 else utc(2026, 11, 26, 8, 31, 0),
            valid=True,
            latitude=54.6872 - i * 0.0001234,
            longitude=-25.2797 + i * 0.0000001,
            altitude=112.0 - i * 200,
            speed=float(57 + i),
            course=float(271 + i),
            satellites=11 + i,
            attributes={"ignition": True, "motion": i == 0, "power": 12.456, "odometer": 987654},
        )
        for i in range(2)
    ] + [Record(fix_time=datetime(2026, 11, 26, 9, 0, 0, 123000, tzinfo=UTC), satellites=0)]


@pytest.mark.parametrize("transport", [Transport.TCP, Transport.UDP])
def test_round_trip_through_framer_inspect_and_decode(transport: Transport) -> None:
    device = Device("356307042441013", transport)
    sent = _sample_records()
    frame, expected_ack = device.report(sent)
    if transport is Transport.TCP:
        login, login_ack = device.login()
        assert framer(PROTOCOL).feed(login + frame) == [login, frame]
        assert PROTOCOL.inspect(login, Session()).ack == login_ack
    up = PROTOCOL.inspect(frame, Session(transport=transport))
    assert up.ack == expected_ack
    assert up.records == len(sent)
    ctx = DecodeContext(unique_id="356307042441013", received=NOW, transport=transport)
    got = decode_sane(PROTOCOL, frame, ctx)
    assert len(got) == len(sent)
    for s, g in zip(sent, got, strict=True):
        assert g.fix_time == s.fix_time
        assert g.latitude == pytest.approx(s.latitude or 0, abs=1e-7)
        assert g.longitude == pytest.approx(s.longitude or 0, abs=1e-7)
        assert g.altitude == (s.altitude or 0)
        assert (g.speed, g.course) == (s.speed or 0, s.course or 0)
        assert g.satellites == s.satellites
        assert g.valid == bool(s.satellites)
        for key in ("ignition", "motion", "power", "odometer"):
            assert g.attributes.get(key) == s.attributes.get(key)


def test_udp_packet_ids_increment_and_are_echoed() -> None:
    device = Device("356307042441013", Transport.UDP)
    acks = []
    for _ in range(3):
        frame, ack = device.report(_sample_records()[:1])
        assert PROTOCOL.inspect(frame, Session(transport=Transport.UDP)).ack == ack
        acks.append(ack)
    assert [a[2:4] for a in acks] == [b"\x00\x01", b"\x00\x02", b"\x00\x03"]


def test_device_heartbeat_is_the_keepalive_byte() -> None:
    frame, reply = Device("356307042441013").heartbeat()
    assert (frame, reply) == (b"\xff", b"")
    assert PROTOCOL.inspect(frame, Session()).store is False


def test_impossible_values_are_an_invalid_field() -> None:
    """The wiki's Codec 8 UDP example with the angle set to 512 (the fuzz contract found it:
    UDP has no CRC), and its TCP example 1 with latitude 0x7FFFFFFF (214.7483647°). The
    document gives the angle as 0-360 and the latitude as degrees x 1e7, so both are read
    right and cannot be valid: the device's error, never a position."""
    angle = 23 + 2 + 8 + 1 + 4 + 4 + 2  # UDP header, codec and count, then the AVL record
    udp = v.UDP_C8[:angle] + (512).to_bytes(2, "big") + v.UDP_C8[angle + 2 :]
    with pytest.raises(InvalidField, match=r"course 512\.0 outside \[0, 360\]"):
        PROTOCOL.decode(udp, UDP)
    with pytest.raises(InvalidField, match=r"latitude 214\.7483647 outside \[-90, 90\]"):
        PROTOCOL.decode(v.C8_EXAMPLE1_LATITUDE_MAX, TCP)
    # the same records with in-range values still decode
    in_range = v.UDP_C8[:angle] + (360).to_bytes(2, "big") + v.UDP_C8[angle + 2 :]
    assert decode_sane(PROTOCOL, in_range, UDP)[0].course == 360.0
