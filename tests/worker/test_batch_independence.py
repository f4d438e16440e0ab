"""Issue 11: the embedded worker's stored results do not depend on how the raw log is cut into
batches. A frame held back and delivered after later ones is part of the same batch (sorted in
order) when the batch is large, and a late frame (a recompute) when batches are small: every live
derived row and the latest position must come out the same either way."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fleetwire.model import Record
from tests.worker.logic.track import LON0, T0, east, north
from tests.worker.test_worker_logic import append, drain, setup, worker

# `emitted` too: which fix last wrote a row decides which rows a later recompute owns (status
# events excepted: theirs is the worker's clock, not a fix's time)
LIVE = {
    "events": "id, device_id, type, event_time, position_id, geofence_id, maintenance_id,"
    " attributes, CASE WHEN type IN ('deviceOnline', 'deviceOffline', 'deviceUnknown')"
    " THEN NULL ELSE emitted END",
    "trips": "id, start_time, end_time, start_position_id, end_position_id, distance,"
    " max_speed, duration, start_odometer, end_odometer, emitted",
    "stops": "id, start_time, end_time, position_id, duration, engine_hours, emitted",
    "geofence_visits": "id, geofence_id, enter_time, exit_time, enter_position_id,"
    " exit_position_id, emitted",
}


def records(pts: list[tuple[int, float, float, float]]) -> list[Record]:
    """(seconds from T0, metres north, metres east, knots) as records; ignition while moving."""
    return [
        Record(datetime.fromtimestamp((T0 + s * 1000) / 1000, UTC), valid=True,
               latitude=round(north(m), 7), longitude=round(east(e) if e else LON0, 7),
               altitude=100.0, speed=v, course=0.0, satellites=9,
               attributes={"ignition": v > 0})
        for s, m, e, v in pts
    ]  # fmt: skip


def drive() -> list[Record]:
    """Parked 5 min, then 20 min north at 20 m/s through the test geofence, speeding up all
    the way (an overspeed episode still open at the end), with a 300 m detour east at
    t = 800-890 s; one fix every 10 s while driving."""
    pts: list[tuple[int, float, float, float]] = [(t, 0.0, 0.0, 0.0) for t in range(0, 300, 30)]
    for n, t in enumerate(range(300, 1500, 10)):
        detour = 300.0 if 800 <= t < 900 else 0.0
        pts.append((t, (t - 300) * 20.0, detour, 40.0 + n * 0.5))
    return records(pts)


def parked_then_drive() -> list[Record]:
    """Parked 10 min (a fix every 30 s, all at one place), 10 min north at 20 m/s, parked
    20 min over the hour boundary at T0 + 2000 s (a checkpoint), 5 min on."""
    pts = [(t, 0.0, 0.0, 0.0) for t in range(0, 600, 30)]
    pts += [(t, (t - 570) * 20.0, 0.0, 40.0) for t in range(600, 1200, 10)]
    pts += [(t, 12_600.0, 0.0, 0.0) for t in range(1200, 2400, 30)]
    pts += [(t, 12_600.0 + (t - 2390) * 20.0, 0.0, 40.0) for t in range(2400, 2700, 10)]
    return records(pts)


def detour(frame: list[Record]) -> bool:
    return any(r.longitude != LON0 for r in frame)


def run(
    data: Path,
    batch_size: int,
    records: list[Record],
    held: Callable[[list[Record]], bool],
    **logic: Any,
) -> dict[str, Any]:
    """``records`` in frames of 10, the ``held`` frames moved to the end of the log."""
    data.mkdir()
    dev = setup(data)
    frames = [records[i : i + 10] for i in range(0, len(records), 10)]
    late = [f for f in frames if held(f)]
    assert late and frames[-1] not in late  # the held-back frames precede later data
    append(data, dev, [f for f in frames if f not in late] + late, received_s=T0 / 1000 + 1800)
    w = worker(data, batch_size=batch_size, **logic)
    drain(w)
    w.close()
    c = sqlite3.connect(data / "telemetry.db")
    out = {
        t: c.execute(f"SELECT {cols} FROM {t} WHERE superseded = 0 ORDER BY id").fetchall()
        for t, cols in LIVE.items()
    }
    out["latest"] = c.execute("SELECT fix_time, dedup, attributes FROM latest").fetchall()
    out["positions"] = c.execute(
        "SELECT fix_time, dedup, attributes FROM positions ORDER BY fix_time"
    ).fetchall()
    out["checkpoints"] = c.execute(
        "SELECT at, state FROM device_checkpoints ORDER BY at"
    ).fetchall()
    out["rejected"] = c.execute(
        "SELECT fix_time, dedup, reason FROM rejected_positions ORDER BY fix_time"
    ).fetchall()
    c.close()
    return out


def test_small_batches_with_a_late_frame_give_the_one_batch_result(tmp_path: Path) -> None:
    whole = run(tmp_path / "whole", 10000, drive(), detour, speedLimit=30)
    small = run(tmp_path / "small", 1, drive(), detour, speedLimit=30)
    types = [e[2] for e in whole["events"]]
    assert "deviceOverspeed" in types and "geofenceEnter" in types  # the rows compared exist
    assert whole["trips"] or whole["stops"]
    for table in (*LIVE, "positions", "latest"):
        assert small[table] == whole[table], table


def test_late_fixes_go_through_the_filters_against_their_time_predecessor(tmp_path: Path) -> None:
    """filter.distance rejects a parked fix next to the one before it, in order; the same fix in
    a late frame (its predecessor stored by an earlier batch) must be rejected the same way."""
    second = lambda f: f[0].fix_time.timestamp() * 1000 == T0 + 300_000  # noqa: E731
    keys = {"filter.distance": 5}
    whole = run(tmp_path / "whole", 10000, parked_then_drive(), second, **keys)
    small = run(tmp_path / "small", 1, parked_then_drive(), second, **keys)
    assert len(whole["rejected"]) == 19 + 39  # every parked fix but the first of each stop
    assert whole["checkpoints"], "the hour boundary is crossed"
    for table in (*LIVE, "positions", "latest", "rejected", "checkpoints"):
        assert small[table] == whole[table], table
