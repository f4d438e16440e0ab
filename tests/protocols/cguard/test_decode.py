"""CGuard decoding: NV and BC fields exactly, refusals of broken fields, the Device."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import DecodeContext, Session
from fleetwire.protocols.cguard import PROTOCOL, Device
from tests.protocols.contract import NOW, decode_sane, framer

CTX = DecodeContext("354868050655283", NOW)


def test_position_fields() -> None:
    frame = b"NV:161007 122043:55.812730:-37.733689:3.62:1.2:244.05:-14.4\r"
    [r] = decode_sane(PROTOCOL, frame, CTX)
    assert r.fix_time == datetime(2016, 10, 7, 12, 20, 43, tzinfo=UTC)
    assert (r.latitude, r.longitude, r.speed, r.course, r.altitude) == (
        55.81273, -37.733689, 3.62, 244.05, -14.4)  # fmt: skip
    assert r.attributes == {"hdop": 1.2}


def test_status_fields() -> None:
    [s] = decode_sane(PROTOCOL, b"BC:160711 044023:BAT1:3.9:PWR1:11.7:CLG1:NAN:CSQ1:48", CTX)
    assert s.attributes == {"battery": 3.9, "power": 11.7, "rssi": 48}
    [s] = decode_sane(PROTOCOL, b"BC:160630 153316:BAT1:76", CTX)
    assert s.attributes == {"batteryLevel": 76.0}


@pytest.mark.parametrize(
    "bad",
    [b"NV:161307 122043:55.8:37.7:0:0:0", b"NV:161007 122043:95.8:37.7:0:0:0",
     b"NV:161007 122043:55.8:37.7:0", b"NV:161007 122043:x:37.7:0:0:0",
     b"BC:160711 044023:BAT1", b"BC:160711 044023:BAT1:inf", b"nv:1"],
)  # fmt: skip
def test_broken_fields_are_the_devices_error(bad: bytes) -> None:
    with pytest.raises(DeviceError):
        PROTOCOL.decode(bad, CTX)


def test_device_round_trip() -> None:
    dev = Device("354868050655283")
    frame, ack = dev.login()
    assert ack == b""
    assert PROTOCOL.inspect(framer(PROTOCOL).feed(frame)[0], Session()).unique_id
    assert dev.heartbeat() == (b"PING\r\n", b"")
