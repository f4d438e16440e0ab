"""TAIP decoding: every position layout with exact values (PV, CP, LN from Trimble's appendix
and Cypress's page; Syrus EV with its extended tags; the dated GP/CV/CQ/BR/US layouts), the
date given to times of day, and the device's error for malformed data."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fleetwire.errors import InvalidField
from fleetwire.model import Record
from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.taip import PROTOCOL
from tests.protocols.contract import NOW, decode_sane

from . import vectors as v

CTX = DecodeContext(unique_id="0017", received=NOW)


def one(frame: bytes, ctx: DecodeContext = CTX) -> Record:
    records = decode_sane(PROTOCOL, frame, ctx)
    assert len(records) == 1
    return records[0]


def test_pv_from_the_appendix() -> None:
    r = one(v.PV_DOC)  # 15714 s = 04:21:54, 15 mph, 126 degrees, 3D fix, fresh
    assert r.fix_time == datetime(2026, 11, 26, 4, 21, 54, tzinfo=UTC)
    assert (r.latitude, r.longitude, r.speed, r.course, r.valid) == (
        37.39438, -122.03846, 24.14, 126, True)  # fmt: skip


def test_time_of_day_takes_the_latest_date_before_reception() -> None:
    late = DecodeContext(unique_id="0017", received=datetime(2026, 11, 26, 4, 0, tzinfo=UTC))
    assert one(v.PV_DOC, late).fix_time == datetime(2026, 11, 25, 4, 21, 54, tzinfo=UTC)
    ahead = DecodeContext(unique_id="0017", received=datetime(2026, 11, 26, 4, 15, tzinfo=UTC))
    assert one(v.PV_DOC, ahead).fix_time == datetime(2026, 11, 26, 4, 21, 54, tzinfo=UTC)


def test_cp_and_ln() -> None:
    cp = one(v.CP)
    assert (cp.latitude, cp.longitude, cp.speed, cp.valid) == (34.7771, -92.3453, None, True)
    ln = one(v.LN_DOC)  # 83830.000 s, +49.0256603, +122.0996704, 1.24 ft, 8 satellites
    assert ln.fix_time == datetime(2026, 11, 25, 23, 17, 10, tzinfo=UTC)
    assert (ln.latitude, ln.longitude, ln.altitude, ln.satellites) == (
        49.0256603, 122.0996704, 0.38, 8)  # fmt: skip
    ln2 = one(v.LN)
    assert (ln2.course, ln2.satellites, ln2.altitude) == (292.3, 9, 185.4)


def test_syrus_event_with_extended_tags() -> None:
    r = one(v.EV_TAGS)  # week 1958, Sunday, 3965 s
    assert r.fix_time == datetime(2017, 7, 16, 1, 6, 5, tzinfo=UTC)
    assert (r.latitude, r.longitude, r.course, r.satellites) == (3.07178, 101.61449, 315, 8)
    a = r.attributes
    assert (a["event"], a["battery"], a["odometer"], a["adc1"]) == (0, 4.159, 338578, 14145)
    assert (a["io"], a["cf"]) == ("300", "8161,C,13")
    r = one(v.EV)
    assert r.fix_time == datetime(2010, 9, 2, 17, 29, 42, tzinfo=UTC)  # the reference's value
    assert (r.speed, r.course) == (19.31, 285)  # 12 mph


def test_dated_layouts() -> None:
    gp = one(v.GP)
    assert gp.fix_time == datetime(2015, 6, 23, 1, 2, 48, tzinfo=UTC)
    assert (gp.latitude, gp.longitude) == (-26.82523, -65.23682)  # the reference's values
    minutes = one(v.GP_MINUTES)
    assert minutes.latitude == pytest.approx(-(38 + 52.9306 / 60))
    assert minutes.longitude == pytest.approx(-(62 + 4.8856 / 60))
    cv = one(v.CV)
    assert (cv.fix_time.day, cv.course, cv.attributes["event"]) == (27, 205, 12)
    cq = one(v.CQ_NO_DATE)  # date and time all zero: the receive time stands in
    assert (cq.fix_time, cq.latitude, cq.attributes["event"]) == (NOW, -34.60365, 9)
    br = one(v.BR)
    assert (br.fix_time, br.course) == (datetime(2017, 2, 13, 4, 8, 48, tzinfo=UTC), 175)


def test_us_with_power_battery_and_temperature() -> None:
    r = one(v.US)
    assert r.fix_time == datetime(2020, 12, 11, 12, 44, 2, tzinfo=UTC)
    a = r.attributes
    assert (a["power"], a["battery"], a["temp1"], a["event"]) == (15.64, 4.22, 25.5, 0)


@pytest.mark.parametrize("frame", [v.AL, v.SRM_DOC, v.RCY_RINHO, b">RST0000;ID=1<"])
def test_messages_without_a_position_give_no_record(frame: bytes) -> None:
    assert PROTOCOL.decode(frame, CTX) == []


@pytest.mark.parametrize(
    "frame",
    [
        b">RPV15714+3739438-12203846015126;ID=1<",  # cut
        b">RPV95714+3739438-1220384601512612;ID=1<",  # time of day past a day
        b">RPV15714+9739438-1220384601512612;ID=1<",  # latitude 97
        b">RPV15714+3739438-1220384601599912;ID=1<",  # heading 999
        b">REV001958903965+0307178+1016144900031532;ID=1<",  # day of week 9
        b">RGP321317112154-2748332-058946350000000FF7F2100;ID=1<",  # 32/13/17
        b">RGP211217112154-3875.9306-06204.88560000003000101;ID=1<",  # 75 minutes
        b">RLN83830000+490256603+1220996704+000001240000+00000000081300070008;ID=1<",
        b">REV001958003965+0307178+1016144900031532;SV=x;ID=1<",
        b">RCVxx270218010247-3471349-058400030002057F;ID=1<",
        b">RUSxx,111220124402-3138067-06417623000012200FF;ID=1<",
    ],
)
def test_malformed_data_is_the_devices_error(frame: bytes) -> None:
    with pytest.raises(InvalidField):
        PROTOCOL.decode(frame, CTX)
