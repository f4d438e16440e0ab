"""EGTS decoding: exact values from real packets (positions, EXT_POS_DATA, STATE_DATA under both
type numbers, AD_SENSORS, COUNTERS, LIQUID_LEVEL_SENSOR), every other teledata subrecord on
packets built to the GOST's layouts, whose records a retranslator's packet yields, the auth
and commands services, and the Device round trip."""

from __future__ import annotations

import struct
from datetime import UTC, datetime

import pytest

from fleetwire.errors import ChecksumError, InvalidField, TruncatedFrame
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext, Session
from fleetwire.protocols.egts import PROTOCOL, Device
from fleetwire.protocols.egts.framing import build_packet
from tests.protocols.contract import NOW, decode_sane, framer

from . import vectors as v

CTX = DecodeContext(unique_id=None, received=NOW)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def one(frame: bytes, ctx: DecodeContext = CTX) -> Record:
    records = decode_sane(PROTOCOL, frame, ctx)
    assert len(records) == 1
    return records[0]


def teledata(*subrecords: tuple[int, bytes], tm: int | None = None) -> bytes:
    """One teledata record of object 7 holding ``subrecords``, in an application packet."""
    rd = b"".join(struct.pack("<BH", t, len(d)) + d for t, d in subrecords)
    flags = 0x01 | (0x04 if tm is not None else 0)
    head = struct.pack("<HHBI", len(rd), 1, flags, 7)
    head += struct.pack("<I", tm) if tm is not None else b""
    return build_packet(1, 1, head + b"\x02\x02" + rd)


POS = bytes.fromhex("cbb4740f7617fd924364104f116a00000000000103")  # ORENBURG's POS_DATA


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:12].hex())
def test_every_real_packet_decodes_sanely(frame: bytes) -> None:
    decode_sane(PROTOCOL, frame, CTX)


def test_position_as_the_reference_asserts_it() -> None:
    r = one(v.ORENBURG)
    # Traccar's test: 2018-03-21 05:38:19, valid, 51.67569, 55.59189
    assert (r.fix_time, r.valid, r.kind) == (utc(2018, 3, 21, 5, 38, 19), True,
                                             RecordKind.POSITION)  # fmt: skip
    assert (r.latitude, r.longitude) == (pytest.approx(51.67569, abs=1e-5),
                                         pytest.approx(55.59189, abs=1e-5))  # fmt: skip
    # SPD 0x006a: 10.6 km/h; DIR 0; SRC 3; DIN 1; ODM 0; SRCD 0000 after it
    assert (r.speed, r.course, r.altitude) == (10.6, 0.0, None)
    assert r.attributes == {"odometer": 0, "input": 1, "event": 3, "motion": True}


def test_direction_bit_8_and_black_box() -> None:
    first = decode_sane(PROTOCOL, v.TWO_POSITIONS, CTX)[0]
    assert (first.speed, first.course) == (24.5, 347.0)  # SPD 0x80f5: DIRH + 245; DIR 0x5b
    r = one(v.BLACK_BOX)
    assert r.fix_time == utc(2018, 4, 17, 6, 49, 28)
    assert (r.speed, r.course) == (210.3, 49.0)
    assert r.attributes["odometer"] == 12300  # ODM 0x7b: 12.3 km
    assert r.attributes["archive"] is True


def test_full_record_of_six_subrecords() -> None:
    r = decode_sane(PROTOCOL, v.FULL_RECORDS, CTX)[0]
    assert r.fix_time == utc(2020, 5, 7, 8, 52, 33)
    assert (r.altitude, r.satellites) == (140.0, 19)  # ALT 0x8c; EXT_POS SAT 0x13
    a = r.attributes
    assert (a["hdop"], a["sat"]) == (0.63, 19)  # HDOP 0x003f / 100
    # type 20 of five bytes: STATE_DATA (Order 285): ST 0, MPSV 0x1d, BBV 0, IBV 0
    assert (a["mode"], a["power"], a["battery"], a["backupBattery"]) == (0, 2.9, 0.0, 0.0)
    # AD_SENSORS 0f 00 00 + four additional input octets; LLS 1, uncalibrated, 0x0eae
    assert a["output"] == 0 and a["digitalInputs1"] == 0 and "digitalInputs5" not in a
    assert a["fuelSensor1"] == 3758


def test_state_data_under_its_gost_number_and_a_status_record() -> None:
    records = decode_sane(PROTOCOL, v.OBJECT_HISTORY, CTX)
    status = records[3]  # record 1106: AD_SENSORS, STATE_DATA (21), COUNTERS; its TM dates it
    assert status.kind is RecordKind.STATUS and not status.has_position
    assert status.fix_time == utc(2019, 11, 28, 10, 13, 14)  # TM 312631994
    a = status.attributes
    assert (a["mode"], a["power"]) == (2, 9.2)  # 02 5c ...
    assert a["adc1"] == 0 and a["adc2"] == 0 and a["count1"] == 0 and a["count2"] == 0


