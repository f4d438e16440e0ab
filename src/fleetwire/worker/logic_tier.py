"""The business logic inside the two workers: registry contexts kept fresh, a batch's derived
rows worked out before its transaction (worker.derive through worker.derive_io), and the status
sweep that turns silence into deviceUnknown. One class per tier; the logic itself is shared."""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable, Sequence
from typing import Any

import orjson

from fleetwire import metrics
from fleetwire.config import Settings
from fleetwire.logs import kv
from fleetwire.rawlog.base import RawFrame
from fleetwire.sqlite import connect
from fleetwire.store import derived_sql as q
from fleetwire.store.logic_registry import RegistrySnapshot, load_pg, load_sqlite
from fleetwire.store.telemetry import PositionRow
from fleetwire.worker import derive_io
from fleetwire.worker.derive import (
    Derived,
    collect,
    derive,
    items,
    recompute,
    rejected_row,
    to_fix,
)
from fleetwire.worker.logic import filters, inactivity, status
from fleetwire.worker.logic.contexts import Contexts
from fleetwire.worker.logic.model import Outputs
from fleetwire.worker.pipeline import BatchResult, latest_of
from fleetwire.worker.state_cache import StateCache

log = logging.getLogger("worker")

# every device's status is read this often for deviceInactive (Traccar checks every 15 min);
# the unknown sweep, every call, reads only the devices online
INACTIVITY_SWEEP_S = 60.0


class _Base:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.contexts = Contexts(settings.logic)
        self._loaded = -1e9
        self._pinned = False
        self._skew_ms = int(settings.worker.future_skew * 1000)
        self._inactivity_swept: dict[tuple[int, int] | None, float] = {}  # per partition
        self.inactivity_every = INACTIVITY_SWEEP_S
        # the devices' states as this worker last wrote them (worker/state_cache.py)
        self.states = StateCache(settings.worker.state_cache)

    def _due(self) -> bool:
        if self._pinned:
            return False
        return time.monotonic() - self._loaded >= self.settings.worker.registry_reload

    def pin(self, snapshot: RegistrySnapshot) -> None:
        """Use this registry snapshot from now on instead of reading the registry (tests and
        benchmarks that give geofences and keys directly)."""
        self.contexts.update(snapshot)
        self._pinned = True

    def _loaded_now(self) -> None:
        self._loaded = time.monotonic()
        for e in self.contexts.errors:
            log.warning(kv("geofence_skipped", error=e))
        for e in self.contexts.computed_errors:
            log.warning(kv("computed_attribute_skipped", error=e))

    def finish(self, result: BatchResult, d: Derived) -> tuple[list[PositionRow],
                                                               list[PositionRow]]:  # fmt: skip
        """(positions to insert, latest candidates) once the logic kept what it kept."""
        metrics.LOGIC_REJECTED.inc(len(d.rejected))
        metrics.LOGIC_RECOMPUTES.inc(d.recomputed)
        for rows in d.rows.values():
            metrics.LOGIC_DERIVED.inc(len(rows))
        return d.positions, list(latest_of(d.positions, self._skew_ms).values())

    def prefilter(self, result: BatchResult) -> tuple[list[PositionRow], list[tuple[Any, ...]]]:
        """For a replay: the filters a fix fails on its own (future, invalid...), without the
        ones that need its predecessor. (kept rows, rejected rows)."""
        kept: list[PositionRow] = []
        rejected: list[tuple[Any, ...]] = []
        for row, attrs in zip(result.positions, result.attrs, strict=True):
            reason = filters.check(to_fix(row, attrs), None, self.contexts(row[0]).config)
            if reason is None:
                kept.append(row)
            else:
                rejected.append(rejected_row(row, reason))
        return kept, rejected

    def _statuses(self, partition: tuple[int, int] | None = None) -> str:
        """Which statuses the sweep reads now: every device's when the inactivity check is
        due, else only those online; of one partition's devices when given (k, count)."""
        now = time.monotonic()
        if now - self._inactivity_swept.get(partition, -1e9) < self.inactivity_every:
            return q.ONLINE_STATUSES if partition is None else q.ONLINE_STATUSES_OF
        self._inactivity_swept[partition] = now
        return q.STATUSES if partition is None else q.STATUSES_OF

    def _sweep_rows(self, rows: Sequence[tuple[Any, str]], now_ms: int) -> Derived:
        d = Derived()
        for dev, status_json in rows:
            s = orjson.loads(status_json)
            cfg = self.contexts(int(dev)).config
            out = Outputs()
            unknown = cfg.status_enable and status.sweep(s, int(dev), now_ms, cfg, out)
            if inactivity.check(s, int(dev), now_ms, cfg, out) or unknown:
                collect(out, now_ms, d.rows)
                d.items.extend(items(out.events, "new", late=False))
                d.status_updates.append((orjson.dumps(s).decode(), int(dev)))
        return d


