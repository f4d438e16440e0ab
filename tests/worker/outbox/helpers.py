"""Rows and settings the outbox tests share."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine, Sequence
from typing import Any, ParamSpec

import orjson

from fleetwire.config import OutboxSettings, SinkSettings
from fleetwire.store.outbox import run_sqlite
from fleetwire.store.telemetry import PositionRow, SqliteTelemetry
from fleetwire.worker.outbox.enqueue import Outbox, position_items
from fleetwire.worker.outbox_seam import Change, OutboxItem, StatementList

P = ParamSpec("P")
T0 = 1_780_000_000_000  # ms, a fixed time in 2026


def position(device: int, i: int, *, seq: int | None = None, speed: float = 50.0) -> PositionRow:
    """Fix ``i`` of a device: one a second, moving north, stored from frame ``seq``."""
    attrs = orjson.dumps({"i": i}).decode()
    return (device, "position", T0 + i * 1000, T0 + i * 1000 + 50, 1, 45.0 + i * 1e-4, 7.0,
            100.0, speed, 0.0, 9, attrs, seq if seq is not None else i + 1,
            device * 1_000_000 + i)  # fmt: skip


def sink_settings(url: str = "http://127.0.0.1:9/", **kw: object) -> OutboxSettings:
    return OutboxSettings(
        sinks={"hook": SinkSettings(type="webhook", url=url, **kw)},  # type: ignore[arg-type]
        backoff_initial=0.05,
        backoff_max=0.5,
        poll_interval=0.05,
    )


def run(coro_fn: Callable[P, Coroutine[Any, Any, None]]) -> Callable[P, None]:
    """An async test body run on its own event loop (the suite has no async plugin)."""

    @functools.wraps(coro_fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> None:
        asyncio.run(coro_fn(*args, **kwargs))

    return wrapper


def event(
    id: str, device: int, type: str, time: int, *, change: Change = "new", late: bool = False,
    replayed: bool = False, **fields: Any,
) -> OutboxItem:  # fmt: skip
    """An event item as the business logic hands it over (worker.derive.items)."""
    payload = {"id": id, "deviceId": device, "type": type, "eventTime": time, "positionId": None,
               "geofenceId": None, "maintenanceId": None, "attributes": {}, **fields}  # fmt: skip
    return OutboxItem("event", id, device, time, payload, change, late, replayed)


def write(
    store: SqliteTelemetry, outbox: Outbox, rows: Sequence[PositionRow], seq: int,
    items: Sequence[OutboxItem] | None = None,
) -> None:  # fmt: skip
    """One worker batch: positions, and the outbox statements of ``items`` (by default the
    positions themselves), in one transaction."""
    tx = StatementList()
    outbox.enqueue(tx, position_items(rows) if items is None else items)
    store.write_batch("worker", seq, rows, [], [], lambda c: run_sqlite(c, tx.items))
