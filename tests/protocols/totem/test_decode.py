"""Totem decoding: exact values from the document's example and real captures (position,
Status flags, voltages, ADC, LACCI, serial, alarm types), the layouts that give no records, and
the Device round trip."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols._binary import xor8
from fleetwire.protocols.base import DecodeContext, Session
from fleetwire.protocols.totem import PROTOCOL, Device
from fleetwire.protocols.totem.framing import classic
from tests.protocols.contract import NOW, decode_sane, framer

from . import vectors as v

CTX = DecodeContext(unique_id="353358019474100", received=NOW)
KN = 1.852


def one(frame: bytes, ctx: DecodeContext = CTX) -> Record:
    records = decode_sane(PROTOCOL, frame, ctx)
    assert len(records) == 1
    return records[0]


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:24].decode())
def test_every_real_frame_decodes_sanely(frame: bytes) -> None:
    decode_sane(PROTOCOL, frame, CTX)


def test_doc_example() -> None:
    r = one(v.DOC_AVL02)
    assert (r.kind, r.valid, r.fix_time) == (RecordKind.POSITION, True, utc(2009, 8, 24, 4, 30, 2))
    assert r.latitude == pytest.approx(22 + 32.4289 / 60)
    assert r.longitude == pytest.approx(114 + 3.7343 / 60)
    assert (r.speed, r.course) == (0.0, None)
    assert r.attributes == {
        "event": 0xAA, "pdop": 2.3, "hdop": 2.0, "vdop": 1.0,
        # Status 110011110000: SOS and button A flags, inputs 1-4 set, outputs clear
        "in1": True, "in2": True, "in3": True, "in4": True,
        "out1": False, "out2": False, "out3": False, "out4": False,
        # Voltage 14201300: charging, battery 4.20 V, input 13.00 V
        "charge": True, "battery": 4.2, "power": 13.0,
        "adc1": 0.0, "lac": 0x2533, "cid": 0x7621, "index": 2280,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("frame", "when", "lat", "lon"),
    [
        (v.PHILIPPINES, utc(2015, 8, 20, 4, 47, 4), 14.65556, 120.98570),
        (v.MALAYSIA, utc(2015, 3, 14, 5, 10, 2), 4.65437, 101.14907),
    ],
)
def test_traccar_expected_positions(frame: bytes, when: datetime, lat: float, lon: float) -> None:
    r = one(frame)
    assert (r.kind, r.fix_time, r.valid) == (RecordKind.POSITION, when, True)
    assert (r.latitude, r.longitude) == (pytest.approx(lat, abs=1e-5), pytest.approx(lon, abs=1e-5))


def test_capture_fields() -> None:
    r = one(v.MALAYSIA)  # no ADC field: LACCI sits right after Voltage
    assert r.speed == round(0.023 * KN, 2)
    assert (r.attributes["lac"], r.attributes["cid"], r.attributes["index"]) == (
        0x105A, 0x3B1C, 5,
    )  # fmt: skip
    assert "adc1" not in r.attributes
    assert (r.attributes["battery"], r.attributes["power"]) == (3.84, 11.57)
    r = one(v.TUNISIA)
    assert (r.course, r.speed, r.attributes["out1"], r.attributes["in1"]) == (
        51.0, round(0.049 * KN, 2), True, False,
    )  # fmt: skip
    assert (r.attributes["lac"], r.attributes["cid"], r.attributes["power"]) == (0x19B, 0xD508, 0)
    r = one(v.CZECHIA)
    assert (r.attributes["in3"], r.attributes["adc1"], r.attributes["index"]) == (True, 0.05, 1170)
    assert r.fix_time == utc(2012, 2, 29, 10, 44, 46)
    r = one(v.PHILIPPINES)  # a 10-digit LACCI: not the documented layout, not decoded
    assert "lac" not in r.attributes and "driverUniqueId" not in r.attributes
    assert r.attributes["index"] == 2
    assert one(v.GREECE).attributes["index"] == 6010


@pytest.mark.parametrize(
    ("field", "celsius"), [("0345", 34.5), ("1234", 123.4), ("-123", -12.3), ("0000", None)]
)
def test_temperature_examples_of_the_document(field: str, celsius: float | None) -> None:
    body = v.DOC_AVL02[20:-7].replace(b"|0000|2280", b"|%s|2280" % field.encode())
    assert one(classic("353358019474100", body)).attributes.get("temp1") == celsius


def test_alarm_types() -> None:
    r = one(v.AUTO_SHUTDOWN)
    assert (r.kind, r.attributes["event"], r.attributes["alarm"]) == (
        RecordKind.EVENT, 0x09, "powerOff",
    )  # fmt: skip
    r = one(v.CHARGE_BEGIN)  # begin charge: an event code, no alarm
    assert (r.kind, r.attributes["event"]) == (RecordKind.POSITION, 0x60)
    assert "alarm" not in r.attributes
    for code, alarm in ((0x01, "sos"), (0x10, "lowBattery"), (0x42, "geofenceExit")):
        frame = classic("353358019474100", b"%02X" % code + v.DOC_AVL02[22:-7])
        r = one(frame)
        assert (r.kind, r.attributes["alarm"], r.latitude) == (
            RecordKind.EVENT, alarm, pytest.approx(22 + 32.4289 / 60),
        )  # fmt: skip


def test_no_fix_reports() -> None:
    r = one(v.NO_FIX_ZEROS)  # void fix at 0,0, no date, RTC unset: the receive time
    assert (r.kind, r.valid, r.latitude, r.fix_time) == (RecordKind.STATUS, False, None, NOW)
    r = one(v.NO_GPRMC)  # no sentence: the unit's clock
    assert (r.kind, r.latitude, r.fix_time) == (RecordKind.STATUS, None, utc(2009, 2, 15, 0, 1, 53))
    assert (r.attributes["battery"], r.attributes["power"]) == (3.6, 14.35)
    body = v.NO_GPRMC[20:-7].replace(b"|2009", b"|2709")  # a clock past 2099: not believed
    assert one(classic("359772033395899", body)).fix_time == NOW


def test_timezone_option_applies_to_the_unit_clock_only() -> None:
    ctx = DecodeContext(unique_id="x", received=NOW, options={"timezone": 2})
    assert one(v.NO_GPRMC, ctx).fix_time == utc(2009, 2, 14, 22, 1, 53)
    assert one(v.DOC_AVL02, ctx).fix_time == utc(2009, 8, 24, 4, 30, 2)  # GPRMC is UTC


@pytest.mark.parametrize("frame", [v.COMPACT, *v.FIXED], ids=lambda f: f[:24].decode())
def test_layouts_known_from_captures_give_their_time_and_fix(frame: bytes) -> None:
    """The layouts no document describes give what the captures surely hold (compact.py);
    their values, one capture at a time, are in test_captures.py."""
    (rec,) = decode_sane(PROTOCOL, frame, CTX)
    assert rec.fix_time != NOW and rec.fix_time.year >= 2013


def test_a_fixed_frame_of_another_layout_gives_no_records() -> None:
    """A FIXED frame whose body is not the captured fixed-width report (a type no capture
    shows, say) is kept in the raw log and gives no records until a document says more."""
    head = b"$$0000ZZ863835028447675|"
    body = b"HELLO,WORLD"
    frame = head + body
    length = len(frame) + 2
    frame = b"$$%04d" % length + frame[6:]
    frame += b"%02X" % xor8(frame) + b"\r\n"
    assert PROTOCOL.decode(frame, CTX) == []


def test_bad_fields() -> None:
    body = v.DOC_AVL02[20:-7]
    for bad in (
        body.replace(b"2232.4289,N", b"2299.4289,N"),  # 99 minutes
        body.replace(b",N,", b",X,"),
        body.replace(b"|02.3|", b"|0x.3|"),
        body.replace(b"0.00,,240809", b"9999,,240809"),  # 18518 km/h
        b"AA$GPRMC,043002.000,A|02.3|02.0|01.0|110011110000|20090824043003|14201300",
        body.split(b"|20090824")[0],  # fewer fields than every layout has
        body.replace(b"2232", "22é".encode()),
    ):
        with pytest.raises(InvalidField):
            PROTOCOL.decode(classic("353358019474100", bad), CTX)
    with pytest.raises(InvalidField):
        PROTOCOL.decode(classic("353358019474100", b"G" + body[1:]), CTX)


def test_device_round_trip() -> None:
    dev = Device("356307042441013")
    assert dev.login() == (b"", b"")
    fix = Record(
        fix_time=utc(2026, 11, 20, 10, 0, 1), valid=True, latitude=-33.9249, longitude=-18.4241,
        speed=42.0, course=90.0, attributes={"in2": True, "out1": True, "battery": 4.05,
                                              "power": 12.6, "charge": True, "index": 17},
    )  # fmt: skip
    frame, ack = dev.report([fix])
    assert ack == b"" and framer(PROTOCOL).feed(frame) == [frame]
    assert PROTOCOL.inspect(frame, Session()).unique_id == "356307042441013"
    r = one(frame)
    assert (r.fix_time, r.valid, r.course) == (fix.fix_time, True, 90.0)
    assert r.latitude == pytest.approx(-33.9249, abs=1e-5)
    assert r.longitude == pytest.approx(-18.4241, abs=1e-5)
    assert r.speed == pytest.approx(42.0, abs=0.01)
    a = r.attributes
    assert (a["in2"], a["out1"], a["battery"], a["power"], a["charge"], a["index"]) == (
        True, True, 4.05, 12.6, True, 17,
    )  # fmt: skip
    heartbeat, _ = dev.heartbeat()
    assert one(heartbeat).kind is RecordKind.STATUS
    with pytest.raises(ValueError, match="one fix"):
        dev.report([fix, fix])
