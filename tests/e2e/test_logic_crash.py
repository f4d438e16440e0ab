"""The business logic in real worker processes (business-logic.md §8, features 8 and 14): a
worker SIGKILLed twenty times mid-batch stores the same events, trips and geofence visits as a
clean run; a two-hour backlog delivered newest first after live data gives the same trips and
visits as the in-order run. Frames go straight into the raw log (the gateway's part is tested
elsewhere); the geofence comes from the registry's tables."""

from __future__ import annotations

import random
import sqlite3
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from fleetwire.model import Record
from fleetwire.protocols import teltonika
from fleetwire.rawlog.base import RawEntry
from fleetwire.rawlog.sqlite import SqliteRawLogWriter
from fleetwire.store.registry import SqliteRegistry
from fleetwire.testing import role_env, start_role
from tests.tools.test_replay_logic import registry_geofence
from tests.worker.test_worker_logic import track

pytestmark = pytest.mark.slow

DEVICES = 8


def imei(i: int) -> str:
    return str(356307042400000 + i)


def setup(data: Path) -> list[int]:
    data.mkdir(parents=True)
    reg = SqliteRegistry(data / "registry.db")
    ids = []
    for i in range(DEVICES):
        dev = reg.resolve([(imei(i), "teltonika")], register=True)[imei(i)]
        assert dev is not None
        ids.append(dev.id)
    reg.close()
    registry_geofence(data, *ids)
    return ids


def frames(records: list[Record], uid: str, per_frame: int) -> list[bytes]:
    d = teltonika.Device(uid)
    return [d.report(records[i : i + per_frame])[0] for i in range(0, len(records), per_frame)]


def append(data: Path, items: list[tuple[int, bytes]]) -> None:
    w = SqliteRawLogWriter(data / "rawlog.db")
    now_us = time.time_ns() // 1000
    w.append([RawEntry(dev, "teltonika", "tcp", now_us + i, dev, "127.0.0.1:1", f)
              for i, (dev, f) in enumerate(items)])  # fmt: skip
    w.close()


def interleaved(ids: list[int], per_frame: int, select: Any = None) -> list[tuple[int, bytes]]:
    per_dev = []
    for n, dev in enumerate(ids):
        recs = [r for r in track() if select is None or select(r)]
        per_dev.append([(dev, f) for f in frames(recs, imei(n), per_frame)])
    out = []
    for i in range(max(len(x) for x in per_dev)):
        out.extend(x[i] for x in per_dev if i < len(x))
    return out


def env(**extra: str) -> dict[str, str]:
    return role_env({}, FLEETWIRE_WORKER__POLL_INTERVAL="0.02", FLEETWIRE_WORKER__NICE="0",
                    **extra)  # fmt: skip


def lag(data: Path) -> int:
    raw = sqlite3.connect(data / "rawlog.db")
    head = raw.execute("SELECT max(seq) FROM frames").fetchone()[0] or 0
    raw.close()
    tel = sqlite3.connect(data / "telemetry.db")
    try:
        row = tel.execute("SELECT seq FROM offsets WHERE consumer = 'worker'").fetchone()
    except sqlite3.OperationalError:
        row = None
    tel.close()
    return int(head) - (int(row[0]) if row else 0)


def worker(data: Path, **extra: str) -> subprocess.Popen[bytes]:
    return start_role("worker", ["--data-dir", str(data)], env(**extra), data.parent / "w.log")


