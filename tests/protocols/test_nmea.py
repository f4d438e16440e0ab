"""The shared NMEA fields and sentences (fleetwire.protocols._nmea), on the GGA and RMC examples
of Dale DePriest's "NMEA data" (gpsinformation.org/dale/nmea.htm), which print their checksums:
readers and the simulated devices' writers agree, and bad fields are the device's InvalidField.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.protocols import _nmea
from fleetwire.protocols.base import DecodeContext

GGA = "GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,"
RMC = "GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W"
CTX = DecodeContext(unique_id="1", received=datetime(2026, 12, 7, 12, 40, tzinfo=UTC))


def test_checksums_are_the_documents() -> None:
    assert _nmea.checksummed(GGA) == GGA + "*47"
    assert _nmea.checksummed(RMC) == RMC + "*6A"


def test_rmc_reads_the_documents_fix() -> None:
    rec = _nmea.rmc(RMC.split(",")[1:], 2)
    assert rec.fix_time == datetime(2094, 3, 23, 12, 35, 19, tzinfo=UTC)
    assert (rec.valid, rec.speed, rec.course) == (True, 41.48, 84.4)
    assert (rec.latitude, rec.longitude) == pytest.approx((48.1173, 11.516667), abs=1e-6)


def test_a_receiver_rmc_reads_1994_as_a_rollover_victim() -> None:
    rec = _nmea.receiver_rmc(RMC.split(",")[1:], CTX)
    assert rec.fix_time == datetime(2013, 11, 6, 12, 35, 19, tzinfo=UTC)  # 1994-03-23 + 1024 weeks
    assert rec.speed == round(22.4 * 1.852, 3)
    with pytest.raises(TruncatedFrame):
        _nmea.receiver_rmc(RMC.split(",")[1:9], CTX)


def test_gga_takes_the_receive_date() -> None:
    rec = _nmea.gga(GGA.split(",")[1:], CTX)
    assert rec.fix_time == datetime(2026, 12, 7, 12, 35, 19, tzinfo=UTC)
    assert (rec.satellites, rec.altitude, rec.attributes) == (8, 545.4, {"hdop": 0.9})


@pytest.mark.parametrize(
    ("value", "hemisphere", "letters", "limit"),
    [
        ("4807.038", "E", "NS", 90),  # the other axis's letter
        ("4860.000", "N", "NS", 90),  # 60 minutes
        ("9100.000", "N", "NS", 90),
        ("-4807.038", "N", "NS", 90),
        ("nan", "N", "NS", 90),
        ("", "N", "NS", 90),
    ],
)
def test_bad_coordinates_are_invalid(value: str, hemisphere: str, letters: str, limit: int) -> None:
    with pytest.raises(InvalidField):
        _nmea.coordinate(value, hemisphere, letters, limit)


@pytest.mark.parametrize(
    ("hms", "dmy"), [("123519", "310294"), ("12351", "230394"), ("123519", "2303٩4")]
)
def test_bad_dates_are_invalid(hms: str, dmy: str) -> None:
    with pytest.raises(InvalidField):
        _nmea.date_time(hms, dmy)


@pytest.mark.parametrize("degrees", [48.1173, -11.516667, 22.99999999, 0.0, -179.999])
def test_the_writer_is_read_back(degrees: float) -> None:
    width, letters, limit = (2, "NS", 90) if abs(degrees) < 90 else (3, "EW", 180)
    text = _nmea.degrees_minutes(degrees, width)
    assert len(text) == width + 7
    back = _nmea.coordinate(text, letters[degrees < 0], letters, limit)
    assert back == pytest.approx(degrees, abs=1e-6)


def test_the_writer_carries_60_minutes_into_the_degree() -> None:
    assert _nmea.degrees_minutes(22.99999999, 2) == "2300.0000"
    assert _nmea.degrees_minutes(-113.5, 3, 5) == "11330.00000"
