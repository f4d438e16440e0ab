"""Megastek decoding: each layout with exact values (the reference test's own expected fix for
the $MGV002 line), the alarm words, no record without a fix, and the device's error for
malformed fields."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import DeviceError, InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.megastek import PROTOCOL
from tests.protocols.contract import NOW, decode_sane

from . import vectors as v

CTX = DecodeContext(unique_id="860719020193193", received=NOW)


def one(frame: bytes) -> Record:
    records = decode_sane(PROTOCOL, frame, CTX)
    assert len(records) == 1
    return records[0]


def test_mgv002() -> None:
    r = one(v.MGV_FULL)  # the reference's expectation: 2014-02-24 10:47:42, 22.63675, 114.03299
    assert r.fix_time == datetime(2014, 2, 24, 10, 47, 42, tzinfo=UTC)
    assert (round(r.latitude or 0, 5), round(r.longitude or 0, 5)) == (22.63675, 114.03299)
    assert (r.valid, r.satellites, r.altitude, r.course, r.speed) == (True, 3, 137.9, 356.23, 0.86)
    a = r.attributes
    assert (a["mcc"], a["mnc"], a["lac"], a["cid"], a["rssi"]) == (460, 7, 0x262C, 0x0F54, 25)
    assert (a["temp1"], a["temp2"], a["charge"], a["belt"], a["batteryLevel"]) == (
        28.5, 28.3, True, 0, 100)  # fmt: skip
    assert (a["hdop"], a["event"]) == (1.2, "Timer")
    assert one(v.MGV_LENGTH).longitude == pytest.approx(-(77 + 28.66673 / 60))


def test_alarm_words() -> None:
    r = one(v.MGV_PW_ON)
    assert (r.kind, r.attributes["alarm"], r.altitude) == (RecordKind.EVENT, "powerOn", -25.1)
    assert one(v.STX_NEW).attributes["alarm"] == "sos"


def test_stx_layouts() -> None:
    new = one(v.STX_NEW)
    assert new.fix_time == datetime(2009, 1, 1, 0, 13, 39, tzinfo=UTC)
    assert (new.satellites, new.altitude, new.attributes["batteryLevel"]) == (0, 137.1, 100)
    assert (new.attributes["lac"], new.attributes["cid"]) == (0x2B9B, 0xBBBF)
    named = one(v.STX_NAMED)
    assert named.latitude == pytest.approx(-(36 + 37.060059 / 60))
    old = one(v.STX_OLD)
    assert (old.speed, old.course, old.attributes["rssi"]) == (5.74, 79.8, 18)
    assert (old.attributes["mcc"], old.attributes["event"]) == (294, "Store")


@pytest.mark.parametrize("frame", [v.LENGTH_NO_FIX, v.STX_OLD_BINARY, v.AGPS])
def test_no_coordinates_no_record(frame: bytes) -> None:
    assert PROTOCOL.decode(frame, CTX) == []


def test_zero_placeholder_is_a_status_record() -> None:
    r = one(v.MGV_ZERO)
    assert (r.kind, r.has_position, r.valid, r.attributes["event"]) == (
        RecordKind.STATUS, False, False, "Timer")  # fmt: skip
    assert (r.attributes["mcc"], r.attributes["lac"]) == (510, 0x2342)


@pytest.mark.parametrize(
    "frame",
    [
        v.LOGSTX,  # 94 minutes
        v.MGV_FULL.replace(b",240214,", b",320214,"),
        v.MGV_FULL.replace(b",2238.20471,", b",22x8.20471,"),
        v.MGV_FULL.replace(b",356.23,", b",456.23,"),
        v.MGV_FULL.replace(b",Timer;!", b""),  # too few fields
        v.STX_NEW.replace(b",010109,", b",010199x,"),
    ],
)
def test_malformed_fields_are_the_devices_error(frame: bytes) -> None:
    with pytest.raises(InvalidField):
        PROTOCOL.decode(frame, CTX)


def test_a_latin1_superscript_where_a_number_belongs_is_no_number() -> None:
    """bench/fuzz.py found it: byte 0xB9 ('¹' in latin-1) inside the battery field made
    str.isdigit() say yes and int() fail, an exception outside the protocol's own errors."""
    frame = bytes.fromhex(
        "244d47563030322c383639313532303234343436393a332c2c532c3239303831362c3230303632372c562c"
        "353035362e32313035392c4e2c31303433392e32353033342c452c30312c30302c30302c39392e392c2c2c"
        "2d32352e312c2c3230362c30312c304242422c343431382c32382c2c2c2c2c2c2c2c2c30312c30b9332c50"
        "57204f4e3b0d0a"
    )
    for rec in decode_sane(PROTOCOL, frame, CTX):
        assert "batteryLevel" not in rec.attributes


def test_a_control_character_before_the_signal_field_is_not_read_as_part_of_it() -> None:
    """bench/fuzz.py found it: 0x1C before the LOGSTX signal field; str.strip() took it off for
    the digit test, int() was then given the field with it and failed."""
    frame = bytes.fromhex(
        "535458383633303730303134393439343634202020244750524d432c3231353934322e3239302c412c3432"
        "30302e313833312c4e2c30323132382e353930342c452c3030332e312c3037392e382c3039303831332c2c"
        "2c412a36452c3239342c30322c303036342c304633442c1c382c31372c50524d432c3232353431392e3030"
        "302c412c333834312e38323230312c4e2c30393439342e37333335372c572c31322e34362c3133352e3333"
        "2c3237303931342c2c2c412a34372c462c2c696d6569b23132333435363738393031323334352c302f362c"
        "2c426174746572793d313030252c2c302c2c2c353835362c373841333b32340d0a"
    )
    try:
        records = decode_sane(PROTOCOL, frame, CTX)
    except DeviceError:
        return
    assert all(r.attributes.get("rssi") == 8 for r in records if "rssi" in r.attributes)
