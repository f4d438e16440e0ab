"""The outbox rows a batch writes: in its transaction, with ids that make a batch written again
insert nothing (the worker's at-least-once in, exactly-once out)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import orjson
import pytest

from fleetwire.config import OutboxSettings, SinkSettings
from fleetwire.store.outbox import run_sqlite
from fleetwire.store.telemetry import SqliteTelemetry
from fleetwire.worker.logic.model import position_id
from fleetwire.worker.outbox.enqueue import Outbox, position_items
from fleetwire.worker.outbox_seam import StatementList
from tests.worker.outbox.helpers import T0, event, position, sink_settings, write


def _outbox(path: Path) -> list[tuple[object, ...]]:
    c = sqlite3.connect(path)
    try:
        return c.execute(
            "SELECT seq, id, sink, device_id, kind, payload FROM outbox ORDER BY seq"
        ).fetchall()
    finally:
        c.close()


def test_a_batch_written_twice_enqueues_each_message_once(data_dir: Path) -> None:
    path = data_dir / "telemetry.db"
    store = SqliteTelemetry(path)
    settings = OutboxSettings(sinks={
        "hook": SinkSettings(type="webhook", url="http://x/"),
        "bus": SinkSettings(type="nats", url="nats://x", records=["events"]),
    })  # fmt: skip
    outbox = Outbox(settings, devices=lambda d: (f"imei{d}", f"car {d}", "teltonika"))
    rows = [position(7, i) for i in range(5)]
    write(store, outbox, rows, 5)
    first = _outbox(path)
    assert [r[2] for r in first] == ["hook"] * 5  # positions go only where "positions" go
    write(store, outbox, rows, 5)  # the same frames again (a crash before the offset commit)
    assert _outbox(path) == first
    body = orjson.loads(first[0][5])  # type: ignore[arg-type]
    assert body["device"] == {"id": 7, "uniqueId": "imei7", "name": "car 7"}
    pos = body["position"]
    assert pos["deviceId"] == 7 and pos["protocol"] == "teltonika"
    assert pos["speed"] == pytest.approx(50.0 / 1.852)  # Traccar's knots at this edge
    assert pos["fixTime"] == "2026-05-28T20:26:40.000+00:00"
    assert pos["attributes"] == {"i": 0}
    # the business logic's position id: derived from the stored identity, never 0
    assert [orjson.loads(r[5])["position"]["id"] for r in first] == [  # type: ignore[arg-type]
        position_id(r[0], r[2], r[13]) for r in rows
    ]
    store.close()


def test_a_rollback_leaves_no_outbox_rows(data_dir: Path) -> None:
    path = data_dir / "telemetry.db"
    store = SqliteTelemetry(path)
    outbox = Outbox(sink_settings())
    rows = [position(1, i) for i in range(3)]
    tx = StatementList()
    outbox.enqueue(tx, position_items(rows))

    def fail(c: sqlite3.Connection) -> None:
        run_sqlite(c, tx.items)
        raise RuntimeError("the batch fails after the outbox wrote")

    with pytest.raises(RuntimeError):
        store.write_batch("worker", 3, rows, [], [], fail)
    assert _outbox(path) == []
    assert store.count() == 0
    store.close()


def test_changes_and_supersessions_are_new_messages(data_dir: Path) -> None:
    path = data_dir / "telemetry.db"
    store = SqliteTelemetry(path)
    outbox = Outbox(sink_settings(records=["events"]))
    e = event("ev1", 3, "deviceMoving", T0, positionId=12345)
    write(store, outbox, [], 1, [e])
    write(store, outbox, [], 1, [e])  # the same event again: nothing new
    changed = event("ev1", 3, "deviceMoving", T0 + 5, change="changed", late=True)
    gone = event("ev1", 3, "deviceMoving", T0 + 5, change="superseded", late=True)
    write(store, outbox, [], 1, [changed, gone])
    write(store, outbox, [], 1, [changed, gone])  # a recompute's output again: nothing new
    rows = _outbox(path)
    assert len(rows) == 3
    bodies = [orjson.loads(r[5])["event"] for r in rows]  # type: ignore[arg-type]
    assert [b["id"] for b in bodies] == ["ev1"] * 3
    assert bodies[0]["positionId"] == 12345 and "change" not in bodies[0]
    assert bodies[1]["change"] == "changed" and bodies[1]["late"] is True
    assert bodies[2]["change"] == "superseded"
    store.close()


def test_nothing_configured_writes_nothing(data_dir: Path) -> None:
    path = data_dir / "telemetry.db"
    store = SqliteTelemetry(path)
    outbox = Outbox(OutboxSettings())
    assert not outbox.active
    write(store, outbox, [position(1, 0)], 1)
    assert _outbox(path) == []
    store.close()
