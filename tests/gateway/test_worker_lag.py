"""Backpressure on the embedded tier (gateway/worker_lag.py) against a real telemetry store:
a batch past the lag limit waits for the worker to store as much as it holds, never for a
worker that does not move, and never when the worker keeps up."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from fleetwire.gateway.worker_lag import WorkerLag, offset_reader
from fleetwire.store.telemetry import SqliteTelemetry


def _commit_offset(store: SqliteTelemetry, seq: int) -> None:
    store.write_batch("worker", seq, [], [], [])


def test_no_worker_no_wait(tmp_path: Path) -> None:
    lag = WorkerLag(offset_reader(tmp_path / "telemetry.db", "worker"), limit=10)
    t0 = time.monotonic()
    lag.hold(head=1_000_000, frames=500)
    assert time.monotonic() - t0 < 0.5
    assert lag.held_s == 0.0


def test_within_limit_no_wait(tmp_path: Path) -> None:
    store = SqliteTelemetry(tmp_path / "telemetry.db")
    _commit_offset(store, 95)
    lag = WorkerLag(offset_reader(tmp_path / "telemetry.db", "worker"), limit=10)
    lag.hold(head=100, frames=500)
    assert lag.held_s == 0.0
    store.close()


def test_past_limit_waits_for_the_worker_to_store_the_batch(tmp_path: Path) -> None:
    store = SqliteTelemetry(tmp_path / "telemetry.db")
    _commit_offset(store, 1000)
    lag = WorkerLag(offset_reader(tmp_path / "telemetry.db", "worker"), limit=100, stall=5.0)
    lag.hold(head=1000, frames=1)  # the worker is seen once (and moving) before the load
    stored: list[tuple[float, int]] = []

    def worker() -> None:  # a worker storing 50 frames every 20 ms, in its own connection
        own = SqliteTelemetry(tmp_path / "telemetry.db")
        for seq in range(1050, 1401, 50):
            time.sleep(0.02)
            _commit_offset(own, seq)
            stored.append((time.monotonic(), seq))
        own.close()

    t = threading.Thread(target=worker)
    t.start()
    lag.hold(head=2000, frames=200)  # lag 1000 > 100: wait until the worker stored 200 more
    released = time.monotonic()
    t.join()
    first_enough = next(at for at, seq in stored if seq >= 1200)
    assert released >= first_enough
    assert lag.held_s > 0.05
    store.close()


def test_a_worker_that_does_not_move_is_not_waited_for(tmp_path: Path) -> None:
    store = SqliteTelemetry(tmp_path / "telemetry.db")
    _commit_offset(store, 10)
    lag = WorkerLag(offset_reader(tmp_path / "telemetry.db", "worker"), limit=100, stall=0.3)
    t0 = time.monotonic()
    lag.hold(head=5000, frames=100)  # seen for the first time: given `stall` to move
    waited = time.monotonic() - t0
    assert 0.25 < waited < 2.0
    t1 = time.monotonic()
    lag.hold(head=5100, frames=100)  # known to be stalled: no wait at all
    assert time.monotonic() - t1 < 0.1
    store.close()


def test_limit_zero_never_waits(tmp_path: Path) -> None:
    store = SqliteTelemetry(tmp_path / "telemetry.db")
    _commit_offset(store, 1)
    lag = WorkerLag(offset_reader(tmp_path / "telemetry.db", "worker"), limit=0)
    lag.hold(head=10**9, frames=10**4)
    assert lag.held_s == 0.0
    store.close()
