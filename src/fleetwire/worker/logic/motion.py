"""Motion, trips and stops: Traccar's new, purely geometric logic (`report.trip.minDistance`,
`minDuration`, `stopGap`), with Fleetwire's corrections:

- a trip starts at the last parked fix (as Traccar back-dates it), and a stop starts at the first
  fix of the stationary cluster, not at the fix that confirmed it minDuration later;
- a silence longer than `stopGap` while moving ends the trip at the last fix before it (Traccar
  would stretch the trip over the night); a silence with displacement is a trip of its own.

Trips and stops are emitted as segments when they close; the open one lives in the state.
State entries are lists: [time, lat, lon, content hash, totalDistance, hours, fuel used, speed,
device odometer]; the position id is worked out from (device, time, hash) when a record needs it.
Distances here only compare with minDistance: a flat approximation is plenty and cheaper.

The window ("win": the fixes of the last minDuration, plus the youngest older one) is most of a
device's state, so it keeps only what can still change a result (state version 2; a version 1
window, all entries whole, reads as one that has not been trimmed yet):

- parked, a fix followed by a slow leg can no longer be where a trip starts (the walk back to
  the last parked fix stops at that leg), nor where a stop starts: it keeps only [time, lat,
  lon], which the stationary test needs;
- driving, a fix 3 x minDistance from the newest one keeps the stationary test failing for as
  long as it stays in the window (one of the two is at least minDistance from any later fix):
  it is dropped with every older one, and "blk" (the time of the fix after it) keeps the test
  failing until the full window would have let it go.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from fleetwire.worker.logic.config import LogicConfig
from fleetwire.worker.logic.geo import EARTH_RADIUS
from fleetwire.worker.logic.model import (
    NUMBER,
    Fix,
    Outputs,
    Stop,
    Trip,
    derived_id,
    event,
    position_id,
)

T, LAT, LON, HASH, TD, HRS, FU, SPD, ODO = range(9)
_RAD = math.pi / 180.0
_M_PER_RAD = EARTH_RADIUS
_DRIVEN = 2.0  # m/s (7 km/h): faster than any receiver's drift, slower than any driving
_FAR = 3.0  # x minDistance: a fix this far from the newest keeps the stationary test failing
WHOLE = 9  # fields of an entry that may still start a trip or a stop; a parked one keeps 3
Entry = list[Any]


def entry(fix: Fix, cfg: LogicConfig, fuel_used: float | None) -> Entry:
    odo = fix.attrs.get("odometer")
    if cfg.ignore_odometer or not isinstance(odo, NUMBER) or odo <= 0:
        odo = 0
    return [fix.time, fix.lat, fix.lon, fix.dedup, fix.attrs.get("totalDistance", 0.0),
            fix.attrs.get("hours", 0), fuel_used, fix.speed or 0.0, odo]  # fmt: skip


def _pid(dev: int, e: Entry) -> int:
    return position_id(dev, e[T], e[HASH])


def _odometers(a: Entry, b: Entry) -> tuple[float, float, float]:
    """(start, end, distance): the device's odometer when both ends have one, else ours."""
    if a[ODO] and b[ODO] and b[ODO] >= a[ODO]:
        return a[ODO], b[ODO], b[ODO] - a[ODO]
    return a[TD], b[TD], max(0.0, b[TD] - a[TD])


def _spent(a: Entry, b: Entry) -> float | None:
    if a[FU] is None or b[FU] is None:
        return None
    return round(float(b[FU]) - float(a[FU]), 3)


def _trip(dev: int, a: Entry, b: Entry, vmax: float, driver: str | None) -> Trip:
    start_odo, end_odo, dist = _odometers(a, b)
    ms = b[T] - a[T]
    avg = dist / (ms / 1000) * 3.6 if ms > 0 else 0.0
    return Trip(
        derived_id(dev, "trip", a[T]), dev, a[T], b[T], _pid(dev, a), _pid(dev, b), a[LAT], a[LON],
        b[LAT], b[LON], round(dist, 2), round(avg, 2), round(max(vmax, avg), 2), ms,
        start_odo, end_odo, _spent(a, b), driver,
    )  # fmt: skip


def _stop(dev: int, a: Entry, b: Entry) -> Stop:
    start_odo, end_odo, _ = _odometers(a, b)
    return Stop(
        derived_id(dev, "stop", a[T]), dev, a[T], b[T], _pid(dev, a), a[LAT], a[LON], b[T] - a[T],
        int(b[HRS] - a[HRS]), start_odo, end_odo, _spent(a, b),
    )  # fmt: skip


def _close_stop(m: dict[str, Any], dev: int, end: Entry, out: Outputs) -> None:
    seg = m["seg"]
    if end[T] > seg[T]:
        out.stops.append(_stop(dev, seg, end))


def _start_trip(m: dict[str, Any], dev: int, start: Entry, out: Outputs, driver: Any) -> None:
    _close_stop(m, dev, start, out)
    out.events.append(event(dev, "deviceMoving", start[T], _pid(dev, start)))
    m["mv"], m["seg"], m["vmax"], m["drv"] = True, start, start[SPD], driver


