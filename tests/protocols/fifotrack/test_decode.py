"""Fifotrack decoding: exact values from real frames for every message type decoded, the sanity
check on every record, options, unknown types, and the Device round trip."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import ChecksumError, InvalidField
from fleetwire.model import Command, Record, RecordKind
from fleetwire.protocols.base import DecodeContext, FrameKind, Session
from fleetwire.protocols.fifotrack import PROTOCOL, Device
from tests.protocols.contract import NOW, decode_sane, framer

from . import vectors as v

CTX = DecodeContext(unique_id="866104023192332", received=NOW)


def one(frame: bytes, ctx: DecodeContext = CTX) -> Record:
    records = decode_sane(PROTOCOL, frame, ctx)
    assert len(records) == 1
    return records[0]


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:12].decode("latin-1"))
def test_every_real_frame_decodes_sanely(frame: bytes) -> None:
    decode_sane(PROTOCOL, frame, CTX)


def test_a01_with_card_and_cell() -> None:
    r = one(v.A01_2016)
    assert (r.kind, r.fix_time, r.valid) == (RecordKind.POSITION, utc(2016, 6, 6, 9, 30, 46), True)
    assert (r.latitude, r.longitude) == (22.54643, 114.07973)
    assert (r.speed, r.course, r.altitude, r.satellites) == (0.0, 186.0, 181.0, None)
    a = r.attributes
    assert (a["index"], a["odometer"], a["hours"], a["status"]) == (0x29, 0, 415_322_000, 0)
    assert (a["input"], a["in2"], a["in1"], a["output"], a["out2"]) == (2, True, False, 2, True)
    assert (a["mcc"], a["mnc"], a["lac"], a["cid"]) == (460, 0, 0x27B3, 0xEA7)
    assert (a["adc1"], a["adc2"], a["adc3"], a["adc4"]) == (0xA2F, 0x3B9, 3, 0)
    assert a["driverUniqueId"] == str(0x940C7E)
    assert "event" not in a and "alarm" not in a


def test_a01_rfid_card_is_the_decimal_of_its_hex() -> None:
    r = one(v.A01_RFID)
    assert r.attributes["driverUniqueId"] == "11837543"  # B4A067, as traccar's test expects
    assert r.attributes["event"] == 38 and "alarm" not in r.attributes
    assert (r.fix_time, r.altitude, r.attributes["odometer"]) == (
        utc(2019, 6, 19, 2, 58, 56), 60.0, 16666,
    )  # fmt: skip


def test_a01_invalid_fix_and_2020_layout() -> None:
    r = one(v.A01_2020)
    assert (r.valid, r.latitude, r.longitude) == (False, 3.067783, 101.672858)
    assert r.kind == RecordKind.POSITION  # coordinates kept: the last known position
    a = r.attributes
    assert (a["status"], a["input"], a["output"], a["odometer"]) == (0xA0, 3, 0, 189890)
    assert (a["mcc"], a["mnc"], a["lac"], a["cid"]) == (502, 19, 0x5C1, 0x93349F)
    assert r.fix_time == utc(2020, 10, 7, 23, 17, 35)


def test_a01_south_and_unmapped_alarm_code() -> None:
    r = one(v.A01_SOUTH)
    assert (r.latitude, r.longitude, r.altitude) == (-15.80426, 35.061506, 1198.0)
    a = r.attributes
    assert (a["event"], a["status"], r.kind) == (4, 0x900000C0, RecordKind.POSITION)
    assert "alarm" not in a


def test_a00_reports() -> None:
    r = one(v.A00_AB)
    assert (r.fix_time, r.valid) == (utc(2016, 10, 7, 8, 55, 34), True)
    assert (r.latitude, r.longitude, r.course, r.altitude) == (54.738791, 25.271918, 350.0, 151.0)
    a = r.attributes
    assert (a["index"], a["hours"], a["input"]) == (0xAB, 17_929_000, 0)
    assert "output" not in a and "driverUniqueId" not in a
    assert (a["mcc"], a["mnc"], a["lac"], a["cid"], a["adc1"]) == (246, 1, 0x65, 0x96DB, 0x936)
    assert one(v.A00_4).valid is False


@pytest.mark.parametrize(
    ("code", "alarm"), [(2, "sos"), (31, "fallDown"), (53, "powerOn"), (54, "powerOff")]
)
def test_documented_alarm_codes(code: int, alarm: str) -> None:
    body = (
        v.A01_RFID.split(b",A01,", 1)[1].rsplit(b"*", 1)[0].replace(b"38,", f"{code},".encode(), 1)
    )
    r = one(v.frame(b"$$", "869467049296388", "548", b"A01," + body))
    assert (r.kind, r.attributes["alarm"], r.attributes["event"]) == (RecordKind.EVENT, alarm, code)


def test_command_answers() -> None:
    r = one(v.frame(b"$$", "866104023192332", "1", b"C03,3.80,50%,Charging"))
    assert r.kind == RecordKind.STATUS and r.fix_time == NOW
    assert r.attributes == {"command": "C03", "result": "3.80,50%,Charging"}


def test_types_without_records() -> None:
    assert PROTOCOL.decode(v.D05, CTX) == []
    piece = v.frame(b"$$", "868345037864709", "1", b"D06,23FFD339,0,3,\xff\xd8\x2a")
    assert PROTOCOL.decode(piece, CTX) == []
    assert PROTOCOL.decode(v.frame(b"$$", "868345037864709", "1", b"XYZ,1"), CTX) == []


def test_timezone_option() -> None:
    ctx = DecodeContext(unique_id="x", received=NOW, options={"timezone": 8})
    assert one(v.A01_2016, ctx).fix_time == utc(2016, 6, 6, 1, 30, 46)


def test_bad_checksum_is_not_decoded() -> None:
    bad = v.A00_5[:-4] + b"00\r\n"
    with pytest.raises(ChecksumError):
        PROTOCOL.decode(bad, CTX)


def test_out_of_range_fields_are_invalid() -> None:
    good = b"A01,,160606093046,A,22.5,114.0,0,186,181,0,415322,0000,02,2,460|0|27B3|EA7,A2F|3B9,,"
    assert one(v.frame(b"$$", "866104023192332", "1", good)).latitude == 22.5
    for bad in (
        good.replace(b"22.5", b"92.5"),
        good.replace(b"160606", b"161306"),
        good.replace(b",186,", b",361,"),
        good.replace(b",02,", b",0G,"),
        good.replace(b"22.5", b"nan"),
        good.replace(b"A01,,", b"A01,x,"),
        good.replace(b"A2F|", b"Z2F|"),
        b"A01,,160606093046,A,22.5",
        "A01,,1606060930é6".encode(),
    ):
        with pytest.raises(InvalidField):
            PROTOCOL.decode(v.frame(b"$$", "866104023192332", "1", bad), CTX)


def test_device_round_trip() -> None:
    dev = Device("866104023192332")
    session = Session()
    fr = framer(PROTOCOL)
    assert dev.login() == (b"", b"")

    fix = Record(
        fix_time=utc(2026, 11, 26, 11, 59, 30), valid=True, latitude=-33.86882,
        longitude=151.209296, altitude=-12.0, speed=87.0, course=359.0,
        attributes={"mcc": 505, "mnc": 1, "lac": 1234, "cid": 56789, "odometer": 987654,
                    "hours": 3_600_000, "driverUniqueId": "11837543"},
    )  # fmt: skip
    frame, expected = dev.report([fix])
    assert fr.feed(frame) == [frame]
    up = PROTOCOL.inspect(frame, session)
    assert (up.kind, up.unique_id, up.ack, expected, up.records) == (
        FrameKind.DATA, "866104023192332", b"", b"", 1,
    )  # fmt: skip
    r = one(frame)
    assert (r.fix_time, r.valid, r.latitude, r.longitude) == (
        fix.fix_time, True, fix.latitude, fix.longitude,
    )  # fmt: skip
    assert (r.altitude, r.speed, r.course) == (-12.0, 87.0, 359.0)
    assert {k: r.attributes[k] for k in fix.attributes} == fix.attributes

    frame, expected = dev.heartbeat()
    assert fr.feed(frame) == [frame] and expected == b""
    r = one(frame)
    assert (r.kind, r.fix_time, r.latitude) == (RecordKind.STATUS, NOW, None)


def test_device_answers_commands() -> None:
    dev = Device("866104023192332")
    session = Session(unique_id="866104023192332")
    answer = dev.respond(PROTOCOL.encode_command(Command("requestInfo"), session))
    up = PROTOCOL.inspect(answer, session)
    assert up.kind == FrameKind.REPLY
    assert one(answer).attributes == {"command": "C02", "result": "OK"}
    report = dev.respond(PROTOCOL.encode_command(Command("requestPosition"), session))
    assert PROTOCOL.inspect(report, session).kind == FrameKind.DATA


def test_altitude_past_any_fix_is_an_invalid_field() -> None:
    """TRACCAR_DEC's A01_2020 with its altitude field (96 m) made 274498594 and rebuilt with a
    right length and checksum: bench/fuzz.py found the like when a mutated separator shifted
    the odometer into the altitude's place. No fix is that high: the device's error."""
    from fleetwire.protocols.fifotrack.framing import build_frame

    text = v.A01_2020.decode().rstrip("\r\n")
    fields = text[: text.rindex("*")].split(",")
    assert fields[11] == "96"  # A01: ..., speed, course, altitude, odometer, ...

    def rebuilt() -> bytes:
        return build_frame(b"$$", fields[1], int(fields[2]), ",".join(fields[3:]).encode())

    assert decode_sane(PROTOCOL, rebuilt(), CTX)[0].altitude == 96.0
    fields[11] = "274498594"
    bad = rebuilt()
    with pytest.raises(InvalidField, match=r"altitude 274498594\.0 outside"):
        PROTOCOL.decode(bad, CTX)
