"""TLT-2H decoding: exact values of real messages (one and several records, the header
variants, no fix, WIFI), the device's errors, and the simulated device read back."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext, Session
from fleetwire.protocols.tlt2h import PROTOCOL, Device
from tests.protocols.contract import NOW, decode_sane

from . import vectors as v

CTX = DecodeContext(unique_id="357671030946351", received=NOW)


def test_the_position_the_reference_asserts() -> None:
    [r] = decode_sane(PROTOCOL, v.V500, CTX)
    assert r.kind == RecordKind.POSITION and r.valid
    assert r.fix_time == datetime(2013, 3, 7, 22, 38, 35, tzinfo=UTC)
    assert (round(r.latitude or 0, 5), round(r.longitude or 0, 5)) == (-6.25591, 107.14297)
    assert (round(r.speed or 0, 3), r.course) == (27.076, 97.41)  # 14.62 knots
    assert r.attributes == {"event": "AUTO"}


def test_several_records_in_one_message() -> None:
    records = decode_sane(PROTOCOL, v.THREE, CTX)
    assert [r.fix_time.second for r in records] == [45, 50, 55]
    assert all(r.attributes["event"] == "SMS" for r in records)
    west = decode_sane(PROTOCOL, v.WEST, CTX)
    assert len(west) == 2 and round(west[0].longitude or 0, 6) == -46.530257


def test_header_variants() -> None:
    assert decode_sane(PROTOCOL, v.EMPTY_USER, CTX)[0].latitude == pytest.approx(-0.2896466)
    [r] = decode_sane(PROTOCOL, v.MT600_PLUS, CTX)
    assert r.attributes["event"] == "AUTOLOW"


def test_no_fix_gives_no_record_and_wifi_a_status() -> None:
    assert PROTOCOL.decode(v.NO_FIX, CTX) == []
    [r] = decode_sane(PROTOCOL, v.WIFI, CTX)
    assert r.kind == RecordKind.STATUS and not r.has_position
    assert r.fix_time == datetime(2021, 3, 26, 12, 35, 32, tzinfo=UTC)
    assert r.attributes["wifi"] == "D8325A0ABADD:-62,EC172F8965BC:-64,7405A5D457D4:-64"


@pytest.mark.parametrize(
    ("state", "extra"),
    [
        ("SOS", {"alarm": "sos"}), ("DEF", {"alarm": "powerCut"}),
        ("TOWED", {"alarm": "tow", "ignition": False}), ("AUTOSTART", {"ignition": True}),
        ("AUTOSTOP", {"ignition": False}), ("SAFESPEED", {}),
    ],
)  # fmt: skip
def test_states_the_mt500_document_defines(state: str, extra: dict[str, object]) -> None:
    [r] = decode_sane(PROTOCOL, v.V500.replace(b"#AUTO#", f"#{state}#".encode()), CTX)
    assert r.attributes == {"event": state, **extra}


def test_the_field_before_the_sentence() -> None:
    """MT500 document: LAC+CI in hex (8 digits 2G, 11 digits 3G, the manual's a52d15e5803);
    MT700 document: the backup battery (38: 3.8 V)."""
    assert decode_sane(PROTOCOL, v.MANUAL, CTX)[0].attributes["cid"] == 0x15E5803
    [r] = decode_sane(PROTOCOL, v.THREE, CTX)[:1]
    assert (r.attributes["lac"], r.attributes["cid"]) == (0x25EE, 0x0DFF)
    [wifi] = decode_sane(PROTOCOL, v.WIFI, CTX)
    assert wifi.attributes["battery"] == 4.0
    odd = decode_sane(PROTOCOL, v.MT600_PLUS, CTX)[0].attributes  # 9 digits: no known layout
    assert "lac" not in odd and "battery" not in odd


@pytest.mark.parametrize(
    "frame",
    [
        v.SPLIT_HEADER,
        v.V500.replace(b"0615.3545,S", b"9615.3545,S"),  # latitude 96
        v.V500.replace(b"070313", b"320313"),  # day 32
        v.V500.replace(b"#$GPRMC", b"#GPRMC"),  # no sentence marker
    ],
)
def test_device_errors(frame: bytes) -> None:
    with pytest.raises(InvalidField):
        PROTOCOL.decode(frame, CTX)


def test_simulated_device_reads_back() -> None:
    dev = Device("356307042441013")
    assert dev.login() == (b"", b"")
    sent = [
        Record(fix_time=datetime(2026, 5, 1, 8, 30, s, tzinfo=UTC), valid=True,
               latitude=-33.868765, longitude=-70.5, speed=88.0, course=270.0)
        for s in (0, 30)
    ]  # fmt: skip
    frame, ack = dev.report(sent)
    assert ack == b"" and framer_whole(frame)
    assert PROTOCOL.inspect(frame, Session()).unique_id == dev.unique_id
    got = decode_sane(PROTOCOL, frame, CTX)
    assert [r.fix_time for r in got] == [r.fix_time for r in sent]
    assert abs((got[0].latitude or 0) - -33.868765) < 2e-6
    assert got[0].longitude == pytest.approx(-70.5) and got[0].course == 270.0


def framer_whole(frame: bytes) -> bool:
    from tests.protocols.contract import framer

    return framer(PROTOCOL).feed(frame) == [frame]
