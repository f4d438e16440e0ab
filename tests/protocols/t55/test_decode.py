"""T55 decoding beyond the captures: sentence fields exactly, the GPS week rollover, the GGA
date, identification lines without records, bad fields as the device's error."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.t55 import PROTOCOL
from tests.protocols.contract import NOW, decode_sane

from . import vectors as v

CTX = DecodeContext(unique_id="359853000144328", received=NOW)


def test_rmc_fields() -> None:
    (rec,) = decode_sane(PROTOCOL, v.RMC, CTX)
    assert rec.valid and rec.fix_time == datetime(2011, 11, 9, 9, 49, 7, tzinfo=UTC)
    assert rec.latitude == pytest.approx(60 + 0.5332 / 60)
    assert rec.longitude == pytest.approx(30 + 20.5192 / 60)
    assert (rec.speed, rec.course) == (round(1.17 * 1.852, 3), 60.26)


def test_a_1996_date_is_a_gps_week_rollover() -> None:
    line = b"$GPRMC,161223.000,A,2517.0545,S,05739.1788,W,0.0,0.0,011196,,,A*61\r\n"
    (rec,) = PROTOCOL.decode(line, CTX)
    assert rec.fix_time == datetime(2016, 6, 17, 16, 12, 23, tzinfo=UTC)


def test_gga_takes_the_receive_date() -> None:
    line = b"$GPGGA,235959.000,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47\r\n"
    (rec,) = PROTOCOL.decode(line, CTX)  # received 12:00: the fix is from the day before
    assert rec.fix_time == datetime(2026, 11, 25, 23, 59, 59, tzinfo=UTC)
    assert (rec.satellites, rec.altitude, rec.attributes["hdop"]) == (8, 545.4, 0.9)


def test_gpiop_inputs_outputs_voltages() -> None:
    (rec,) = PROTOCOL.decode(v.IOP, CTX)
    assert rec.attributes == {
        "input": 0b01000000, "output": 0, "adc1": 0.0, "adc2": 0.0, "adc3": 0.0, "adc4": 0.0,
        "power": 4.69, "battery": 4.24,
    }  # fmt: skip


def test_identification_and_unknown_lines_give_no_record() -> None:
    assert PROTOCOL.decode(v.PGID, CTX) == []
    assert PROTOCOL.decode(b"$GPGSV,3,1,11,03,03,111,00*74\r\n", CTX) == []


@pytest.mark.parametrize(
    "line",
    [
        b"$GPRMC,094907.000,A,9100.5332,N,03020.5192,E,1.17,60.26,091111,,*33\r\n",
        b"$GPRMC,094907.000,A,6000.5332,X,03020.5192,E,1.17,60.26,091111,,*33\r\n",
        b"$GPRMC,094907.000,A,6000.5332,N,03020.5192,E,1.17,60.26,311311,,*33\r\n",
        b"$GPRMC,094907.000,A,6000.5332,N\r\n",
        b"$GPIOP,0100x000,00000000,0.00,0.00,0.00,0.00,4.69,4.24*49\r\n",
        b"ab cd$GPRMC,094907.000,A,6000.5332,N,03020.5192,E,1.17,60.26,091111,,*33\r\n",
    ],
)
def test_bad_fields_are_the_devices_error(line: bytes) -> None:
    with pytest.raises(DeviceError):
        PROTOCOL.decode(line, CTX)


def test_the_identification_line_gives_the_held_sentence() -> None:
    ctx = DecodeContext(unique_id="ID123456ABC", received=NOW, context=v.RMC)
    assert PROTOCOL.decode(b"$GPFID,ID123456ABC\r\n", ctx) == PROTOCOL.decode(v.RMC, CTX)
