"""The worker of the scale-out tier: JetStream in, PostgreSQL out, any number of processes.

The stream is split into P partitions (device id modulo P, in the subject). Each partition has
one durable pull consumer, and each is read by exactly one worker at a time: ownership is a
PostgreSQL session advisory lock, so it passes to another worker the moment its owner's
connection drops (a crash, a kill -9). Workers heartbeat in the ``workers`` table and each aims
to own its share of the P partitions (P // N, one more for the first P mod N by id), releasing
extras so that a new worker gets its share.
Per partition the loop is the embedded one: fetch a batch, decode (worker.pipeline), write rows,
latest, dead letters and the partition's offset in one transaction, then ack every message of
the batch. A worker killed between commit and ack has its batch delivered again; the
idempotent writes make that a no-op: nothing lost, nothing doubled.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import socket
import time
import uuid
from typing import Any

import asyncpg
import nats.errors
from nats.js import JetStreamContext

from fleetwire.config import Settings
from fleetwire.logs import kv
from fleetwire.rawlog import jetstream as rawjs
from fleetwire.store.commands import Commands
from fleetwire.store.db import open_registry
from fleetwire.store.outbox import run_pg
from fleetwire.store.postgres import schema
from fleetwire.store.postgres.stores import PgRegistry, PgTelemetry, connect_pool
from fleetwire.worker import campaigns, outbox_seam
from fleetwire.worker.logic_tier import StreamLogic
from fleetwire.worker.loop import device_options, report_batch
from fleetwire.worker.outbox import loader
from fleetwire.worker.outbox.enqueue import Outbox, position_items
from fleetwire.worker.pipeline import process

log = logging.getLogger("worker")

_LOCK_SPACE = 0x6677  # advisory-lock key space of partition ownership
_ALIVE_S = 10.0  # a worker not seen for this long is gone
_REBALANCE_S = 2.0
_MAINTAIN_S = 3600.0  # partitions ahead / retention, once an hour (and at start)
_MAINTENANCE_LOCK = 0x66770002
_COMMANDS_LOCK = 0x66770003
_BACKOFF_MAX_S = 10.0
_FETCH_WAIT_S = 1.0  # a fetch lingers this long for new frames (per partition task)
_SWEEP_S = 10.0  # status sweep (unknown, inactive) of a partition's devices


class StreamWorker:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.s = settings.rawlog
        self.id = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        # partition -> (its consume task, the event that stops it)
        self.owned: dict[int, tuple[asyncio.Task[None], asyncio.Event]] = {}
        self.stopping = False
        self._uids: dict[int, str] = {}
        self._subs: dict[int, Any] = {}
        self._options = device_options(settings)
        self._info: dict[int, tuple[str | None, str | None, str | None]] = {}
        self.outbox = Outbox(
            settings.outbox, devices=lambda d: self._info.get(d, (None, None, None)),
            partitions=settings.rawlog.partitions,
        )  # fmt: skip
        outbox_seam.install(self.outbox.enqueue, positions=self.outbox.forwards_positions)
        self._rules_loaded = -1e9
        self._rules_lock = asyncio.Lock()

    async def _refresh_rules(self) -> None:
        # the partitions' tasks wait for a load in progress rather than go on without it: a
        # first batch enqueued before the rules are read would never have its notifications
        if time.monotonic() - self._rules_loaded < self.settings.outbox.rules_refresh:
            return
        async with self._rules_lock:
            if time.monotonic() - self._rules_loaded < self.settings.outbox.rules_refresh:
                return  # another partition's task has just loaded them
            pool = self.pool

            async def fetch(q: str) -> list[tuple[Any, ...]]:
                return [tuple(r) for r in await pool.fetch(q)]

            self.outbox.rules = await loader.load(fetch)
            self._info.clear()
            self._rules_loaded = time.monotonic()

    def stop_requested(self) -> bool:
        return self.stopping  # set by a signal handler or a test, from outside this loop

    async def run(self) -> None:
        st = self.settings
        self.nc = await rawjs.connect(self.s, f"fleetwire-worker-{self.id}")
        self.js: JetStreamContext = self.nc.jetstream()
        await rawjs.check_stream(self.js, self.s)
        self.pool = await connect_pool(st.store.url, max_size=min(self.s.partitions, 8) + 2)
        async with self.pool.acquire() as conn:
            await schema.check(conn)
        self.telemetry = PgTelemetry(self.pool)
        self.registry = PgRegistry(self.pool)
        self.commands = Commands(open_registry(st, pool_size=2))
        self.logic = StreamLogic(st, self.pool) if st.worker.logic else None
        self.locks: asyncpg.Connection = await asyncpg.connect(st.store.url)
        log.info(kv("worker_started", id=self.id, partitions=self.s.partitions))
        last_maintenance = -_MAINTAIN_S
        try:
            while not self.stopping:
                if time.monotonic() - last_maintenance > _MAINTAIN_S:
                    last_maintenance = time.monotonic()
                    await self._maintain()
                try:
                    await self._rebalance()
                    await self._housekeeping()
                except Exception as e:  # PostgreSQL away: ownership is unknown, so none
                    log.error(kv("rebalance_failed", error=repr(e)))
                    await self._reconnect_locks()
                for _ in range(int(_REBALANCE_S / 0.1)):
                    if self.stop_requested():
                        break
                    await asyncio.sleep(0.1)
        finally:
            await self._release_all()
            with contextlib.suppress(Exception):
                await self.locks.close()
            with contextlib.suppress(Exception):
                await self.nc.drain()
            with contextlib.suppress(Exception):
                await self.pool.close()
            with contextlib.suppress(Exception):
                await self.commands.engine.dispose()
            log.info(kv("worker_stopped", id=self.id))

    async def _consume(self, k: int, sub: Any, stop: asyncio.Event) -> None:
        """One partition's loop: its own task, so an idle partition never delays a busy one
        and a fetch may wait long enough that a batch is never cut off mid-delivery."""
        backoff = 0.5
        swept = time.monotonic()
        while not stop.is_set():
            try:
                await self._step(k, sub)
                backoff = 0.5
                if self.logic is not None and time.monotonic() - swept >= _SWEEP_S:
                    # the status sweep of this partition's devices, by their only writer: a
                    # sweep beside the batches would race them on the devices' status
                    swept = time.monotonic()
                    await self.logic.sweep(int(time.time() * 1000), (k, self.s.partitions))
            except Exception as e:
                # storage or stream trouble: back off, retry; the batch stays unacked and
                # comes again (idempotent writes make a repeat harmless)
                log.error(kv("worker_batch_failed", partition=k, error=repr(e),
                             retry_in=backoff))  # fmt: skip
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, _BACKOFF_MAX_S)
        # hand-over: finish what was delivered to this worker before letting go of it
        while sub.pending_msgs:
            try:
                await self._step(k, sub)
            except Exception:
                break

    async def _housekeeping(self) -> None:
        """Expire queued commands, fail unanswered ones, roll campaigns on: one worker at a
        time (an advisory lock), every rebalance round."""
        if not await self.locks.fetchval("SELECT pg_try_advisory_lock($1)", _COMMANDS_LOCK):
            return
        try:
            await self.commands.expire()
            timeout_ms = int(self.settings.gateway.command_reply_timeout * 1000)
            await self.commands.fail_unanswered(timeout_ms)
            await campaigns.tick(self.commands)
        finally:
            await self.locks.execute("SELECT pg_advisory_unlock($1)", _COMMANDS_LOCK)

    async def _maintain(self) -> None:
        """Positions partitions ahead and past retention; one worker at a time does it."""
        st = self.settings.store
        try:
            async with self.pool.acquire() as conn:
                if not await conn.fetchval("SELECT pg_try_advisory_lock($1)", _MAINTENANCE_LOCK):
                    return
                try:
                    await schema.ensure_partitions(conn, st.months_ahead)
                    dropped = await schema.drop_expired(conn, st.retention_days)
                finally:
                    await conn.execute("SELECT pg_advisory_unlock($1)", _MAINTENANCE_LOCK)
            if dropped:
                log.info(kv("partitions_dropped", names=",".join(dropped)))
        except Exception as e:
            log.error(kv("maintenance_failed", error=repr(e)))

    # -- partition ownership -------------------------------------------------------------------
    async def _reconnect_locks(self) -> None:
        # a new session holds no locks: everything must be claimed again
        for k in list(self.owned):
            await self._stop_partition(k)
        self.owned.clear()
        with contextlib.suppress(Exception):
            await self.locks.close()
        with contextlib.suppress(Exception):
            self.locks = await asyncpg.connect(self.settings.store.url)

    async def _rebalance(self) -> None:
        await self.locks.execute(
            "INSERT INTO workers (id, seen) VALUES ($1, now()) ON CONFLICT (id)"
            " DO UPDATE SET seen = now()",
            self.id,
        )
        alive = [
            r["id"]
            for r in await self.locks.fetch(
                "SELECT id FROM workers WHERE seen > now() - make_interval(secs => $1) ORDER BY id",
                _ALIVE_S,
            )
        ]
        # shares that add up to P exactly: the first P mod N workers (by id) take one more
        n = max(len(alive), 1)
        rank = alive.index(self.id) if self.id in alive else n - 1
        target = self.s.partitions // n + (1 if rank < self.s.partitions % n else 0)
        while len(self.owned) > target:
            await self._release(max(self.owned))
        for k in range(self.s.partitions):
            if len(self.owned) >= target:
                break
            if k in self.owned:
                continue
            got = await self.locks.fetchval("SELECT pg_try_advisory_lock($1, $2)", _LOCK_SPACE, k)
            if got:
                sub = await self.js.pull_subscribe(
                    f"{self.s.subject_prefix}.raw.{k}.>",
                    durable=rawjs.consumer_name(k),
                    stream=self.s.stream,
                    config=rawjs.consumer_config(self.s, k),
                )
                stop = asyncio.Event()
                self.owned[k] = (asyncio.create_task(self._consume(k, sub, stop)), stop)
                self._subs[k] = sub
                log.info(kv("partition_claimed", worker=self.id, partition=k))

    async def _stop_partition(self, k: int) -> None:
        task, stop = self.owned.pop(k)
        stop.set()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(task, _FETCH_WAIT_S * 4)
        sub = self._subs.pop(k, None)
        if sub is not None:
            with contextlib.suppress(Exception):
                await sub.unsubscribe()
        if self.logic is not None:
            # states of a partition given up: stale once its next owner writes them (their
            # stamps would tell), and only memory until then
            p = self.s.partitions
            self.logic.states.drop(lambda dev: dev % p == k)

    async def _release(self, k: int) -> None:
        await self._stop_partition(k)
        await self.locks.execute("SELECT pg_advisory_unlock($1, $2)", _LOCK_SPACE, k)
        log.info(kv("partition_released", worker=self.id, partition=k))

    async def _release_all(self) -> None:
        for k in list(self.owned):
            with contextlib.suppress(Exception):
                await self._release(k)
        with contextlib.suppress(Exception):
            await self.locks.execute("DELETE FROM workers WHERE id = $1", self.id)

    # -- one batch -----------------------------------------------------------------------------
    async def _unique_ids(self, device_ids: set[int]) -> None:
        missing = device_ids - self._uids.keys()
        missing |= device_ids - self._info.keys()
        if missing:
            for dev in (await self.registry.by_ids(missing)).values():
                self._uids[dev.id] = dev.unique_id
                self._info[dev.id] = (dev.unique_id, dev.name, dev.protocol)

    async def _step(self, k: int, sub: Any) -> bool:
        try:
            msgs = await sub.fetch(self.settings.worker.batch_size, timeout=_FETCH_WAIT_S)
        except (nats.errors.TimeoutError, TimeoutError):
            return False
        if not msgs:
            return False
        t0 = time.perf_counter()
        frames = [rawjs.to_frame(m) for m in msgs]
        await self._unique_ids({f.device_id for f in frames})
        now_ms = int(time.time() * 1000)
        result = process(
            frames, self._uids.get, self._options, int(self.settings.worker.future_skew * 1000),
            now_ms, latest=self.logic is None,
        )  # fmt: skip
        for device_id, text, seq in result.replies:
            # before the batch commits: answer() ignores a frame already attached
            cmd = await self.commands.answer(device_id, text, seq)
            if cmd is not None:
                log.info(kv("command_answered", id=cmd.id, type=cmd.type, result=text[:200]))
        positions, latest = result.positions, list(result.latest.values())
        write: Any = None
        await self._refresh_rules()
        if self.logic is not None:
            positions, latest, write = await self.logic.batch(frames, result, now_ms)
        elif self.outbox.forwards_positions:  # no business logic: positions still go out
            tx = outbox_seam.StatementList()
            self.outbox.enqueue(tx, position_items(positions))

            async def write(conn: Any) -> None:
                await run_pg(conn, tx.items)

        stored = await self.telemetry.write_batch(
            rawjs.consumer_name(k), frames[-1].seq, positions, latest, result.dead, write
        )
        for m in msgs:  # explicit acks (see rawlog.jetstream.consumer_config)
            await m.ack()
        report_batch(result, stored, time.perf_counter() - t0)
        return True


def run(settings: Settings) -> None:
    from fleetwire.gateway.server import run_async
    from fleetwire.worker.loop import lower_priority

    lower_priority(settings.worker.nice)
    worker = StreamWorker(settings)

    async def main() -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, lambda: setattr(worker, "stopping", True))
        await worker.run()

    run_async(main())
