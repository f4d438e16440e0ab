"""The outbox inside the real embedded worker with the business logic on: positions and events
forwarded and notifications written in the batch's transaction, through the logic's seam; the
raw log processed again (a worker that died before its offset commit) adds nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import orjson

from fleetwire.config import SinkSettings
from fleetwire.tools.replay import Selection, replay
from fleetwire.worker import outbox_seam
from fleetwire.worker.logic.contexts import RegistrySnapshot
from fleetwire.worker.outbox.enqueue import Outbox
from fleetwire.worker.outbox.rules import Rule, RuleSet
from tests.conftest import make_settings
from tests.worker.test_worker_logic import IMEI, append, setup, track, worker


def rows(data_dir: Path) -> list[tuple[str, str, str, str]]:
    c = sqlite3.connect(data_dir / "telemetry.db")
    try:
        return c.execute("SELECT id, sink, kind, payload FROM outbox ORDER BY seq").fetchall()
    finally:
        c.close()


def count(data_dir: Path, sql: str) -> int:
    c = sqlite3.connect(data_dir / "telemetry.db")
    try:
        return int(c.execute(sql).fetchone()[0])
    finally:
        c.close()


def run_worker(data_dir: Path, device_id: int, *, geofences: bool = True) -> None:
    w = worker(data_dir, batch_size=7)
    if not geofences:  # as the registry has it (a replay reads the registry)
        assert w.logic is not None
        w.logic.pin(RegistrySnapshot())
    w.settings.outbox.sinks = {"hook": SinkSettings(type="webhook", url="http://127.0.0.1:9/")}
    w.outbox = Outbox(w.settings.outbox, devices=w._device_info)
    outbox_seam.install(w.outbox.enqueue, positions=w.outbox.forwards_positions)
    w.pin_rules(RuleSet(
        rules={1: Rule(1, "geofenceEnter", ("web",)), 2: Rule(2, "deviceStopped", ("web",))},
        device_rules={device_id: frozenset({1, 2})},
        rule_users={1: frozenset({5}), 2: frozenset({5})},
        device_users={device_id: frozenset({5})},
    ))  # fmt: skip
    while w.step():
        pass
    w.close()


def test_the_worker_enqueues_through_the_logic_seam_once(data_dir: Path) -> None:
    dev = setup(data_dir)
    recs = track()
    append(data_dir, dev, [recs[i : i + 10] for i in range(0, len(recs), 10)])
    run_worker(data_dir, dev)
    first = rows(data_dir)
    positions = [r for r in first if r[2] == "position"]
    events = [r for r in first if r[2] == "event"]
    notes = [r for r in first if r[2] == "notification"]
    assert len(positions) == count(data_dir, "SELECT count(*) FROM positions") > 200
    assert len(events) == count(data_dir, "SELECT count(*) FROM events") > 0
    types = [orjson.loads(r[3])["event"]["type"] for r in notes]
    assert types.count("geofenceEnter") == 2 and types.count("deviceStopped") >= 2
    assert all(orjson.loads(r[3])["userId"] == 5 for r in notes)
    fixes = [orjson.loads(r[3])["position"]["fixTime"] for r in positions]
    assert fixes == sorted(fixes)  # one device: the outbox keeps its order

    # the whole raw log processed again from the start: nothing new
    c = sqlite3.connect(data_dir / "telemetry.db")
    c.execute("DELETE FROM offsets")
    c.commit()
    c.close()
    run_worker(data_dir, dev)
    assert rows(data_dir) == first


def test_a_replay_of_unchanged_frames_sends_nothing_again(data_dir: Path) -> None:
    dev = setup(data_dir)
    recs = track()
    append(data_dir, dev, [recs[i : i + 10] for i in range(0, len(recs), 10)])
    run_worker(data_dir, dev, geofences=False)
    first = rows(data_dir)
    assert any(r[2] == "notification" for r in first)
    settings = make_settings(data_dir)
    settings.outbox.sinks = {"hook": SinkSettings(type="webhook", url="http://127.0.0.1:9/")}
    summary = replay(settings, Selection(devices=[IMEI]))
    assert summary.frames > 0
    assert rows(data_dir) == first  # the same records: no new message, no notification