def wait_caught_up(data: Path, proc: subprocess.Popen[bytes], timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError((data.parent / "w.log").read_text()[-3000:])
        if lag(data) == 0:
            return
        time.sleep(0.05)
    raise AssertionError(f"worker still {lag(data)} frames behind")


def snapshot(data: Path) -> dict[str, Any]:
    c = sqlite3.connect(data / "telemetry.db")
    out = {
        "events": sorted(c.execute(
            "SELECT id, device_id, type, event_time, position_id, geofence_id, attributes"
            " FROM events WHERE superseded = 0 AND type NOT IN"
            " ('deviceOnline', 'deviceOffline', 'deviceUnknown')").fetchall()),
        "trips": sorted(c.execute("SELECT * FROM trips WHERE superseded = 0").fetchall()),
        "stops": sorted(c.execute(
            "SELECT id, start_time, end_time FROM stops WHERE superseded = 0").fetchall()),
        "visits": sorted(c.execute(
            "SELECT id, geofence_id, enter_time, exit_time FROM geofence_visits"
            " WHERE superseded = 0").fetchall()),
        "events_all": c.execute("SELECT count(*) FROM events WHERE type NOT IN"
                                " ('deviceOnline', 'deviceOffline', 'deviceUnknown')").fetchone(),
        "positions": c.execute("SELECT count(*) FROM positions").fetchone(),
    }  # fmt: skip
    c.close()
    return out


def clean_run(data: Path, items: list[tuple[int, bytes]]) -> dict[str, Any]:
    setup(data)
    append(data, items)
    proc = worker(data)
    try:
        wait_caught_up(data, proc)
    finally:
        proc.terminate()
        proc.wait(30)
    return snapshot(data)


def test_sigkill_twenty_times_mid_batch_gives_the_clean_run(tmp_path: Path) -> None:
    ids = list(range(1, DEVICES + 1))
    items = interleaved(ids, per_frame=2)
    want = clean_run(tmp_path / "clean", items)
    assert want["trips"] and want["visits"] and want["events"]
    data = tmp_path / "killed"
    setup(data)
    append(data, items)
    rnd = random.Random(11)
    kills = 0
    proc = worker(data, FLEETWIRE_WORKER__BATCH_SIZE="5")
    try:
        while kills < 20 and (before := lag(data)) > 0:
            # each kill waits for the restarted worker to commit a batch, then lands a few ms
            # into the next one: mid-batch on a fast machine and a slow one alike (a fixed
            # sleep let a fast worker finish the backlog after three kills)
            deadline = time.monotonic() + 60
            while lag(data) == before and time.monotonic() < deadline:
                time.sleep(0.005)
            time.sleep(rnd.uniform(0.0, 0.01))
            proc.kill()
            proc.wait(30)
            kills += 1
            proc = worker(data, FLEETWIRE_WORKER__BATCH_SIZE="5")
        assert kills >= 10, "the worker finished before it could be killed often enough"
        wait_caught_up(data, proc)
    finally:
        proc.terminate()
        proc.wait(30)
    got = snapshot(data)
    assert got == want
    assert "Traceback" not in (tmp_path / "w.log").read_text()


def test_two_hour_backlog_newest_first_after_live_data(tmp_path: Path) -> None:
    ids = list(range(1, DEVICES + 1))
    want = clean_run(tmp_path / "ordered", interleaved(ids, per_frame=5))
    data = tmp_path / "late"
    setup(data)
    split = datetime.fromtimestamp(track()[0].fix_time.timestamp() + 3000, UTC)
    proc = worker(data, FLEETWIRE_WORKER__BATCH_SIZE="25")
    try:
        append(data, interleaved(ids, 5, lambda r: r.fix_time >= split))  # live data
        wait_caught_up(data, proc)
        backlog = interleaved(ids, 20, lambda r: r.fix_time < split)
        for dev in ids:  # each device uploads its backlog newest first
            mine = [x for x in backlog if x[0] == dev][::-1]
            append(data, mine)
        wait_caught_up(data, proc)
    finally:
        proc.terminate()
        proc.wait(30)
    got = snapshot(data)
    assert got["trips"] == want["trips"]
    assert got["visits"] == want["visits"]
    assert got["stops"] == want["stops"]
    assert got["events"] == want["events"]
    assert got["events_all"] > want["events_all"]  # the live-only view's, kept as superseded
