"""Trips by ignition (`report.trip.useIgnition`, business-logic.md §2.3 and feature 6's
"optional ignition mode") on a scripted track: warm-up and idling count in the trip, a short
ignition-on in the yard does not split the stop, a long silence ends a trip at its last fix, and
the geometric mode on the same track gives different bounds (the option is what decides)."""

from __future__ import annotations

from fleetwire.worker.logic import engine
from fleetwire.worker.logic.config import resolve
from tests.worker.logic.track import T0, drive, fix, north, park, run, types

IGNITION = engine.DeviceContext(resolve([{"report.trip.useIgnition": "true"}]))  # a device key


def day() -> list:
    """Parked (off); on at 600 s, warm-up; 6 km drive 720-1320 s; idling at the destination;
    off at 1500 s; 30 s of radio at 2400 s; back 2700-3000 s; off at 3010 s."""
    far = 6000.0
    t = park(0, 570, 30, 0, ignition=False)
    t += park(600, 690, 30, 0, ignition=True)
    t += drive(720, 1320, 10, 10.0, start_m=0, ignition=True)
    t += park(1350, 1470, 30, far, ignition=True)
    t += park(1500, 2370, 30, far, ignition=False)
    t += [fix(2400, north(far), ignition=True), fix(2430, north(far), ignition=True)]
    t += park(2460, 2670, 30, far, ignition=False)
    t += [fix(2700 + s, north(far - s * 20), speed=72, ignition=True) for s in range(0, 301, 10)]
    t += park(3010, 3600, 30, 0, ignition=False)
    return t


def test_trips_follow_the_ignition() -> None:
    out, state = run(day(), IGNITION, roundtrip=True)
    spans = [(tr.start_time - T0, tr.end_time - T0) for tr in out.trips]
    assert spans == [(600_000, 1_500_000), (2_700_000, 3_010_000)]
    assert [(s.start_time - T0, s.end_time - T0) for s in out.stops] == [
        (0, 600_000), (1_500_000, 2_700_000)]  # fmt: skip
    assert 5900 <= out.trips[0].distance <= 6100 and out.trips[0].max_speed == 36.0
    assert out.trips[1].max_speed == 72.0
    assert types(out).count("deviceMoving") == 2 and types(out).count("deviceStopped") == 2
    assert engine.open_segment(state)["kind"] == "stop"


def test_the_geometric_mode_gives_other_bounds_on_the_same_track() -> None:
    out, _ = run(day())
    assert len(out.trips) == 2
    assert out.trips[0].start_time - T0 in (690_000, 720_000)  # when it moved, not ignition on
    assert abs(out.trips[0].end_time - T0 - 1_320_000) <= 30_000  # arrival, not ignition off


def test_a_silence_in_a_trip_ends_it_at_the_last_fix() -> None:
    track = park(0, 120, 30, 0, ignition=False) + drive(150, 600, 10, 10.0, ignition=True)
    track += drive(600 + 7200, 8100, 10, 10.0, start_m=20_000, ignition=True)  # on all night
    track += park(8130, 8400, 30, 20_000 + 3000, ignition=False)
    out, _ = run(track, IGNITION)
    assert [(t.start_time - T0, t.end_time - T0) for t in out.trips] == [
        (150_000, 600_000), (7_800_000, 8_130_000)]  # fmt: skip


def test_without_an_ignition_attribute_nothing_is_a_trip() -> None:
    track = park(0, 300, 30, 0) + drive(330, 930, 10, 10.0, 300) + park(960, 1800, 30, 6300)
    out, _ = run(track, IGNITION)
    assert out.trips == [] and "deviceMoving" not in types(out)
