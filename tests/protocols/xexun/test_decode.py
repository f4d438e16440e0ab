"""Xexun decoding: exact values from real messages of both layouts, alarm texts, the sanity
check on every record, options, and the Device round trip."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import ChecksumError, InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols._binary import crc16_xmodem
from fleetwire.protocols.base import DecodeContext, Session
from fleetwire.protocols.xexun import PROTOCOL, Device
from tests.protocols.contract import NOW, decode_sane, framer

from . import vectors as v

CTX = DecodeContext(unique_id="351525010943661", received=NOW)


def one(frame: bytes, ctx: DecodeContext = CTX) -> Record:
    records = decode_sane(PROTOCOL, frame, ctx)
    assert len(records) == 1
    return records[0]


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def basic(sentence: str, status: str = "F,", imei: str = "351525010943661") -> bytes:
    """A basic message around ``sentence`` with its NMEA checksum computed."""
    cs = 0
    for c in sentence:
        cs ^= ord(c)
    return f"{sentence}*{cs:02X},{status}imei:{imei},".encode()


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:12].decode())
def test_every_real_message_decodes_sanely(frame: bytes) -> None:
    decode_sane(PROTOCOL, frame, CTX)


def test_basic_layout() -> None:
    r = one(v.BASIC_SYDNEY)  # the decoder test's expected position
    assert (r.kind, r.fix_time, r.valid) == (RecordKind.POSITION, utc(2011, 9, 1, 15, 1, 20), True)
    assert r.latitude == pytest.approx(-33.77411, abs=1e-5)
    assert r.longitude == pytest.approx(150.95514, abs=1e-5)
    assert (r.speed, r.course, r.satellites, r.attributes) == (0.0, 117.4, None, {})
    r = one(v.BASIC_FRANCE)
    assert r.speed == pytest.approx(21.12 * 1.852)
    assert r.course == 276.01


def test_basic_quirks() -> None:
    r = one(v.BASIC_SHORT_LAT)  # "811.299200,S": leading zero dropped
    assert r.latitude == pytest.approx(-(8 + 11.2992 / 60))
    r = one(v.BASIC_SHORT_LON)  # "1948.1220,E"
    assert r.longitude == pytest.approx(19 + 48.122 / 60)
    r = one(v.BASIC_NO_HEMISPHERE)  # "02038.2403,,": taken as east
    assert r.longitude == pytest.approx(20 + 38.2403 / 60)
    assert one(v.BASIC_NO_COURSE).course == 0.0
    assert one(v.BASIC_GNRMC).fix_time == utc(2015, 2, 16, 13, 44, 18)


def test_full_layout() -> None:
    r = one(v.FULL_KRASNODAR)  # the decoder test's expected position
    assert r.fix_time == utc(2013, 3, 2, 8, 53, 49)
    assert (round(r.latitude or 0, 5), round(r.longitude or 0, 5)) == (45.05399, 38.9761)
    assert (r.satellites, r.altitude, r.course) == (3, -1.5, 154.65)
    assert r.speed == pytest.approx(6.95 * 1.852)
    assert r.attributes == {
        "battery": 4.15, "charge": True, "mcc": 250, "mnc": 1, "lac": 0x278A, "cid": 0x5072,
    }  # fmt: skip


def test_full_layout_with_adc_and_distance() -> None:
    a = one(v.FULL_ADC).attributes
    assert (a["battery"], a["adc1"], a["adc2"], a["charge"]) == (4.01, 0.2, 0.0, False)
    assert (a["mcc"], a["mnc"], a["lac"], a["cid"]) == (520, 1, 0x5DE8, 0x0399)


def test_full_layout_without_a_fix_is_a_status() -> None:
    r = one(v.FULL_NO_FIX)
    assert (r.kind, r.fix_time, r.has_position) == (RecordKind.STATUS, NOW, False)
    assert r.attributes == {
        "battery": 4.28, "charge": True, "mcc": 247, "mnc": 1, "lac": 0x000E, "cid": 0x1FC5,
    }  # fmt: skip


def test_ignition_texts() -> None:
    assert one(v.FULL_ACC_START).attributes["ignition"] is True
    assert one(v.FULL_ACC_STOP).attributes["ignition"] is False
    r = one(v.FULL_ACC_ON_OPERATOR)
    assert (r.attributes["event"], r.attributes["ignition"], r.kind) == (
        "acc on", True, RecordKind.POSITION,
    )  # fmt: skip
    assert one(v.FULL_ACC_OFF).attributes["ignition"] is False


@pytest.mark.parametrize(
    ("text", "alarm"),
    [
        ("help me!", "sos"),
        ("low battery!", "lowBattery"),
        ("move!", "movement"),
        ("speed!", "overspeed"),
        ("stockade!", "geofence"),
        ("ac alarm!", "powerCut"),
        ("door alarm!", "door"),
        ("sensor alarm!", "vibration"),
    ],
)
def test_alarm_texts(text: str, alarm: str) -> None:
    sentence = "GPRMC,120600.000,A,6000.0000,N,13000.0000,E,0.00,0.00,010112,,,A"
    r = one(basic(sentence, f"F,{text}, "))
    assert (r.kind, r.attributes["alarm"], r.attributes["event"]) == (RecordKind.EVENT, alarm, text)


def test_timezone_option() -> None:
    ctx = DecodeContext(unique_id="x", received=NOW, options={"timezone": 10})
    assert one(v.BASIC_SYDNEY, ctx).fix_time == utc(2011, 9, 1, 5, 1, 20)


def test_bad_crcs_are_not_decoded_rewritten_sentences_are() -> None:
    for frame in v.EDITED_CRC:
        with pytest.raises(ChecksumError):
            PROTOCOL.decode(frame, CTX)
    for frame in v.EDITED_LENGTH:
        assert PROTOCOL.decode(frame, CTX), frame[:40]
    for frame in v.EDITED_SENTENCE:
        assert PROTOCOL.decode(frame, CTX), frame[:40]


def test_out_of_range_fields_are_invalid() -> None:
    good = "GPRMC,150120.000,A,3346.4463,S,15057.3083,E,0.0,117.4,010911,,,A"
    assert one(basic(good)).valid
    for old, new in (
        ("3346.4463,S", "9346.4463,S"),
        ("3346.4463,S", "3376.4463,S"),
        ("3346.4463,S", "3346.4463,E"),
        ("15057.3083", "18157.3083"),
        ("010911", "011311"),
        ("010911", "0109"),
        ("150120.000", "15"),
        ("117.4", "361"),
        ("0.0,117", "x,117"),
        (",010911,,,A", ""),
    ):
        with pytest.raises(InvalidField):
            PROTOCOL.decode(basic(good.replace(old, new)), CTX)


def _resigned(message: bytes, index: int, value: bytes) -> bytes:
    """A full message with tail field ``index`` (0-3) set, its length and CRC made right."""
    head, _, tail = message.partition(b"imei:")
    fields = tail.split(b",")
    fields[index + 1] = value  # fields[0] is the IMEI
    counted = head + b"imei:" + b",".join(fields[:5]) + b","
    fields[5] = str(len(counted)).encode()
    counted += fields[5] + b","
    fields[6] = str(crc16_xmodem(counted)).encode()
    return head + b"imei:" + b",".join(fields)


def test_full_tail_fields_are_checked() -> None:
    assert one(_resigned(v.FULL_LISBON, 2, b"L:3.70V")).attributes["battery"] == 3.7
    for index, value in ((2, b"3.69V"), (2, b"L:3.69"), (2, b"L:3.69V/ADC1:1V"), (0, b"x3"),
                         (0, b"123"), (1, b"high")):  # fmt: skip
        with pytest.raises(InvalidField):
            PROTOCOL.decode(_resigned(v.FULL_LISBON, index, value), CTX)


def test_device_round_trip() -> None:
    dev = Device("864504031916915")
    session = Session()
    fr = framer(PROTOCOL)
    frame, expected = dev.login()
    assert frame.endswith(b"\r\n") and expected == b""
    assert fr.feed(frame) == [frame[:-1]]
    up = PROTOCOL.inspect(frame[:-1], session)
    assert (up.unique_id, up.ack) == ("864504031916915", b"")
    assert one(frame[:-1]).kind == RecordKind.STATUS

    fix = Record(
        fix_time=utc(2026, 11, 26, 11, 59, 30), valid=True, latitude=-33.86882,
        longitude=151.209296, altitude=-12.5, speed=87.0, course=359.0, satellites=11,
        attributes={"mcc": 505, "mnc": 1, "lac": 1234, "cid": 56789, "battery": 4.05,
                    "charge": True},
    )  # fmt: skip
    frame, expected = dev.report([fix])
    assert fr.feed(frame) == [frame[:-1]]  # the LF of the last message was skipped first
    assert PROTOCOL.inspect(frame[:-1], session).ack == expected == b""
    r = one(frame[:-1])
    assert (r.fix_time, r.valid, r.altitude, r.course, r.satellites) == (
        fix.fix_time, True, -12.5, 359.0, 11,
    )  # fmt: skip
    assert r.latitude == pytest.approx(fix.latitude, abs=2e-6)
    assert r.longitude == pytest.approx(fix.longitude, abs=2e-6)
    assert r.speed == pytest.approx(87.0, abs=0.01)
    assert r.attributes == fix.attributes
    assert dev.heartbeat()[1] == b""
    with pytest.raises(ValueError, match="one fix"):
        dev.report([fix, fix])
