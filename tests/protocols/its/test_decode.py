"""AIS-140 decoding beyond the captures: the standard's own packet (as the simulated device
writes it) read field by field, alert ids and packet types to alarms, history and the timezone
option, and bad fields as the device's error."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import DeviceError
from fleetwire.model import RecordKind
from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.its import PROTOCOL
from tests.protocols.contract import NOW, decode_sane

CTX = DecodeContext(unique_id="866772041471415", received=NOW)
# The AIS-140 field order (QuecPython/AIS-140 code/ais.py writes the same), with a Roadpoint
# header; values chosen so that each field is told apart.
NORMAL = (
    "$NRM,ROADRPA,1.9AIS,{type},{alert},{status},866772041471415,KA01AB1234,1,08042019,200506,"
    "26.906456,N,75.789623,E,42.5,280.74,14,471.2,0.80,0.60,Airtel,1,1,12.9,4.2,0,C,20,404,60,"
    "07F5,399F,10,07F5,2D47,10,0101,10,003884,96D4F701*"
)


def _packet(ptype: str = "NR", alert: str = "01", status: str = "L") -> bytes:
    return NORMAL.format(type=ptype, alert=alert, status=status).encode()


def test_normal_packet_field_by_field() -> None:
    (rec,) = decode_sane(PROTOCOL, _packet(), CTX)
    assert rec.kind == RecordKind.POSITION and rec.valid
    assert rec.fix_time == datetime(2019, 4, 8, 20, 5, 6, tzinfo=UTC)
    assert (rec.latitude, rec.longitude) == (26.906456, 75.789623)
    assert (rec.speed, rec.course, rec.satellites, rec.altitude) == (42.5, 280.74, 14, 471.2)
    assert rec.attributes == {
        "pdop": 0.8, "hdop": 0.6, "power": 12.9, "battery": 4.2, "operator": "Airtel",
        "ignition": True, "emergency": False, "tamper": False, "event": 1, "rssi": 20,
        "mcc": 404, "mnc": 60, "lac": 0x07F5, "cid": 0x399F, "input": 0b0101, "output": 0b10,
        "index": 3884,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("ptype", "alert", "alarm"),
    [
        ("EA", "10", "sos"), ("BD", "03", "powerCut"), ("BR", "06", "powerRestored"),
        ("BL", "04", "lowBattery"), ("TA", "09", "tampering"), ("HB", "13", "hardBraking"),
        ("HA", "14", "hardAcceleration"), ("RT", "15", "hardCornering"),
        ("WD", "16", "tampering"), ("OS", "17", "overspeed"),
        ("EA", "01", "sos"),  # an alert id that says nothing: the packet type's alarm
    ],
)  # fmt: skip
def test_alerts_are_alarms(ptype: str, alert: str, alarm: str) -> None:
    (rec,) = PROTOCOL.decode(_packet(ptype, alert), CTX)
    assert rec.kind == RecordKind.EVENT
    assert rec.attributes["alarm"] == alarm


@pytest.mark.parametrize(("ptype", "alert"), [("IN", "07"), ("IF", "08"), ("NR", "02")])
def test_state_alerts_are_no_alarm(ptype: str, alert: str) -> None:
    (rec,) = PROTOCOL.decode(_packet(ptype, alert), CTX)
    assert "alarm" not in rec.attributes and rec.kind == RecordKind.POSITION


def test_history_packet_is_archive() -> None:
    (rec,) = PROTOCOL.decode(_packet(status="H"), CTX)
    assert rec.attributes["archive"] is True


def test_timezone_option_shifts_a_local_clock() -> None:
    ctx = DecodeContext(unique_id=None, received=NOW, options={"timezone": 5.5})
    (rec,) = PROTOCOL.decode(_packet(), ctx)
    assert rec.fix_time == datetime(2019, 4, 8, 14, 35, 6, tzinfo=UTC)


def test_login_and_health_give_no_record() -> None:
    login = b"$LGN,OD00AB1234,866772041471415,FIRMWAREVER1.0,AIS140,30.10145,78.28998,DDE3220E*"
    assert PROTOCOL.decode(login, CTX) == []
    health = b"$HBT,ROADRPA,1.9AIS,866772041471415,100,20,5,10,60,0000,0.0*38"
    assert PROTOCOL.decode(health, CTX) == []


@pytest.mark.parametrize(
    "frame",
    [
        _packet().replace(b"26.906456,N", b"96.906456,N"),  # latitude past 90
        _packet().replace(b",N,75", b",X,75"),  # no hemisphere
        _packet().replace(b"08042019", b"31022019"),  # no 31 February
        _packet().replace(b"280.74", b"380.74"),  # heading past a full circle
        _packet().replace(b",14,471", b",1x,471"),  # satellites not a number
        _packet()[:120] + b"*",  # cut short
    ],
)
def test_bad_fields_are_the_devices_error(frame: bytes) -> None:
    with pytest.raises(DeviceError):
        PROTOCOL.decode(frame, CTX)


def test_a_latin1_superscript_where_a_number_belongs_is_no_number() -> None:
    """bench/fuzz.py found it: byte 0xB3 ('³' in latin-1) in the frame-number field made
    str.isdigit() say yes and int() fail, an exception outside the protocol's own errors."""
    frame = bytes.fromhex(
        "242c432c4354504c2c342e302e302c4e522c30312c4c2c3836393234373034353136363338332c4e413030"
        "3030303030302c312c31323033323032302c3134343435332c33302e3435323532342c4e2c3037372e3631"
        "303335312c452c312e342c33342e382c31342c3338342e31392c312e382c302e382c4944454120502c312c"
        "312c31342e322c342e31372c302c432c32322c3430342c38322c304642312c334232362c353136422c3046"
        "42312c31382c334232352c304642312c31352c353136392c304642312c31342c334232372c304642312c31"
        "332c303030302c30302c383038b32c3139342e392c30422c2a2c49503d3130362e36372e352e313733"
    )
    try:
        records = decode_sane(PROTOCOL, frame, CTX)
    except DeviceError:
        return
    assert all("index" not in r.attributes for r in records)
