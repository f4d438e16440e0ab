"""Overspeed, alarms, ignition, driver, fuel, maintenance, command result, media, status
(business-logic.md §8, features 9, 11, 12, 13), each on a scripted track."""

from __future__ import annotations

from fleetwire.store.logic_registry import MaintenanceDef
from fleetwire.worker.logic import engine, status
from fleetwire.worker.logic.config import KNOT, resolve
from fleetwire.worker.logic.model import Outputs
from tests.worker.logic.track import T0, drive, fix, north, park, run, types


def ctx(**keys: object) -> engine.DeviceContext:
    return engine.DeviceContext(resolve([{k.replace("_", "."): v for k, v in keys.items()}]))


def limit_kn(kmh: float) -> float:
    return kmh / KNOT  # Traccar's speedLimit is in knots


def speeds(kmh: list[float], period: float = 10) -> list:
    return [fix(i * period, north(i * period * 20), speed=v) for i, v in enumerate(kmh)]


def test_overspeed_one_fix_with_no_minimal_duration_is_one_event() -> None:
    out, _ = run(speeds([50, 50, 95, 50]), engine.DeviceContext(resolve([{
        "speedLimit": limit_kn(90)}])))  # fmt: skip
    assert types(out).count("deviceOverspeed") == 2  # the event, then the same id closed
    ids = {e.id for e in out.events if e.type == "deviceOverspeed"}
    assert len(ids) == 1
    closed = [e for e in out.events if e.type == "deviceOverspeed"][-1]
    assert closed.time == T0 + 20_000 and closed.attributes["maxSpeed"] == 95
    assert closed.attributes["end"] == T0 + 30_000
    assert abs(closed.attributes["speedLimit"] - 90) < 1e-9


def test_overspeed_shorter_than_minimal_duration_is_none() -> None:
    keys = {"speedLimit": limit_kn(90), "event.overspeed.minimalDuration": 60}
    out, _ = run(speeds([50, 95, 96, 97, 98, 50]), engine.DeviceContext(resolve([keys])))
    assert "deviceOverspeed" not in types(out)  # 30 s above, 60 s needed


def test_overspeed_one_event_per_episode() -> None:
    keys = {"speedLimit": limit_kn(90), "event.overspeed.minimalDuration": 20}
    track = speeds([95] * 10 + [50] + [100] * 4)
    out, _ = run(track, engine.DeviceContext(resolve([keys])))
    ids = [e.id for e in out.events if e.type == "deviceOverspeed"]
    assert len(set(ids)) == 2


def test_overspeed_limit_per_device_over_server() -> None:
    layers = [{"speedLimit": limit_kn(120)}, {"speedLimit": limit_kn(90)}]  # device, server
    out, _ = run(speeds([50, 100, 50]), engine.DeviceContext(resolve(layers)))
    assert "deviceOverspeed" not in types(out)


def test_sos_held_is_one_alarm_two_presses_are_two() -> None:
    held = [fix(i * 10, alarm="sos") for i in range(5)]
    out, _ = run(held)
    assert types(out) == ["alarm"] and out.events[0].attributes == {"alarm": "sos"}
    presses = [fix(0, alarm="sos"), fix(10), fix(600, alarm="sos")]
    out, _ = run(presses)
    assert types(out) == ["alarm", "alarm"]


def test_several_alarms_at_once() -> None:
    out, _ = run([fix(0, alarm="powerCut,sos"), fix(10, alarm="sos")])
    assert [e.attributes["alarm"] for e in out.events] == ["powerCut", "sos"]


def test_ignition_events_need_both_values() -> None:
    track = [fix(0), fix(10, ignition=False), fix(20, ignition=True), fix(30),
             fix(40, ignition=True), fix(50, ignition=False)]  # fmt: skip
    out, _ = run(track)
    assert types(out) == ["ignitionOn", "ignitionOff"]
    assert out.events[0].time == T0 + 20_000


def test_driver_changed() -> None:
    track = [fix(0, driverUniqueId="A1"), fix(10, driverUniqueId="A1"), fix(20),
             fix(30, driverUniqueId="B2")]  # fmt: skip
    out, _ = run(track)
    assert [e.attributes["driverUniqueId"] for e in out.events] == ["A1", "B2"]


