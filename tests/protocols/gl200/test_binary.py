"""@Track HEX (binary) reports: exact values from the GV200 document examples and the public
GB100 captures (sources in vectors.py), the report mask deciding which fields are present, and
truncated or corrupted frames giving only the device's error."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime

import pytest

from fleetwire.errors import DeviceError, InvalidField, TruncatedFrame
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.gl200 import PROTOCOL, binary
from tests.protocols.contract import NOW, decode_sane

from . import vectors as v

CTX = DecodeContext(unique_id="865084030003675", received=NOW)


def one(frame: bytes) -> Record:
    records = decode_sane(PROTOCOL, frame, CTX)
    assert len(records) == 1
    return records[0]


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def with_length(body: bytes) -> bytes:
    """A +RSP/+EVT body (no CR LF) made whole again: its 2-byte length at offset 9 fixed."""
    frame = body + b"\r\n"
    return frame[:9] + len(frame).to_bytes(2, "big") + frame[11:]


def test_gv200_document_rsp_example() -> None:
    """TRACGV200AN003 4.3: mask FFFFFFBF, every field but the device name."""
    r = one(v.DOC_GV200_RSP)
    assert (r.kind, r.fix_time, r.valid) == (RecordKind.POSITION, utc(2012, 1, 30, 10, 8, 29), True)
    assert (r.latitude, r.longitude) == (31.164863, 121.390735)
    assert (r.speed, r.course, r.altitude) == (0.0, 0.0, 15.0)
    assert r.attributes == {
        "hdop": 1.0, "mcc": 460, "mnc": 0, "lac": 0x1878, "cid": 0x0873, "event": 0x0B,
        "power": 0.0, "adc1": 0, "adc2": 0, "adc3": 0, "input": 0x0C, "output": 0,
        "motion": False, "satVisible": 8,
    }  # fmt: skip


def test_gb100_capture_rsp() -> None:
    """Traccar Gl200BinaryProtocolDecoderTest +RSP: mask 00FC1FBF (no analog/digital I/O)."""
    r = one(v.TRACCAR_BIN_RSP)
    assert (r.fix_time, r.valid) == (utc(2017, 8, 1, 8, 26, 42), False)  # accuracy 0
    assert (r.latitude, r.longitude, r.altitude, r.speed) == (39.611009, -9.068207, 126.0, 0.0)
    a = r.attributes
    assert (a["power"], a["batteryLevel"], a["motion"], a["satVisible"]) == (14.206, 100, True, 7)
    assert (a["mcc"], a["mnc"], a["lac"], a["cid"]) == (268, 3, 0x189C, 0x1AC5)
    assert "adc1" not in a and "input" not in a and "ignition" not in a  # 0x42: no ignition line


def test_gb100_capture_evt() -> None:
    """Traccar Gl200BinaryProtocolDecoderTest +EVT: one position, no <Number> byte."""
    r = one(v.TRACCAR_BIN_EVT)
    assert r.fix_time == utc(2017, 7, 10, 20, 4, 18)
    assert (r.latitude, r.longitude, r.course, r.altitude) == (39.611, -9.068262, 63.0, 125.0)
    a = r.attributes
    assert (a["event"], a["power"], a["motion"], a["satVisible"]) == (0x0C, 12.586, False, 9)


def test_buffered_headers_are_archive() -> None:
    for head, kind in ((b"+BSP", "RSP"), (b"+BVT", "EVT")):
        frame = v.TRACCAR_BIN_RSP if kind == "RSP" else v.TRACCAR_BIN_EVT
        assert one(head + frame[4:]).attributes["archive"] is True


def test_gv200_document_heartbeat_identity() -> None:
    """TRACGV200AN003 4.6: mask EB, IMEI packed two digits a byte (23 5C 1F ... -> 35 92 31)."""
    assert binary.heartbeat_identity(v.DOC_GV200_HBD) == "359231036735270"
    assert PROTOCOL.decode(v.DOC_GV200_HBD, CTX) == []


def test_packed_imei_and_device_name() -> None:
    doc = bytes.fromhex("0D395A18440B1600")  # TRACGV200AN003 4.6: IMEI 135790246811220
    assert binary.unique_id(doc, name=False) == "135790246811220"
    assert binary.unique_id(b"gv200\0\0\0", name=True) == "gv200"  # 4.6 device name example
    for bad, name in ((b"\x64" + doc[1:], False), (doc[:7] + b"\x0a", False), (bytes(8), True)):
        with pytest.raises(InvalidField):
            binary.unique_id(bad, name)


def test_mask_decides_the_fields() -> None:
    """Clearing speed/azimuth/altitude/cell bits drops those fields and their bytes."""
    frame = bytearray(v.DOC_GV200_RSP)
    frame[5:9] = (0xFFFFFFBF & ~0b1111).to_bytes(4, "big")
    block = frame.index(bytes.fromhex("073C468F"))
    cell = frame.index(bytes.fromhex("0460000018780873"))
    body = frame[: block - 7] + frame[block:cell] + frame[cell + 9 : -2]  # speed 3, az 2, alt 2
    r = one(with_length(bytes(body)))
    assert (r.speed, r.course, r.altitude, r.latitude) == (None, None, None, 31.164863)
    assert "mcc" not in r.attributes


def test_multiple_positions() -> None:
    """<Number> 2: the block repeats; the status attributes go with the last one, as in text."""
    frame = v.DOC_GV200_RSP
    start = frame.index(bytes.fromhex("0101000000")) + 1  # <Number> 1, accuracy 1, speed 0
    end = frame.index(bytes.fromhex("087300")) + 3
    block = frame[start:end]
    body = frame[: start - 1] + b"\x02" + block + block + frame[end:-2]
    first, second = decode_sane(PROTOCOL, with_length(body), CTX)
    assert first.fix_time == second.fix_time == utc(2012, 1, 30, 10, 8, 29)
    assert "satVisible" not in first.attributes and second.attributes["satVisible"] == 8


# traccar/traccar Gl200BinaryProtocolDecoderTest.java (commit 014cf82a9e), used as data only
GB100_EVT_IGNITION = bytes.fromhex(
    "2b4556542d00fc1fbf0063450102020956325403000343056437f8220700000200000000010000160100f2"
    "007eff75a1f0025c6b1a07e1080108241a02680003189c1ac500000000000002100800000000000000000007"
    "e1080108241a19e24e4e0d0a"
)
GB100_LOCATION_BY_CALL = bytes.fromhex(
    "2b5253500300fc1fff0064450102020867623130302d446f642f4421050070182173450"
    "05f010100000001100045073c4d4101db86bd07e106130b2b0f04600000187700130000000300000001060"
    "20f2300002714301107e106130b2b1003424efb0d0a"
)


def test_event_type_fields_before_the_position() -> None:
    """+EVT type 45 (ignition on) carries 7 bytes of its own before the position."""
    r = one(GB100_EVT_IGNITION)
    assert (r.fix_time, r.latitude, r.longitude, r.speed, r.course, r.altitude) == (
        utc(2017, 8, 1, 8, 36, 26), 39.611162, -9.068048, 22.1, 242.0, 126.0,
    )  # fmt: skip
    assert (r.attributes["event"], r.attributes["power"]) == (45, 14.328)


def test_location_by_call_skips_the_caller() -> None:
    r = one(GB100_LOCATION_BY_CALL)
    assert (r.fix_time, r.latitude, r.longitude, r.course) == (
        utc(2017, 6, 19, 11, 43, 15), 31.164093, 121.392449, 272.0,
    )  # fmt: skip
    assert (r.attributes["batteryLevel"], r.attributes["power"]) == (100, 12.1)


def test_compressed_track() -> None:
    """Type 100: full and delta points, one second apart, the status on the last."""
    head = bytes.fromhex("2b5253506400fc1fbf0000450102020956325403000343056438ed2205")
    full = bytes.fromhex("61c6f0ff75a1b4025c6af959803d8b")  # 22.7 km/h, 240 degrees
    delta = bytes.fromhex("a07ffe17de")  # +0.1 km/h, -1 degree, -34 / -33 microdegrees
    tail = bytes.fromhex("07e1080108290019e63b5c")
    body = head + (3).to_bytes(2, "big") + full + b"\x00" + delta + tail
    first, second = decode_sane(PROTOCOL, with_length(body), CTX)
    assert (first.fix_time, first.speed, first.course, first.latitude, first.longitude) == (
        utc(2017, 8, 1, 8, 36, 27), 22.7, 240.0, 39.611129, -9.068108,
    )  # fmt: skip
    assert (second.fix_time, second.speed, second.course) == (
        utc(2017, 8, 1, 8, 36, 29),
        22.8,
        239.0,
    )
    assert second.attributes["event"] == 100 and "event" not in first.attributes
    with pytest.raises(TruncatedFrame):
        PROTOCOL.decode(with_length(head + (2).to_bytes(2, "big") + full + tail), CTX)


def test_information_report_in_part() -> None:
    r = one(v.TRACCAR_BIN_INF)
    assert (r.kind, r.fix_time, r.attributes) == (
        RecordKind.STATUS, utc(2017, 7, 21, 11, 13, 55), {"versionFw": "0209"},
    )  # fmt: skip


def test_unsourced_layout_is_no_records() -> None:
    """Bit 11 set on a device type the sources do not describe: a value, not a guess."""
    frame = bytearray(v.DOC_GV200_RSP)
    frame[11] = 0x06  # device type
    assert PROTOCOL.decode(bytes(frame), CTX) == []


def test_bad_values_are_invalid() -> None:
    frame = v.DOC_GV200_RSP
    lon = frame.index(bytes.fromhex("073C468F"))
    for patch in (
        (lon, bytes.fromhex("7FFFFFFF")),  # longitude 2147°
        (lon + 8, bytes.fromhex("07DC0D")),  # month 13
        (lon - 5, b"\x0a"),  # speed tenths 10
        (lon - 4, b"\x01\x69"),  # azimuth 361
        (frame.index(b"\x04\x60"), b"\x0a\x60"),  # MCC not BCD
    ):
        at, data = patch
        bad = frame[:at] + data + frame[at + len(data) :]
        with pytest.raises(InvalidField):
            PROTOCOL.decode(bad, CTX)


@pytest.mark.parametrize("frame", v.BINARY_REPORTS, ids=lambda f: f[:12].hex())
def test_body_cut_at_every_length(frame: bytes) -> None:
    """Frames re-declared at every shorter length (so framing passes) raise only the device's
    error; cut anywhere before the end of the position block, they must raise."""
    block_end = frame.index(bytes.fromhex("1ac500" if b"\x1a\xc5" in frame else "087300")) + 3
    for cut in range(11, len(frame) - 2):
        short = with_length(frame[:cut])
        try:
            PROTOCOL.decode(short, CTX)
        except DeviceError:
            continue
        assert cut >= block_end, cut


@pytest.mark.parametrize("frame", v.BINARY, ids=lambda f: f[:12].hex())
def test_every_flipped_byte(frame: bytes) -> None:
    for i in range(len(frame)):
        bad = frame[:i] + bytes([frame[i] ^ 0xFF]) + frame[i + 1 :]
        with contextlib.suppress(DeviceError):
            for r in PROTOCOL.decode(bad, CTX):
                assert isinstance(r, Record)
    with pytest.raises(TruncatedFrame):
        PROTOCOL.decode(frame[:-3], CTX)
