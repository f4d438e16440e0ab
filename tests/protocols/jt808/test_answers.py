"""JT/T 808 answers and driver identification: exact values from real frames (traccar
HuabaoProtocolDecoderTest, used as data only) and from frames built to the standard's layouts
(JT/T 808-2013 tables 19, 21 and 79) where no capture was found."""

from __future__ import annotations

from datetime import UTC, datetime

from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.jt808 import PROTOCOL
from fleetwire.protocols.jt808.framing import build_frame
from tests.protocols.contract import NOW, decode_sane

CTX = DecodeContext(unique_id="12345678901", received=NOW)
PHONE = bytes.fromhex("013912345678")


def one(frame: bytes) -> Record:
    records = decode_sane(PROTOCOL, frame, CTX)
    assert len(records) == 1
    return records[0]


def test_driver_identification_0x0702() -> None:
    # card inserted (1) at 2025-10-09 15:07:51 GMT+8, read OK, no name, certificate "0029b885"
    r = one(
        bytes.fromhex(
            "7e0702002201827061151401bc012510091507510000303032396238383500000000000000000000"
            "000000000000002b7e"
        )
    )
    assert (r.kind, r.fix_time) == (RecordKind.STATUS, datetime(2025, 10, 9, 7, 7, 51, tzinfo=UTC))
    assert r.attributes == {"event": 1, "driverUniqueId": "0029b885", "cardCode": "0029b885"}


def test_driver_card_removed_carries_only_the_event() -> None:
    r = one(build_frame(0x0702, bytes.fromhex("02250101120000"), PHONE, 1))
    assert r.attributes == {"event": 2}


def test_waybill_text_is_a_command_answer_0x0701() -> None:
    r = one(
        bytes.fromhex("7e070100150120764632790008000000114d442c53455420434f4e464947204f4b21187e")
    )
    assert (r.kind, r.attributes) == (RecordKind.STATUS, {"result": "MD,SET CONFIG OK!"})


def test_vendor_text_answer_0x6006() -> None:
    r = one(
        bytes.fromhex(
            "7e60060055014164192753005a003c5645523a53444b3a42433738455f5045545f56312e30325f32"
            "34303631312c4150503a50455431302348573031344a54533130323033443234313130345f4e6f76"
            "20203420323032345f31343a34393a33343e4c7e"
        )
    )
    assert r.attributes["result"] == (
        "<VER:SDK:BC78E_PET_V1.02_240611,APP:PET10#HW014JTS10203D241104_Nov  4 2024_14:49:34>"
    )


def test_parameter_answer_0x0104() -> None:
    # answer to our serial 7: 0x0029 report interval 30 s (DWORD), 0x0013 server "1.2.3.4"
    body = bytes.fromhex("00070200000029040000001e0000001307") + b"1.2.3.4"
    r = one(build_frame(0x0104, body, PHONE, 1))
    assert r.attributes == {
        "result": "0029=30,0013=1.2.3.4", "commandSerial": 7,
        "ignitionOnInterval": 30, "server": "1.2.3.4",
    }  # fmt: skip


def test_attribute_answer_0x0107() -> None:
    body = (
        bytes.fromhex("0006")  # terminal type
        + b"MAKER"
        + b"MODEL-X".ljust(20, b"\x00")
        + b"T000001"
        + bytes.fromhex("89860412345678901234")  # ICCID, BCD
        + bytes((3,)) + b"1.0"
        + bytes((5,)) + b"2.3.4"
        + bytes.fromhex("0301")  # GNSS and communication module attributes
    )  # fmt: skip
    r = one(build_frame(0x0107, body, PHONE, 1))
    a = r.attributes
    assert (a["manufacturer"], a["model"], a["terminalId"]) == ("MAKER", "MODEL-X", "T000001")
    assert (a["iccid"], a["versionHw"], a["versionFw"]) == ("89860412345678901234", "1.0", "2.3.4")
    assert a["result"].startswith("manufacturer=MAKER,model=MODEL-X")


# The standard's event and media messages, built to JT/T 808-2013 sections 8.27-8.54 (no
# public capture found): the location part is TRACCAR_SOUTH_WEST's 0x0200 body.
_LOCATION = bytes.fromhex("000000000000400e012af16f02cbd2ba000000000000150101194257010400000077")


def test_upgrade_result_0x0108() -> None:
    r = one(build_frame(0x0108, bytes((0, 1)), PHONE, 1))
    assert r.attributes == {"result": "upgrade 0: failure"}


def test_event_report_and_question_answer_0x0301_0x0302() -> None:
    assert one(build_frame(0x0301, bytes((7,)), PHONE, 1)).attributes == {"event": 7}
    r = one(build_frame(0x0302, bytes.fromhex("001203"), PHONE, 1))
    assert r.attributes == {"result": "3", "commandSerial": 0x12}


def test_vehicle_control_answer_0x0500_has_the_location() -> None:
    r = one(build_frame(0x0500, bytes.fromhex("0021") + _LOCATION, PHONE, 1))
    assert (r.latitude, r.longitude) == (-19.591535, -46.912186)
    assert r.fix_time == datetime(2015, 1, 1, 11, 42, 57, tzinfo=UTC)
    assert (r.attributes["commandSerial"], r.attributes["odometer"]) == (0x21, 11900)


def test_multimedia_event_and_data_0x0800_0x0801() -> None:
    media = bytes.fromhex("0000002a00000102")  # id 42, JPEG image, event 1, ch 2
    want = {"mediaId": 42, "mediaType": "image", "mediaFormat": 0, "event": 1, "channel": 2}
    assert one(build_frame(0x0800, media, PHONE, 1)).attributes == want
    r = one(build_frame(0x0801, media + _LOCATION[:28] + b"\xff\xd8\xff\xe0", PHONE, 1))
    assert (r.latitude, r.longitude) == (-19.591535, -46.912186)
    assert {k: r.attributes[k] for k in want} == want


def test_can_bus_data_0x0705() -> None:
    # two CAN frames received at 12:34:56.789: ids 0x18FEF100 (channel bit 31 set) and 0x0CF004
    body = bytes.fromhex(
        "0002" "1234560789"
        "98fef100" "0102030405060708"
        "000cf004" "ffffffffffffffff"
    )  # fmt: skip
    r = one(build_frame(0x0705, body, PHONE, 1))
    assert (r.kind, r.fix_time) == (RecordKind.STATUS, NOW)
    assert r.attributes == {"can18FEF100": "0102030405060708", "canCF004": "ffffffffffffffff"}
