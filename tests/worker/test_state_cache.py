"""The devices' states the embedded worker keeps between batches (worker/state_cache.py), on real
SQLite files: a cached state is used only while it is the one stored. A transaction that fails
after the batch updated the state in memory, and a replay that recomputes the device from
another process, leave the next batch starting from the store's state, with the result of a
worker that reads every state from the store.

``late.maxAge`` is 1 s in these runs: a batch started from a stale state (one already past the
batch's fixes) would then store them without the logic, rather than repair the state with a
recompute, so that a stale entry shows in the stored rows."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import orjson
import pytest

from fleetwire.store.logic_registry import RegistrySnapshot
from fleetwire.tools.replay import Selection, replay
from fleetwire.worker.loop import Worker
from tests.conftest import make_settings
from tests.worker.logic.track import T0
from tests.worker.test_worker_logic import GEOFENCE, IMEI, append, derived, drain, setup, track

FRAME = 10  # records per frame, a frame per batch


def worker(data: Path, *, cache: int = 5000) -> Worker:
    s = make_settings(data)
    s.worker.batch_size = 1
    s.worker.state_cache = cache
    s.logic["late.maxAge"] = 1
    w = Worker(s)
    assert w.logic is not None
    w.logic.pin(RegistrySnapshot(geofences={1: GEOFENCE}, device_geofences={1: {1}}))
    return w


def prepared(data: Path) -> int:
    data.mkdir()
    dev = setup(data)
    records = track()
    append(data, dev, [records[i : i + FRAME] for i in range(0, len(records), FRAME)])
    return dev


def stored(data: Path, dev: int) -> tuple[int, dict[str, Any]]:
    c = sqlite3.connect(data / "telemetry.db")
    stamp, state = c.execute(
        "SELECT stamp, state FROM device_state WHERE device_id = ?", (dev,)
    ).fetchone()
    c.close()
    return int(stamp), orjson.loads(state)


def positions(data: Path) -> list[tuple[Any, ...]]:
    c = sqlite3.connect(data / "telemetry.db")
    rows = c.execute("SELECT fix_time, dedup, attributes FROM positions ORDER BY fix_time")
    out = rows.fetchall()
    c.close()
    return out


def reference(data: Path) -> dict[str, Any]:
    """Every frame through a worker that reads every state from the store."""
    prepared(data)
    w = worker(data, cache=0)
    drain(w)
    w.close()
    return {**derived(data), "rows": positions(data)}


def test_a_failed_transaction_leaves_the_committed_state_for_the_next_batch(
    tmp_path: Path,
) -> None:
    want = reference(tmp_path / "reference")
    data = tmp_path / "failing"
    dev = prepared(data)
    w = worker(data)
    for _ in range(5):
        assert w.step() == 1
    assert w.logic is not None and w.logic.states.hits >= 3  # the cache is in use
    committed_stamp, committed = stored(data, dev)
    # the store refuses the next batch's commit after the positions and the state are written
    c = sqlite3.connect(data / "telemetry.db")
    c.execute(
        "CREATE TRIGGER refuse BEFORE UPDATE ON offsets BEGIN SELECT RAISE(ABORT, 'refused'); END"
    )
    c.commit()
    with pytest.raises(sqlite3.IntegrityError, match="refused"):
        w.step()
    # the batch had moved the cached state on: a stale entry is there to be (mis)used
    assert stored(data, dev) == (committed_stamp, committed)
    assert len(w.logic.states) == 1
    c.execute("DROP TRIGGER refuse")
    c.commit()
    c.close()
    misses = w.logic.states.misses
    drain(w)  # the refused batch again, and the rest
    w.close()
    assert w.logic.states.misses == misses + 1  # the state read from the store once
    assert {**derived(data), "rows": positions(data)} == want


def test_a_replay_recomputing_the_device_then_a_live_batch(tmp_path: Path) -> None:
    """The replay (its own store connection, as `fleetwire replay` is its own process) runs with
    the registry's geofences, which are none, while the worker holds geofence 1: the replay's
    state has the device outside every geofence where the worker's cached one has it inside.
    The live batch after it must start from the replay's."""
    results = []
    for cache in (0, 5000):
        data = tmp_path / f"cache{cache}"
        dev = prepared(data)
        w = worker(data, cache=cache)
        for _ in range(5):  # the device ends the 5th frame inside geofence 1
            assert w.step() == 1
        before = stored(data, dev)
        assert before[1]["geo"]["in"]
        summary = replay(w.settings, Selection(devices=[IMEI]))
        assert summary.frames == 5
        after = stored(data, dev)
        assert after[0] != before[0] and not after[1]["geo"]["in"]
        drain(w)
        w.close()
        results.append({**derived(data), "rows": positions(data)})
    assert results[1] == results[0]
    # the replay's state had the device outside: the live batch's first fix enters again
    enters = [t for _, kind, t in results[1]["events"] if kind == "geofenceEnter"]
    assert enters[0] == T0 + 900_000  # the 6th frame's first fix (the 5th frame's entered)


def test_a_batch_that_leaves_the_state_as_it_was_does_not_write_it(tmp_path: Path) -> None:
    data = tmp_path / "resent"
    dev = prepared(data)
    w = worker(data)
    drain(w)
    before, rows = stored(data, dev), positions(data)
    append(data, dev, [track()[:FRAME]])  # a resend of the first frame: nothing new
    assert w.step() == 1
    w.close()
    assert stored(data, dev) == before  # the same stamp: not written again
    assert positions(data) == rows


def test_a_store_made_before_stamps_gets_the_column(tmp_path: Path) -> None:
    data = tmp_path / "old"
    dev = prepared(data)
    c = sqlite3.connect(data / "telemetry.db")
    c.execute("CREATE TABLE device_state (device_id BIGINT PRIMARY KEY, state TEXT NOT NULL,"
              " status TEXT NOT NULL DEFAULT '{}')")  # fmt: skip
    c.execute("INSERT INTO device_state VALUES (?, '{\"v\": 1}', '{}')", (dev,))
    c.commit()
    c.close()
    w = worker(data)
    assert stored(data, dev) == (0, {"v": 1})
    drain(w)
    w.close()
    assert stored(data, dev)[0] != 0


# the state upsert of the release before stamps, as its worker or replay still runs it
UNSTAMPED_UPSERT = (
    "INSERT INTO device_state (device_id, state, status) VALUES (?, ?, ?)"
    " ON CONFLICT (device_id) DO UPDATE SET state = excluded.state, status = excluded.status"
)


def test_a_writer_from_before_stamps_makes_the_worker_read_the_state(tmp_path: Path) -> None:
    """During an upgrade a process of the previous release may write a device's state without
    a stamp: here with the device outside every geofence where the worker's cached state has it
    inside geofence 1. The worker's next batch must start from the stored state and enter the
    geofence again."""
    data = tmp_path / "mixed"
    dev = prepared(data)
    w = worker(data)
    for _ in range(5):  # the device ends the 5th frame inside geofence 1
        assert w.step() == 1
    _, state = stored(data, dev)
    assert state["geo"]["in"]
    state["geo"]["in"] = {}
    c = sqlite3.connect(data / "telemetry.db")
    c.execute(UNSTAMPED_UPSERT, (dev, orjson.dumps(state).decode(), "{}"))
    c.commit()
    c.close()
    assert stored(data, dev) == (0, state)
    drain(w)
    w.close()
    enters = [t for _, kind, t in derived(data)["events"] if kind == "geofenceEnter"]
    assert T0 + 900_000 in enters  # the 6th frame's first fix, inside: entered again