def _end_trip(m: dict[str, Any], dev: int, end: Entry, out: Outputs, driver: Any) -> None:
    if end[T] > m["seg"][T]:  # one that lasted nothing (a start the cluster took back) is none
        out.trips.append(_trip(dev, m["seg"], end, m["vmax"], m.get("drv") or driver))
    out.events.append(event(dev, "deviceStopped", end[T], _pid(dev, end)))
    m["mv"], m["seg"] = False, end


Step = Callable[[dict[str, Any], Fix, float | None, Outputs], None]


def stepper(cfg: LogicConfig) -> Step:
    """``step`` with this configuration's numbers worked out once (a run of fixes shares them)."""
    min_d, min_ms = cfg.trip_min_distance, cfg.trip_min_duration * 1000
    stop_gap = cfg.trip_stop_gap
    v_move = cfg.trip_min_distance / max(cfg.trip_min_duration, 1.0)  # m/s
    # a leg faster than this was driven: where a trip began and a stop's first fix are found
    # by it. minDistance / minDuration alone is 28 m/s for a 5 km minDistance, which would
    # take a whole drive at 10 m/s for parking
    v_leg = min(v_move, _DRIVEN)
    far = _FAR * min_d
    cos, hypot = math.cos, math.hypot

    def dist(a: Entry, b: Entry) -> float:
        """Metres between two entries, flat-Earth (good to centimetres over a few hundred
        metres)."""
        k = cos((a[LAT] + b[LAT]) * 0.5 * _RAD)
        dx = ((b[LON] - a[LON] + 540.0) % 360.0 - 180.0) * k
        return hypot(dx, b[LAT] - a[LAT]) * _RAD * _M_PER_RAD

    def step(m: dict[str, Any], fix: Fix, fuel_used: float | None, out: Outputs) -> None:
        """One located fix, after distance and hours were set on it."""
        a = fix.attrs
        t = fix.time
        e = entry(fix, cfg, fuel_used)
        win: list[Entry] = m.get("win") or []
        if not win:
            m.update(mv=False, ref=e, seg=e, still=e, win=[e], vmax=0.0)
            return
        last = win[-1]
        dt = (t - last[T]) / 1000
        leg = dist(last, e)
        if dt > stop_gap:
            dev = fix.device_id
            driver = a.get("driverUniqueId")
            if m["mv"]:
                _end_trip(m, dev, last, out, driver)
            if leg >= min_d and leg / dt > v_move:  # it drove while silent: a trip of its own
                _start_trip(m, dev, last, out, driver)
                _end_trip(m, dev, e, out, driver)
            m.update(ref=m["seg"], still=e, win=[e])
            m.pop("blk", None)
            return
        if dt > 0 and leg / dt > v_leg:
            m["still"] = e  # arrived after a fast leg: the first fix of a possible stop
        if not m["mv"]:
            if dist(m["ref"], e) >= min_d:
                start, prev = e, e
                began = m["seg"][T]
                for w in reversed(win):  # back to the last parked fix
                    gap = (prev[T] - w[T]) / 1000
                    if w[T] < began or (gap > 0 and dist(w, prev) / gap <= v_leg):
                        break
                    if len(w) < WHOLE:  # kept light after a slow leg: that was the break
                        break  # (only a configuration changed since can walk past one)
                    start = prev = w
                _start_trip(m, fix.device_id, start, out, a.get("driverUniqueId"))
                m["vmax"] = max(w[SPD] for w in [*win, e] if w[T] >= start[T])
                m["ref"] = e
        else:
            if e[SPD] > m["vmax"]:  # max(), without the call
                m["vmax"] = e[SPD]
            first, blk = win[0], m.get("blk")
            if (
                t - first[T] >= min_ms
                and (blk is None or last[T] - min_ms >= blk)  # nothing dropped still counts
                and dist(first, e) < min_d  # the oldest first: while driving, the one that fails
                and all(dist(w, e) < min_d for w in win)
            ):
                still, began = m["still"], m["seg"][T]
                if still[T] < began or dist(still, e) >= min_d:
                    # the first fix of the stationary cluster, but none from before the trip
                    # began: a receiver creeping while parked starts a "trip" whose stationary
                    # window reaches back past that start, and a trip cannot end before it began
                    still = next((w for w in win if w[T] >= began and dist(w, e) < min_d), e)
                _end_trip(m, fix.device_id, still, out, a.get("driverUniqueId"))
                m["ref"] = still
            elif far and len(win) > 1 and dist(first, e) >= far:
                del win[0]
                while len(win) > 1 and dist(win[0], e) >= far:
                    del win[0]
                m["blk"] = win[0][T]
        if not m["mv"] and dt > 0 and leg / dt <= v_leg:
            # parked: the fixes before this slow leg keep only what the stationary test needs
            # (new lists: "ref", "seg" and "still" may be the same objects)
            i = len(win) - 1
            while i >= 0 and len(win[i]) == WHOLE:
                win[i] = win[i][:3]
                i -= 1
        win.append(e)  # the state's own list: m["win"]
        cut = t - min_ms
        while len(win) > 1 and win[1][T] <= cut:  # newer than minDuration, plus the youngest older
            del win[0]

    return step


def motion_attribute(fix: Fix, cfg: LogicConfig) -> None:
    """Traccar's `motion`: the decoder's, else speed above `event.motion.speedThreshold`."""
    if "motion" not in fix.attrs:
        fix.attrs["motion"] = (fix.speed or 0.0) > cfg.motion_speed_threshold
