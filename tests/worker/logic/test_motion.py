"""Motion, trips and stops (business-logic.md §2.2 and feature 6)."""

from __future__ import annotations

from pathlib import Path

import orjson

from fleetwire.worker.logic import engine
from fleetwire.worker.logic.config import resolve
from fleetwire.worker.logic.model import Outputs
from tests.worker.logic.track import T0, drive, fix, north, park, run, types


def scenario_c(parked_period: float, silent_night: bool = False) -> list:
    """§2.2: parked, then drive 6 km at 10 m/s arriving at t = 1200 s, then parked again."""
    track = park(0, 570, 30, at_m=0)
    track += drive(600, 1200, 10, 10.0, start_m=300)  # 6 km north, 10 m/s
    end_m = 300 + 600 * 10
    if silent_night:
        track += [fix(1200 + 36000, north(end_m)), fix(1200 + 36030, north(end_m))]
    else:
        track += park(1200 + parked_period, 3600, parked_period, at_m=end_m)
    return track


def test_trip_ends_at_arrival_with_30s_reports() -> None:
    out, _ = run(scenario_c(30))
    assert types(out) == ["deviceMoving", "deviceStopped"]
    assert len(out.trips) == 1
    trip = out.trips[0]
    assert trip.start_time == T0 + 570_000  # the last parked fix (Traccar back-dates it too)
    # Traccar stamps the stop at 1410 s; ours is the arrival, 1200 s (±1 fix allowed)
    assert abs(trip.end_time - (T0 + 1_200_000)) <= 30_000
    assert out.events[1].time == trip.end_time
    assert 6000 <= trip.distance <= 6400
    assert trip.max_speed == 36.0
    assert out.stops[0].end_time == trip.start_time  # the stop before the trip closed


def test_trip_ends_at_arrival_with_600s_heartbeats() -> None:
    out, _ = run(scenario_c(600))
    assert len(out.trips) == 1
    assert abs(out.trips[0].end_time - (T0 + 1_200_000)) <= 30_000


def test_silent_night_does_not_stretch_the_trip() -> None:
    # Traccar: the stop is stamped the next morning and the trip spans the night
    out, state = run(scenario_c(0, silent_night=True))
    assert len(out.trips) == 1
    assert out.trips[0].end_time == T0 + 1_200_000
    assert engine.open_segment(state)["kind"] == "stop"


def test_gap_with_displacement_is_a_trip() -> None:
    track = park(0, 300, 30, at_m=0) + park(300 + 7200, 7800, 30, at_m=20_000)
    out, _ = run(track)
    assert len(out.trips) == 1
    assert out.trips[0].start_time == T0 + 300_000
    assert out.trips[0].end_time == T0 + 7_500_000


def test_traffic_light_is_not_a_stop() -> None:
    # 60 s standing at a light is under minDuration (180 s): one trip
    track = park(0, 300, 30, 0) + drive(330, 630, 10, 10.0, 300)
    track += park(660, 720, 10, 3300) + drive(730, 1030, 10, 10.0, 3400)
    track += park(1060, 1800, 30, 6400)
    out, _ = run(track)
    assert types(out) == ["deviceMoving", "deviceStopped"]


def test_min_distance_per_device() -> None:
    ctx = engine.DeviceContext(resolve([{"report.trip.minDistance": 5000}]))
    out, _ = run(scenario_c(30), ctx)
    # the 6 km drive is longer than minDistance, so it is a trip; the geometric rule ends it
    # once minDuration's fixes lie within 5 km, while it still drives (Traccar's rule does the
    # same), but never before it began
    assert len(out.trips) == 1
    assert out.trips[0].end_time > out.trips[0].start_time
    ctx = engine.DeviceContext(resolve([{"report.trip.minDistance": 10000}]))
    out, _ = run(scenario_c(30), ctx)
    assert out.trips == []