def test_analog_inputs_and_fuel_sensors() -> None:
    r = one(v.LLS)
    a = r.attributes
    assert (a["adc1"], a["adc2"]) == (277, 1000)  # ASFE 03: 0x000115, 0x0003e8
    assert a["fuelSensor1"] == 2356
    for n in range(2, 7):  # flags 0x42-0x46: sensors 2-6 report an error
        assert a[f"fuelSensorError{n}"] is True


def test_a_retranslators_packet_gives_one_objects_records() -> None:
    records = decode_sane(PROTOCOL, v.RETRANSLATED, CTX)
    assert len(records) == 1  # the first object, 2586625890, has one record of ten
    other = DecodeContext(unique_id="45177", received=NOW)  # not in this packet: its first
    assert len(decode_sane(PROTOCOL, v.RETRANSLATED, other)) == 1
    ctx = DecodeContext(unique_id="3233214134", received=NOW)
    records = decode_sane(PROTOCOL, v.RETRANSLATED, ctx)
    assert [r.fix_time for r in records] == [utc(2019, 2, 20, 7, 24, 55),
                                             utc(2019, 2, 20, 7, 25, 1)]  # fmt: skip
    # an authenticated terminal (its TID as context) owns all it sends
    terminal = DecodeContext(unique_id="864495034643376", received=NOW, context=b"\x03\0\0\0")
    assert len(decode_sane(PROTOCOL, v.RETRANSLATED, terminal)) == 10


def test_many_positions_in_one_record() -> None:
    records = decode_sane(PROTOCOL, v.MANY_FIXES, CTX)
    assert len(records) == 55
    assert {r.attributes["adc2"] for r in records} == {0x1B, 0x1C}  # ABS_AN_SENS 02 1c0000
    assert records[0].fix_time < records[-1].fix_time


def test_handshakes_and_responses_decode_to_nothing() -> None:
    for frame in (v.TERM_IDENTITY, v.TERM_IDENTITY_SHORT_IMEI, v.DISPATCHER_IDENTITY,
                  v.RESPONSE, v.RESPONSE_WITH_CONFIRMATION, v.LIBRARY_RESPONSE):  # fmt: skip
        assert decode_sane(PROTOCOL, frame, CTX) == []


def test_south_west_altitude_below_sea_and_alarms() -> None:
    pos = bytearray(POS)
    pos[12] = 0x11 | 0x20 | 0x40 | 0x80  # VLD MV LAHS LOHS ALTE
    pos[13:15] = (0x4000 | 123).to_bytes(2, "little")  # ALTS: below sea level; 12.3 km/h
    pos[20] = 13  # SRC 13: the alarm button
    r = one(teledata((16, bytes(pos) + (25).to_bytes(3, "little"))))
    assert (r.latitude, r.longitude) == (pytest.approx(-51.67569, abs=1e-5),
                                         pytest.approx(-55.59189, abs=1e-5))  # fmt: skip
    assert (r.altitude, r.speed, r.kind) == (-25.0, 12.3, RecordKind.EVENT)
    assert r.attributes["alarm"] == "sos"


def test_course_beyond_359_is_dropped() -> None:
    pos = bytearray(POS)
    pos[13:16] = bytes((0x6A, 0x80, 0x70))  # DIRH + 0x70 = 368
    assert one(teledata((16, bytes(pos)))).course is None


def test_every_other_teledata_subrecord() -> None:
    r = one(
        teledata(
            (16, POS),
            (17, struct.pack("<BHHHBH", 0x1F, 150, 90, 175, 11, 3)),  # VDOP HDOP PDOP SAT NS
            (19, bytes((0x05,)) + (1000).to_bytes(3, "little") + (7).to_bytes(3, "little")),
            (22, bytes((0b0000_0101, 0x21))),  # loops 1 and 3: states 1 and 2
            (23, struct.pack("<H", (12 << 4) | 1)),  # digital sensor 12 on
            (24, bytes((4,)) + (4095).to_bytes(3, "little")),  # analog sensor 4
            (25, bytes((6,)) + (123456).to_bytes(3, "little")),  # counter 6
            (26, struct.pack("<H", (2 << 4) | 3)),  # loop 2 state 3
            (27, bytes((0x22,)) + b"\x00\x00" + (5678).to_bytes(4, "little")),  # 2: litres
            (27, bytes((0x13,)) + b"\x00\x00" + (47).to_bytes(4, "little")),  # 3: percent
            (28, bytes((0, 0b101, 0, 0, 0, 4, 1, 2, 3))),  # doors 1 and 3
            (20, bytes((1,)) + (0).to_bytes(4, "little") + bytes(8)),  # ACCEL_DATA, 1 sample
            (99, b"unknown"),
        )
    )
    a = r.attributes
    assert (a["vdop"], a["hdop"], a["pdop"], r.satellites) == (1.5, 0.9, 1.75, 11)
    assert (a["count1"], a["count3"], a["count6"]) == (1000, 7, 123456)
    assert (a["loop1"], a["loop3"], a["loop2"]) == (1, 2, 3)
    assert (a["in12"], a["adc4"]) == (True, 4095)
    assert (a["fuel2"], a["fuelLevel3"]) == (567.8, 47.0)
    assert (a["passengersIn1"], a["passengersOut1"], a["passengersIn3"],
            a["passengersOut3"]) == (4, 1, 2, 3)  # fmt: skip


