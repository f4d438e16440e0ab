"""Suntech universal binary reports (0x81 status, 0x82 alert): exact values from real frames,
the field map honoured, out-of-range fields, truncation and corruption giving only the
device's error.

Real frames: vectors.BINARY_* (traccar SuntechProtocolDecoderTest.java, used as data only).
Frames built here are those real frames with fields taken out and the map and length changed to
match, so they say the same things with fewer fields, and the simulated Device's binary reports.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import DeviceError, InvalidField, TruncatedFrame
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext, FrameKind, Session
from fleetwire.protocols.suntech import PROTOCOL, Device, binary
from tests.protocols.contract import (
    NOW,
    assert_prefixes_need_more_or_fail,
    decode_sane,
    framer,
)
from tests.protocols.fuzzing import FAR, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="0520001338", received=NOW)

# Byte offsets in a report whose map is 3FFFFF (every field up to bit 21).
_MAP = slice(8, 11)
_MSG_TYPE = 15
_DATE, _TIME = slice(16, 19), slice(19, 22)
_CELL = slice(22, 33)  # CELL_ID, MCC, MNC, LAC, RX_LVL: map bits 6-10
_LAT, _LON = slice(33, 37), slice(37, 41)
_CRS = slice(43, 45)


def one(frame: bytes) -> Record:
    records = decode_sane(PROTOCOL, frame, CTX)
    assert len(records) == 1
    return records[0]


def without(frame: bytes, bits: range, cut: slice) -> bytes:
    """``frame`` with the fields of map ``bits`` (the bytes at ``cut``) taken out."""
    mask = int.from_bytes(frame[_MAP], "big")
    for b in bits:
        mask &= ~(1 << b)
    body = frame[11 : cut.start] + frame[cut.stop :]
    head = frame[:1] + (len(body) + 8).to_bytes(2, "big") + frame[3:8]
    return head + mask.to_bytes(3, "big") + body


def patched(frame: bytes, where: slice | int, value: bytes) -> bytes:
    out = bytearray(frame)
    out[where if isinstance(where, slice) else slice(where, where + 1)] = value
    return bytes(out)


def test_status_report() -> None:
    r = one(v.BINARY_81)
    assert (r.kind, r.fix_time, r.valid) == (
        RecordKind.POSITION, datetime(2019, 10, 5, 18, 8, 4, tzinfo=UTC), True,
    )  # fmt: skip
    # LAT 0047f9d5, LON 846a0681 (top bit: west), SPD 0x0072, CRS 0x2252, SATT 0x14
    assert (r.latitude, r.longitude, r.speed, r.course, r.satellites) == (
        4.717013, -74.057345, 1.14, 87.86, 20,
    )  # fmt: skip
    # IN_STATE 0x01, OUT_STATE 0x00, MSG_NUM 0x00a8, as the text form's input/output/index;
    # IN_STATE bit 0 is the ignition, the first digit of the text form's I/O string
    assert r.attributes == {"input": 1, "ignition": True, "output": 0, "index": 168}


def test_stored_status_report() -> None:
    r = one(v.BINARY_81_STORED)
    assert r.fix_time == datetime(2019, 11, 2, 11, 42, 5, tzinfo=UTC)
    assert (r.latitude, r.longitude, r.speed, r.course, r.satellites) == (
        4.717036, -74.057296, 0.0, 0.0, 18,
    )  # fmt: skip
    # Traccar's SuntechProtocolDecoderTest reads ignition false from this capture
    assert r.attributes == {
        "input": 2, "ignition": False, "output": 0, "archive": True, "index": 9121,
    }  # fmt: skip


def test_alert_report() -> None:
    r = one(v.BINARY_82)
    assert r.fix_time == datetime(2020, 2, 4, 16, 41, 57, tzinfo=UTC)
    assert (r.latitude, r.longitude, r.satellites, r.valid) == (4.681633, -74.049663, 11, True)
    # ALERT_ID 59 has no alarm in the shared table: an event id, as the text form gives it; its
    # ALERT_DATA is the iButton id the driver presented (Traccar's SuntechProtocolDecoderTest
    # reads driverUniqueId 1d00000113f3f801 from this capture)
    assert (r.kind, r.attributes) == (
        RecordKind.POSITION,
        {"input": 0, "ignition": False, "output": 0, "event": 59,
         "driverUniqueId": "1d00000113f3f801"},
    )  # fmt: skip


def test_alert_ids_map_to_the_shared_alarms() -> None:
    alert_id = 11 + 1 + 3 + 1 + 3 + 3 + 11 + 4 + 4 + 2 + 2 + 1 + 1 + 1 + 1  # after OUT_STATE
    assert v.BINARY_82[alert_id] == 59
    r = one(patched(v.BINARY_82, alert_id, bytes([41])))
    assert (r.kind, r.attributes["alarm"], r.attributes["event"]) == (
        RecordKind.EVENT, "powerCut", 41,
    )  # fmt: skip
    r = one(patched(v.BINARY_82, alert_id, bytes([33])))
    assert (r.kind, r.attributes["ignition"]) == (RecordKind.POSITION, True)


def test_the_map_says_which_fields_are_there() -> None:
    full = one(v.BINARY_81)
    no_cell = without(v.BINARY_81, range(6, 11), _CELL)
    assert len(no_cell) == len(v.BINARY_81) - 11
    assert one(no_cell) == full  # the cell fields are not decoded: the same record
    no_time = without(v.BINARY_81, range(4, 6), slice(_DATE.start, _TIME.stop))
    r = one(no_time)
    assert (r.fix_time, r.latitude, r.attributes) == (NOW, full.latitude, full.attributes)
    no_position = without(v.BINARY_81, range(11, 13), slice(_LAT.start, _LON.stop))
    r = one(no_position)
    assert (r.kind, r.latitude, r.valid, r.speed) == (RecordKind.STATUS, None, False, 1.14)


def test_a_map_wider_than_the_report_is_truncation() -> None:
    # the envelope is whole (its length says 51 bytes), but MSG_NUM, in the map, is not there
    short = v.BINARY_81[:1] + (51 - 3).to_bytes(2, "big") + v.BINARY_81[3:51]
    assert PROTOCOL.inspect(short, Session()).unique_id == "0520001338"
    with pytest.raises(TruncatedFrame, match="need 2 bytes at offset 51"):
        PROTOCOL.decode(short, CTX)


def test_out_of_range_fields_are_invalid() -> None:
    for where, value in (
        (_DATE, b"\x13\x0d\x05"),  # month 13
        (_DATE, b"\x64\x01\x01"),  # year 100 in a two-digit field
        (_TIME, b"\x18\x00\x00"),  # 24:00:00
        (_LAT, (91_000_000).to_bytes(4, "big")),
        (_LON, (0x8000_0000 | 181_000_000).to_bytes(4, "big")),
        (_CRS, (36_001).to_bytes(2, "big")),
    ):
        with pytest.raises(InvalidField):
            PROTOCOL.decode(patched(v.BINARY_81, where, value), CTX)
    with pytest.raises(InvalidField):  # DEV_ID not BCD
        PROTOCOL.decode(patched(v.BINARY_81, 3, b"\x0a"), CTX)


def test_an_unknown_report_type_gives_no_records(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(binary.DECODERS, 0x82)
    assert binary.decode(v.BINARY_82, CTX) == []


def test_inspect_counts_one_record_and_sends_no_reply() -> None:
    for frame, uid in ((v.BINARY_81, "0520001338"), (v.BINARY_82, "0580000055")):
        up = PROTOCOL.inspect(frame, Session())
        assert (up.kind, up.unique_id, up.ack, up.records) == (FrameKind.DATA, uid, b"", 1)


@pytest.mark.parametrize("frame", v.BINARY, ids=lambda f: f[:11].hex())
def test_every_prefix_is_truncation(frame: bytes) -> None:
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)
    for cut in range(len(frame)):
        with pytest.raises(TruncatedFrame):
            PROTOCOL.decode(frame[:cut], CTX)


@pytest.mark.parametrize("frame", v.BINARY, ids=lambda f: f[:11].hex())
def test_every_flipped_byte_decodes_sanely_or_is_the_devices_fault(frame: bytes) -> None:
    for i in range(len(frame)):
        for flip in (0x01, 0x80, 0xFF):
            corrupted = patched(frame, i, bytes([frame[i] ^ flip]))
            assert_clean(PROTOCOL, corrupted, CTX, FAR)
    with pytest.raises(DeviceError):
        PROTOCOL.decode(v.BINARY_81 + b"\x00", CTX)  # longer than its length


def test_device_binary_round_trip() -> None:
    dev = Device("0520001338", binary=True)
    fix = Record(
        fix_time=datetime(2026, 11, 26, 11, 59, 30, tzinfo=UTC), valid=True,
        latitude=-33.86882, longitude=151.209296, speed=87.5, course=359.25, satellites=11,
        attributes={"input": 5, "output": 2},
    )  # fmt: skip
    frame, expected = dev.report([fix])
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert (PROTOCOL.inspect(frame, Session()).unique_id, expected) == ("0520001338", b"")
    assert one(frame) == Record(
        fix_time=fix.fix_time, valid=True, latitude=-33.86882, longitude=151.209296, speed=87.5,
        course=359.25, satellites=11,
        attributes={"input": 5, "ignition": True, "output": 2, "index": 1},
    )  # fmt: skip
    stored = Record(fix_time=NOW, latitude=1.0, longitude=-2.0, attributes={"archive": True})
    assert one(dev.report([stored])[0]).attributes["archive"] is True
    with pytest.raises(ValueError, match="10 BCD digits"):
        Device("356307042441013", binary=True)
