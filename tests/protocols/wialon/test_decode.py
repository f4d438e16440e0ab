"""Wialon IPS decoding: exact values from real frames for every packet type decoded, the
sanity check on every record, params to the vocabulary, and the Device round trip."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import ChecksumError, InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols import gt06, teltonika
from fleetwire.protocols.base import DecodeContext, Detection, Session, Transport
from fleetwire.protocols.wialon import PROTOCOL, Device
from tests.protocols.contract import NOW, decode_sane, framer

from . import vectors as v

CTX = DecodeContext(unique_id="123456789012345", received=NOW)
UDP = DecodeContext(unique_id=None, received=NOW, transport=Transport.UDP)


def one(frame: bytes, ctx: DecodeContext = CTX) -> Record:
    records = decode_sane(PROTOCOL, frame, ctx)
    assert len(records) == 1
    return records[0]


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:12].decode("ascii", "replace"))
def test_every_real_frame_decodes_sanely(frame: bytes) -> None:
    decode_sane(PROTOCOL, frame, CTX)


def test_login_gives_no_record() -> None:
    for frame in (v.LOGIN_V2, v.LOGIN_V1, v.LOGIN_V1_NA):
        assert PROTOCOL.decode(frame, CTX) == []


def test_short_data() -> None:
    r = one(v.SD_V1)
    assert r.kind == RecordKind.POSITION
    assert r.fix_time == utc(2013, 4, 27, 20, 56, 1)
    assert r.latitude == pytest.approx(55.74338, abs=1e-5)  # 55° 44.6025'
    assert r.longitude == pytest.approx(37.66139, abs=1e-5)
    assert (r.valid, r.speed, r.course, r.altitude, r.satellites) == (True, 1.0, 2.0, 3.0, 4)
    assert r.attributes == {}
    r = one(v.SD_V1_EMPTY_COURSE)
    assert (r.speed, r.course, r.altitude, r.satellites) == (0.0, None, 170.9, 5)
    assert one(v.SD_V2).latitude == pytest.approx(55.74338, abs=1e-5)


def test_extended_data_with_can_params_v2() -> None:
    r = one(v.D_V2_CAN)
    assert r.fix_time == utc(2018, 11, 10, 6, 11, 43)
    assert r.latitude == pytest.approx(7.934883, abs=1e-6)
    assert r.longitude == pytest.approx(123.644005, abs=1e-6)
    assert (r.speed, r.course, r.altitude, r.satellites) == (18.223, 99.766, -4.0, 10)
    assert r.attributes == {
        "hdop": 0.8, "101_521347": 521249, "101_521126": 6593598, "101_521127": 774780,
        "101_521072_21.1": 0, "101_521072_21.2": 71353,
    }  # fmt: skip


def test_extended_data_without_time_or_fix() -> None:
    r = one(v.D_V2_NA_TIME)  # NA date and time: the receive time
    assert r.fix_time == NOW
    assert r.latitude == pytest.approx(54.494699, abs=1e-6)  # 20-digit minutes
    assert (r.speed, r.satellites, r.valid) == (None, None, True)
    assert r.attributes["adc1"] == 1.0
    assert r.attributes["fuel1"] == 21588.0
    r = one(v.D_V2_NO_FIX)
    assert (r.kind, r.has_position, r.valid, r.satellites) == (RecordKind.STATUS, False, False, 0)
    assert r.fix_time == utc(2019, 3, 12, 11, 20, 3)


def test_documented_params_adc_and_inputs() -> None:
    r = one(v.D_V1_DOC_PARAMS)
    assert r.attributes == {
        "hdop": 0.0, "input": 0, "output": 0, "adc1": 14.77, "adc2": 0.02, "adc3": 3.6,
        "count1": 564, "fuel": 45.8, "hw": "V4.5",
    }  # fmt: skip
    a = one(v.D_V1_INPUTS).attributes
    assert a["input"] == 452986639
    assert (a["in1"], a["in5"], a["in9"], a["in29"]) == (True, False, True, True)
    assert "in30" not in a
    assert (a["adc1"], a["sats_glonass"], a["balance"]) == (106.0, 3, 12123.0)
    a = one(v.D_V1_CAN).attributes
    assert (a["hdop"], a["input"], a["odo"], a["can_mileage"]) == (1.0, 241, 0.0, 140367515)


def test_v2_packet_with_south_west_ibutton_outputs_and_sos() -> None:
    r = one(v.D_V2_DOC)
    assert r.kind == RecordKind.EVENT
    assert r.latitude == pytest.approx(-55.74338, abs=1e-5)
    assert r.longitude == pytest.approx(-37.66139, abs=1e-5)
    a = r.attributes
    assert (a["driverUniqueId"], a["alarm"], a["SOS"]) == ("AB45DF01145", "sos", 1)
    assert (a["input"], a["in1"], a["in2"], a["in3"]) == (5, True, False, True)
    assert (a["output"], a["out1"], a["out2"]) == (2, False, True)


def test_black_box_of_two_with_cyrillic_string_params() -> None:
    records = decode_sane(PROTOCOL, v.B_V1_TWO, CTX)
    assert [r.fix_time for r in records] == [utc(2014, 9, 8, 7, 32, 35), utc(2014, 9, 8, 7, 34, 20)]
    assert records[1].course == 292.54
    assert records[0].attributes == {"Батарея": "100 %"}
    assert len(decode_sane(PROTOCOL, v.B_V2, CTX)) == 2
    assert one(v.B_V1_ONE).satellites is None


def test_minutes_past_sixty_add_up() -> None:
    # a real firmware's 5364.0167 N: 53 degrees and 64.0167 minutes
    r = one(v.B_V1_MINUTES_PAST_60)
    assert (r.latitude, r.longitude) == (
        pytest.approx(53 + 64.0167 / 60),
        pytest.approx(61 + 27.8262 / 60),
    )
    with pytest.raises(InvalidField):
        PROTOCOL.decode(v.B_V1_MINUTES_PAST_60.replace(b"5364.0167", b"9064.0167"), CTX)


def test_driver_message_and_answer() -> None:
    assert one(v.M_V2).attributes == {"driverMessage": "Arrived; waiting"}
    assert one(v.M_V1).attributes == {"driverMessage": "Need a break"}
    assert one(v.ANSWER_MESSAGE).attributes == {"result": "1"}


def test_types_without_records() -> None:
    for frame in (v.PING, v.IMAGE_PART, v.IMAGE_LAST, b"#IT#1;2\r\n"):
        assert PROTOCOL.decode(frame, CTX) == []


def test_udp_datagrams() -> None:
    assert one(v.UDP_D_V2, UDP).satellites == 10
    assert one(v.UDP_SD_V1, UDP).fix_time == utc(2013, 4, 27, 20, 56, 1)


def test_bad_crc_is_not_decoded() -> None:
    with pytest.raises(ChecksumError):
        PROTOCOL.decode(v.LOGIN_V2_BAD_CRC, CTX)
    with pytest.raises(ChecksumError):
        PROTOCOL.decode(v.D_V2_CAN.replace(b"F24A", b"F24B"), CTX)


@pytest.mark.parametrize(
    "fields",
    [
        "320413;205601;5544.6025;N;03739.6834;E;1;2;3;4",  # day 32
        "270413;205601;9544.6025;N;03739.6834;E;1;2;3;4",  # latitude > 90
        "270413;205601;5544.6025;X;03739.6834;E;1;2;3;4",  # hemisphere
        "270413;205601;5544.6025;N;03739.6834;E;-1;2;3;4",  # speed
        "270413;205601;5544.6025;N;03739.6834;E;1;361;3;4",  # course
        "270413;205601;5544.6025;N;03739.6834;E;1;2;3;x",  # satellites
        "270413;205601;5544.6025;N;03739.6834;E;nan;2;3;4",  # not a plain number
    ],
)
def test_out_of_range_fields_are_invalid(fields: str) -> None:
    with pytest.raises(InvalidField):
        PROTOCOL.decode(b"#SD#" + fields.encode() + b"\r\n", CTX)


def test_params_that_do_not_fit_their_type_are_dropped() -> None:
    frame = v.tcp(
        "#D#NA;NA;NA;NA;NA;NA;NA;NA;NA;NA;NA;NA;NA;NA;NA;"
        "a:1:x,b:2:1e999,power:3:high,ignition:1:1,note:3:one,two,alarm:1:5,c:9:raw"
    )
    r = one(frame)
    assert r.attributes == {"ignition": True, "note": "one,two", "c": "raw"}
    assert r.kind == RecordKind.STATUS


def test_timezone_option_corrects_device_local_time() -> None:
    ctx = DecodeContext(unique_id="x", received=NOW, options={"timezone": 3})
    assert one(v.SD_V1, ctx).fix_time == utc(2013, 4, 27, 17, 56, 1)


def test_fractional_seconds() -> None:
    r = one(v.tcp("#SD#270413;205601.250;5544.6025;N;03739.6834;E;1;2;3;4"))
    assert r.fix_time == datetime(2013, 4, 27, 20, 56, 1, 250000, tzinfo=UTC)


def test_detect() -> None:
    assert PROTOCOL.detect(v.LOGIN_V2) == Detection.YES
    assert PROTOCOL.detect(v.LOGIN_V1 + v.D_V1_CAN) == Detection.YES
    assert PROTOCOL.detect(v.LOGIN_V2_BAD_CRC) == Detection.YES  # still this protocol
    assert PROTOCOL.detect(b"#L") == Detection.MORE
    assert PROTOCOL.detect(v.LOGIN_V2[:20]) == Detection.MORE
    assert PROTOCOL.detect(v.D_V2_CAN) == Detection.NO
    assert PROTOCOL.detect(b"#L#a;b;c;d;e\r\n") == Detection.NO
    assert PROTOCOL.detect(teltonika.Device("356307042441013").login()[0]) == Detection.NO
    assert PROTOCOL.detect(gt06.Device("123456789012345").login()[0]) == Detection.NO
    assert PROTOCOL.detect(b"[SG*8800000015*0002*LK]") == Detection.NO
    assert PROTOCOL.detect(b"&&A20,021104023195429,000") == Detection.NO


def test_device_round_trip_tcp() -> None:
    dev = Device("865905020722118")
    session = Session()
    fr = framer(PROTOCOL)
    frame, expected = dev.login()
    assert PROTOCOL.detect(frame) == Detection.YES
    assert fr.feed(frame) == [frame]
    up = PROTOCOL.inspect(frame, session)
    assert (up.unique_id, up.ack) == ("865905020722118", expected)
    assert expected == b"#AL#1\r\n"

    fix = Record(
        fix_time=utc(2026, 11, 26, 11, 59, 30), valid=True, latitude=-33.868820,
        longitude=151.209296, altitude=12.5, speed=87.0, course=359.0, satellites=11,
        attributes={"hdop": 0.9, "input": 5, "output": 1, "driverUniqueId": "00A1B2",
                    "power": 12.6, "ignition": True, "fw": "1.2"},
    )  # fmt: skip
    frame, expected = dev.report([fix])
    assert fr.feed(frame) == [frame]
    assert PROTOCOL.inspect(frame, session).ack == expected == b"#AD#1\r\n"
    r = one(frame)
    assert (r.fix_time, r.valid, r.speed, r.course, r.satellites, r.altitude) == (
        fix.fix_time, True, 87.0, 359.0, 11, 12.5,
    )  # fmt: skip
    assert r.latitude == pytest.approx(fix.latitude, abs=1e-6)
    assert r.longitude == pytest.approx(fix.longitude, abs=1e-6)
    assert r.attributes == {
        **fix.attributes, "in1": True, "in2": False, "in3": True, "out1": True,
    }  # fmt: skip

    frame, expected = dev.report([fix, fix, fix])
    assert fr.feed(frame) == [frame]
    up = PROTOCOL.inspect(frame, session)
    assert (up.ack, up.records) == (expected, 3) and expected == b"#AB#3\r\n"
    assert len(decode_sane(PROTOCOL, frame, CTX)) == 3

    frame, expected = dev.heartbeat()
    assert fr.feed(frame) == [frame]
    assert PROTOCOL.inspect(frame, session).ack == expected == b"#AP#\r\n"


def test_device_round_trip_udp() -> None:
    dev = Device("865905020722118", Transport.UDP)
    fix = Record(fix_time=NOW, valid=True, latitude=40.5, longitude=-74.25, satellites=7)
    frame, expected = dev.report([fix])
    up = PROTOCOL.inspect(frame, Session(transport=Transport.UDP))
    assert (up.unique_id, up.ack) == ("865905020722118", expected)
    r = one(frame, UDP)
    assert (r.latitude, r.longitude, r.speed) == (40.5, -74.25, None)
    frame, expected = dev.report([])  # an empty report is a ping
    assert PROTOCOL.inspect(frame, Session(transport=Transport.UDP)).ack == expected