def test_sensors_without_a_position_take_the_record_time() -> None:
    r = one(teledata((18, bytes((0, 3, 1)) + (9).to_bytes(3, "little")), tm=261643908))
    assert (r.kind, r.fix_time) == (RecordKind.STATUS, utc(2018, 4, 17, 6, 51, 48))
    assert r.attributes == {"output": 3, "adc1": 9}


def test_vin_and_command_answers() -> None:
    vin = b"XTA21099043576182" + struct.pack("<II", 1, 1)
    rd = struct.pack("<BH", 3, len(vin)) + vin
    frame = build_packet(1, 1, struct.pack("<HHB", len(rd), 1, 0) + b"\x01\x01" + rd)
    assert one(frame).attributes == {"vin": "XTA21099043576182"}
    answer = struct.pack("<BIIBHBH", 0x10, 42, 0, 0, 0, 0, 8)
    rd = struct.pack("<BH", 51, len(answer)) + answer
    frame = build_packet(2, 1, struct.pack("<HHB", len(rd), 2, 0) + b"\x04\x04" + rd)
    assert one(frame).attributes["result"] == "command 42: confirmation type 0"


def test_signed_packets_skip_their_signature() -> None:
    body = v.ORENBURG[11:-2]
    frame = build_packet(0x573A, 2, b"\x03\x00abc" + body)
    assert one(frame).fix_time == utc(2018, 3, 21, 5, 38, 19)


def test_broken_subrecords_are_the_devices_error() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.decode(teledata((16, POS[:20])), CTX)
    with pytest.raises(TruncatedFrame):
        PROTOCOL.decode(teledata((17, b"\x1f\x01")), CTX)
    with pytest.raises(InvalidField):
        PROTOCOL.decode(teledata((20, bytes(7))), CTX)  # neither state nor accel
    with pytest.raises(InvalidField):
        PROTOCOL.decode(teledata((17, struct.pack("<BB", 0x08, 200))), CTX)  # 200 satellites
    bad = bytearray(v.ORENBURG)
    bad[-1] ^= 1
    with pytest.raises(ChecksumError):
        PROTOCOL.decode(bytes(bad), CTX)


def test_device_round_trip() -> None:
    dev = Device("864495034643376")
    session = Session()
    frame, ack = dev.login()
    assert framer(PROTOCOL).feed(frame) == [frame]
    up = PROTOCOL.inspect(frame, session)
    assert (up.unique_id, up.ack) == ("864495034643376", ack)
    session.unique_id = up.unique_id
    fix = Record(
        fix_time=utc(2026, 11, 20, 10, 0, 1), valid=True, latitude=-33.8688, longitude=-70.5,
        altitude=-12.0, speed=42.5, course=300.0, satellites=9, attributes={"hdop": 0.8},
    )  # fmt: skip
    frame, ack = dev.report([fix, fix])
    up = PROTOCOL.inspect(frame, session)
    assert up.ack == ack and up.records == 2
    ctx = DecodeContext(session.unique_id, NOW, context=up.context)
    records = decode_sane(PROTOCOL, frame, ctx)
    assert len(records) == 2
    r = records[0]
    assert (r.latitude, r.longitude) == (pytest.approx(-33.8688, abs=1e-6),
                                         pytest.approx(-70.5, abs=1e-6))  # fmt: skip
    assert (r.altitude, r.speed, r.course, r.satellites) == (-12.0, 42.5, 300.0, 9)
    assert r.attributes["hdop"] == 0.8
    # the same reply on a reconnect numbers the server's packets afresh: still accepted
    fresh = PROTOCOL.inspect(frame, Session()).ack
    assert fresh != ack and dev.accepts(ack, fresh)
    assert not dev.accepts(ack, fresh[:-1]) and not dev.accepts(ack, b"")