def replay_targets(
    old: set[tuple[int, int, int]], positions: Sequence[PositionRow]
) -> list[tuple[int, int]]:
    """(device, earliest fix time) over the records a replay batch removes and adds."""
    first: dict[int, int] = {}
    for dev, t, _ in old:
        first[dev] = min(first.get(dev, t), t)
    for row in positions:
        first[row[0]] = min(first.get(row[0], row[2]), row[2])
    return sorted(first.items())


class EmbeddedLogic(_Base):
    """SQLite tier: reads through the telemetry store's connection, before its transaction."""

    def __init__(self, settings: Settings, conn: sqlite3.Connection) -> None:
        super().__init__(settings)
        self.conn = conn

    def refresh(self) -> None:
        if not self._due():
            return
        reg = connect(self.settings.registry_path, readonly=True)
        try:
            self.contexts.update(load_sqlite(reg))
        finally:
            reg.close()
        self._loaded_now()

    def batch(self, frames: Sequence[RawFrame], result: BatchResult, now_ms: int) -> tuple[
        list[PositionRow], list[PositionRow], Callable[[sqlite3.Connection], None]]:  # fmt: skip
        self.refresh()
        gen = derive(result.positions, result.attrs, frames, self.contexts, now_ms=now_ms)
        d = derive_io.drive_sqlite(self.conn, gen, self.states)
        positions, latest = self.finish(result, d)
        return positions, latest, lambda c: derive_io.write_sqlite(c, d)

    def replay_writer(
        self, targets: Sequence[tuple[int, int]], rejected: Sequence[tuple[Any, ...]]
    ) -> Callable[[sqlite3.Connection], None]:
        """What a replay batch runs in its transaction once the frames' records are swapped:
        each (device, earliest fix time touched) recomputed from the stored positions."""
        self.refresh()

        def write(c: sqlite3.Connection) -> None:
            d = derive_io.drive_sqlite(c, recompute(targets, self.contexts))
            d.rejected.extend(rejected)
            derive_io.write_sqlite(c, d)

        return write

    def sweep(self, now_ms: int) -> int:
        """deviceUnknown for devices silent past `status.timeout`, deviceInactive for those
        silent past `deviceInactivityStart`; returns how many devices changed."""
        rows = self.conn.execute(self._statuses()).fetchall()
        d = self._sweep_rows(rows, now_ms)
        if not d.status_updates:
            return 0
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            derive_io.write_sqlite(c, d)
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise
        return len(d.status_updates)


class StreamLogic(_Base):
    """PostgreSQL tier: the same, async, on a pool connection."""

    def __init__(self, settings: Settings, pool: Any) -> None:
        super().__init__(settings)
        self.pool = pool

    async def refresh(self) -> None:
        if not self._due():
            return
        async with self.pool.acquire() as conn:
            self.contexts.update(await load_pg(conn))
        self._loaded_now()

    async def batch(self, frames: Sequence[RawFrame], result: BatchResult, now_ms: int) -> tuple[
        list[PositionRow], list[PositionRow], Callable[[Any], Any]]:  # fmt: skip
        await self.refresh()
        gen = derive(result.positions, result.attrs, frames, self.contexts, now_ms=now_ms)
        async with self.pool.acquire() as conn:
            d = await derive_io.drive_pg(conn, gen, self.states)
        positions, latest = self.finish(result, d)

        async def write(conn: Any) -> None:
            await derive_io.write_pg(conn, d)

        return positions, latest, write

    async def replay_writer(
        self, targets: Sequence[tuple[int, int]], rejected: Sequence[tuple[Any, ...]]
    ) -> Callable[[Any], Any]:
        await self.refresh()

        async def write(conn: Any) -> None:
            d = await derive_io.drive_pg(conn, recompute(targets, self.contexts))
            d.rejected.extend(rejected)
            await derive_io.write_pg(conn, d)

        return write

    async def sweep(self, now_ms: int, partition: tuple[int, int] | None = None) -> int:
        """As the embedded sweep; with ``partition`` (k, count) only that partition's devices,
        so that the worker owning the partition is the only writer of their status."""
        args = () if partition is None else (partition[1], partition[0])
        async with self.pool.acquire() as conn:
            rows = await conn.fetch(q.numbered(self._statuses(partition)), *args)
            d = self._sweep_rows([(r["device_id"], r["status"]) for r in rows], now_ms)
            if d.status_updates:
                async with conn.transaction():
                    await derive_io.write_pg(conn, d)
        return len(d.status_updates)
