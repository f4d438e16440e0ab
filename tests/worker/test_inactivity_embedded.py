"""deviceInactive in the embedded worker on real SQLite files: the status sweep finds a device
silent past `deviceInactivityStart` (set server-wide under Traccar's key, in ms), stores one
event per due moment, and a second sweep at the same moment adds nothing."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from tests.worker.test_worker_logic import append, setup, track, worker

HOUR = 3_600_000


def inactive(data_dir: Path) -> list[tuple[int, int]]:
    c = sqlite3.connect(data_dir / "telemetry.db")
    try:
        return c.execute("SELECT device_id, event_time FROM events WHERE type = 'deviceInactive'"
                         " ORDER BY event_time").fetchall()  # fmt: skip
    finally:
        c.close()


def test_silent_device_gets_deviceinactive_once_per_period(tmp_path: Path) -> None:
    dev = setup(tmp_path)
    received = time.time() - 4 * 3600  # the device last spoke four hours ago
    append(tmp_path, dev, [track()[:10]], received_s=received)
    w = worker(tmp_path, deviceInactivityStart=HOUR, deviceInactivityPeriod=2 * HOUR)
    assert w.logic is not None
    w.logic.inactivity_every = 0  # every sweep reads every device
    try:
        while w.step():
            pass
        now_ms = int(time.time() * 1000)
        assert w.logic.sweep(now_ms) == 1
        assert w.logic.sweep(now_ms) == 0
        seen = int(received * 1000)  # the frame's receive time (µs in the log, ms here)
        assert inactive(tmp_path) == [(dev, seen + 3 * HOUR)]  # start + one period, the latest
        assert w.logic.sweep(seen + 5 * HOUR + 1) == 1  # the next period, once it is due
        assert inactive(tmp_path) == [(dev, seen + 3 * HOUR), (dev, seen + 5 * HOUR)]
    finally:
        w.close()