def test_state_survives_json_between_every_fix() -> None:
    plain, _ = run(scenario_c(30))
    again, _ = run(scenario_c(30), roundtrip=True)
    assert plain == again


def test_motion_attribute_and_distance_on_fixes() -> None:
    track = scenario_c(30)
    run(track)
    moving = [f for f in track if f.attrs["motion"]]
    assert moving and all(f.speed and f.speed > 0 for f in moving)
    totals = [f.attrs["totalDistance"] for f in track]
    assert totals == sorted(totals)
    assert 6200 <= totals[-1] <= 6400


def test_slow_drift_never_gives_a_trip_ending_before_it_starts() -> None:
    """A parked receiver whose fix creeps 5 m every 37 s (found in a batch-independence run):
    the fix that first lies minDistance from the parked spot starts a trip, and the stationary
    window that ends it reaches back before that start. No trip may end before it began; one
    that would last nothing is no trip at all."""
    track = [fix(t, north(5 * k)) for k, t in enumerate(range(0, 37 * 400, 37))]
    out, _ = run(track)
    assert all(t.end_time > t.start_time for t in out.trips), [
        (t.start_time - T0, t.end_time - T0) for t in out.trips if t.end_time <= t.start_time
    ]
    assert all(s.end_time > s.start_time for s in out.stops)


def _one_hertz_day() -> list:
    """Parked, 6 km at 10 m/s, parked, off again: a fix a second (as in tests/worker/logic/
    state_v1.json, written by the engine before state version 2 from this same track)."""
    return [*park(0, 299, 1, 0), *drive(300, 899, 1, 10.0), *park(900, 1499, 1, 6000),
            *drive(1500, 1700, 1, 10.0, start_m=6000)]  # fmt: skip


def test_a_version_1_state_runs_on_as_the_state_it_would_be_now() -> None:
    """A state stored before the compact window (its window whole, no "blk") goes on to the
    same records and fix attributes as a run that never stopped, driving and parked."""
    stored = orjson.loads((Path(__file__).parent / "state_v1.json").read_bytes())
    for key, state in stored.items():
        cut = int(key)
        assert state["v"] == 1 and all(len(w) == 9 for w in state["mot"]["win"])
        whole = _one_hertz_day()
        ctx = engine.DeviceContext()
        want = Outputs()  # the reference: the same track, all of it through the current engine
        ref_state = engine.new_state()
        engine.run(ref_state, whole[:cut], ctx, Outputs())
        engine.run(ref_state, whole[cut:], ctx, want)
        rest = _one_hertz_day()[cut:]
        got = Outputs()
        engine.run(state, rest, ctx, got)
        assert got == want and (got.trips or got.stops)
        assert [f.attrs for f in rest] == [f.attrs for f in whole[cut:]]
        assert state["v"] == engine.STATE_VERSION


def test_the_window_keeps_what_can_still_change_a_result() -> None:
    """At a fix a second the window of 180 s was 181 whole entries: driving, fixes far behind
    are dropped; parked, those before a slow leg keep time and place only. The records are
    those of the same track run at once (no state through JSON)."""
    track = _one_hertz_day()
    sizes = []
    state = engine.new_state()
    out = Outputs()
    for f in track:
        engine.run(state, [f], engine.DeviceContext(), out)
        state = orjson.loads(orjson.dumps(state))
        sizes.append(len(orjson.dumps(state)))
    again, _ = run(_one_hertz_day())
    assert out == again and len(out.trips) == 1 and len(out.stops) == 2
    # a whole window was 13.5 KB of JSON here, driving or parked (these test fixes carry
    # 17-digit coordinates; a receiver's 6 or 7 decimals make every entry shorter)
    assert max(sizes[700:850]) < 5500  # driving at 10 m/s: the 61 s of fixes within 3 x 200 m
    assert max(sizes[1300:1450]) < 8500  # parked: 181 entries of [time, lat, lon]
    win = state["mot"]["win"]
    assert state["mot"]["mv"] and len(win) <= 61
