"""`fleetwire replay` with the business logic on: derived rows recomputed for what it decodes
again, nothing new for records that did not change (business-logic.md §8, feature 19). The
geofence comes from the registry's tables (read through store/logic_registry.py)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from fleetwire.store.migrate import migrate_embedded
from fleetwire.tools.replay import Selection, replay
from fleetwire.worker.derive import recompute
from fleetwire.worker.derive_io import drive_sqlite
from fleetwire.worker.logic_tier import EmbeddedLogic
from fleetwire.worker.loop import Worker
from tests.conftest import make_settings
from tests.worker.logic.track import T0
from tests.worker.test_worker_logic import GEOFENCE, append, derived, setup, track


def registry_geofence(data_dir: Path, *device_ids: int) -> None:
    """The geofence in the registry's own tables (its migrations applied), linked to devices."""
    migrate_embedded(make_settings(data_dir))
    c = sqlite3.connect(data_dir / "registry.db")
    c.execute("INSERT INTO geofences (id, name, area) VALUES (1, 'depot', ?)", (GEOFENCE.area,))
    c.executemany("INSERT INTO device_geofence (device_id, geofence_id) VALUES (?, 1)",
                  [(d,) for d in device_ids])  # fmt: skip
    c.commit()
    c.close()


def test_replay_twice_changes_nothing_and_notifies_nothing(data_dir: Path) -> None:
    dev = setup(data_dir)
    registry_geofence(data_dir, dev)
    records = track()
    append(data_dir, dev, [records[i : i + 10] for i in range(0, len(records), 10)])
    settings = make_settings(data_dir)
    w = Worker(settings)
    while w.step():
        pass
    w.close()
    before = derived(data_dir)
    assert len(before["visits"]) == 2  # the registry's geofence was used
    for _ in range(2):
        summary = replay(settings, Selection(), batch_size=7)
        assert summary.frames and summary.added == summary.removed == 0
        assert derived(data_dir) == before
    # a recompute over unchanged positions produces nothing for the outbox
    conn = sqlite3.connect(data_dir / "telemetry.db", isolation_level=None)
    logic = EmbeddedLogic(settings, conn)
    logic.refresh()
    d = drive_sqlite(conn, recompute([(dev, T0)], logic.contexts))
    conn.close()
    assert d.rows["trips"] and not d.items
    assert not any(d.superseded.values())