def test_refuel_is_one_increase_and_spent_fuel_stays_positive() -> None:
    keys = {"fuelIncreaseThreshold": 10, "fuelDropThreshold": 10}
    track = park(0, 300, 30, 0, fuel=20.0)
    track += [fix(300 + i * 10, north(0), fuel=20.0 + 2 * i) for i in range(1, 21)]  # +40 l
    driving = drive(520, 1120, 10, 10.0, 300)
    for i, f in enumerate(driving):
        f.attrs["fuel"] = 60.0 - 5.0 * i / (len(driving) - 1)  # 5 l burnt on the way
    track += driving + park(1130, 1800, 30, 6300, fuel=55.0)
    out, _ = run(track, engine.DeviceContext(resolve([keys])))
    inc = [e for e in out.events if e.type == "deviceFuelIncrease"]
    assert len({e.id for e in inc}) == 1
    assert inc[-1].attributes["before"] == 20.0 and inc[-1].attributes["after"] == 60.0
    assert "deviceFuelDrop" not in types(out)
    assert out.stops and all(s.spent_fuel is not None and s.spent_fuel >= 0 for s in out.stops)
    assert out.trips[0].spent_fuel == 5.0


def test_fuel_drop() -> None:
    track = [fix(i * 60, fuel=v) for i, v in enumerate([50.0, 50.0, 35.0, 34.9, 34.9])]
    out, _ = run(track, engine.DeviceContext(resolve([{"fuelDropThreshold": 10}])))
    drops = [e for e in out.events if e.type == "deviceFuelDrop"]
    assert len({e.id for e in drops}) == 1 and drops[-1].attributes["after"] == 34.9


def test_maintenance_due_once_per_period_boundary() -> None:
    defs = (MaintenanceDef(7, "odometer", 10_000, 5_000),)
    track = [fix(i * 60, odometer=v) for i, v in enumerate([9_000, 9_900, 10_100, 14_000,
                                                            15_200, 15_300])]  # fmt: skip
    out, _ = run(track, engine.DeviceContext(maintenances=defs))
    assert [(e.type, e.maintenance_id, e.time) for e in out.events] == [
        ("maintenance", 7, T0 + 120_000), ("maintenance", 7, T0 + 240_000)]  # fmt: skip


def test_command_result_and_media() -> None:
    out, _ = run([fix(0, result="OK, engine stopped"), fix(10, image="cam1.jpg")])
    assert types(out) == ["commandResult", "media"]
    assert out.events[0].attributes == {"result": "OK, engine stopped"}


def test_engine_hours_do_not_grow_across_a_long_silence() -> None:
    track = [fix(0, ignition=True), fix(60, ignition=True), fix(60 + 36_000, ignition=True),
             fix(60 + 36_060, ignition=True)]  # fmt: skip
    run(track)
    assert track[1].attrs["hours"] == 60_000
    assert track[-1].attrs["hours"] - track[0].attrs["hours"] <= 15 * 60_000


def test_status_offline_once_unknown_once_no_repeats() -> None:
    s: dict = {}
    out = Outputs()
    cfg = resolve([])
    for i in range(10):
        status.frame(s, 1, T0 + i * 1000, connection=5, out=out)
    status.frame(s, 1, T0 + 60_000, connection=6, out=out)  # the old connection was killed
    assert types(out) == ["deviceOnline", "deviceOffline", "deviceOnline"]
    out = Outputs()
    for minute in range(11, 120):  # swept every minute for two hours of silence
        status.sweep(s, 1, T0 + minute * 60_000, cfg, out)
    assert types(out) == ["deviceUnknown"]
    assert out.events[0].time == T0 + 60_000 + 600_000


def test_ids_are_deterministic() -> None:
    track = lambda: [*speeds([50, 95, 50]), fix(100, alarm="sos")]  # noqa: E731
    keys = engine.DeviceContext(resolve([{"speedLimit": limit_kn(90)}]))
    a, _ = run(track(), keys)
    b, _ = run(track(), keys)
    assert [e.id for e in a.events] == [e.id for e in b.events] and a.events
