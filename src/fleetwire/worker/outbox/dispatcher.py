"""Delivery after commit: one loop per forwarding sink and one per notification channel.

A forwarding sink reads its rows strictly in order past its cursor (per partition), delivers a
batch, then moves the cursor: a crash in between delivers those messages again, with the same
ids. A failure holds the sink on that message with exponential back-off, which keeps the order
per device; a message the receiver refuses ``max_attempts`` times becomes dead and the cursor
passes it. Notifications carry their own state: each is retried on its own schedule and is dead
after ``max_attempts`` failures of any kind; a failing one never holds up the others.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable

from fleetwire import metrics
from fleetwire.config import OutboxSettings
from fleetwire.logs import kv
from fleetwire.store import outbox as sql
from fleetwire.store.outbox import Message, OutboxStore
from fleetwire.worker.outbox.delivery import DeliveryError, Sink

log = logging.getLogger("outbox")


def backoff(s: OutboxSettings, attempts: int) -> float:
    """Seconds before attempt ``attempts + 1``: doubling from backoff_initial, capped."""
    return float(min(s.backoff_initial * 2 ** max(attempts - 1, 0), s.backoff_max))


def _ms(clock: Callable[[], float]) -> int:
    return int(clock() * 1000)


class ForwardDispatcher:
    def __init__(
        self, name: str, sink: Sink, store: OutboxStore, s: OutboxSettings, partitions: int = 1,
        clock: Callable[[], float] = time.time,
    ) -> None:  # fmt: skip
        self.name = name
        self.sink = sink
        self.store = store
        self.s = s
        self.partitions = partitions
        self.clock = clock
        self._failures = [0] * partitions  # consecutive failures per partition
        self._retry_at = [0.0] * partitions

    async def round(self) -> int:
        """One pass over the partitions; returns the number of messages delivered."""
        done = 0
        for part in range(self.partitions):
            if time.monotonic() < self._retry_at[part]:
                continue
            done += await self._part(part)
        return done

    async def _part(self, part: int) -> int:
        cursor = await self.store.cursor(self.name, part)
        batch = await self.store.after(self.name, part, cursor, self.s.batch)
        if not batch:
            return 0
        try:
            await self.sink.deliver(batch)
        except DeliveryError as e:
            if e.index:
                await self.store.advance(self.name, part, batch[e.index - 1].seq)
                metrics.OUTBOX_DELIVERED.labels(self.name).inc(e.index)
            head = batch[e.index]
            attempts = head.attempts + 1
            metrics.OUTBOX_FAILURES.labels(
                self.name, "refused" if e.refused else "unreachable"
            ).inc()
            now = _ms(self.clock)
            if e.refused and attempts >= self.s.max_attempts:
                await self.store.mark(head.seq, sql.DEAD, attempts, 0, e.reason, now)
                await self.store.advance(self.name, part, head.seq)
                metrics.OUTBOX_DEAD.labels(self.name).inc()
                log.error(kv("outbox_dead", sink=self.name, id=head.id, device=head.device_id,
                             attempts=attempts, error=e.reason))  # fmt: skip
                self._failures[part] = 0
                return e.index
            await self.store.mark(head.seq, head.status, attempts, 0, e.reason, now)
            self._failures[part] += 1
            wait = backoff(self.s, self._failures[part])
            self._retry_at[part] = time.monotonic() + wait
            log.warning(kv("outbox_retry", sink=self.name, id=head.id, attempts=attempts,
                           retry_in=round(wait, 2), error=e.reason))  # fmt: skip
            return e.index
        await self.store.advance(self.name, part, batch[-1].seq)
        metrics.OUTBOX_DELIVERED.labels(self.name).inc(len(batch))
        self._failures[part] = 0
        return len(batch)

    async def depth(self) -> int:
        return await self.store.depth(self.name, self.partitions)

    async def purge(self) -> None:
        before = _ms(self.clock) - int(self.s.keep_delivered * 1000)
        for part in range(self.partitions):
            cur = await self.store.cursor(self.name, part)
            await self.store.purge(self.name, part, cur, before)


class NotifyDispatcher:
    def __init__(
        self, channel: str, sink: Sink, store: OutboxStore, s: OutboxSettings,
        clock: Callable[[], float] = time.time,
    ) -> None:  # fmt: skip
        self.name = f"notify:{channel}"
        self.sink = sink
        self.store = store
        self.s = s
        self.clock = clock
        self.concurrency = 16

    async def round(self) -> int:
        now = _ms(self.clock)
        await self.store.release_held(self.name, now)
        due = await self.store.due(self.name, now, self.s.batch)
        if not due:
            return 0
        gate = asyncio.Semaphore(self.concurrency)
        failed: dict[int, DeliveryError] = {}

        async def one(m: Message) -> None:
            async with gate:
                try:
                    await self.sink.deliver([m])
                except DeliveryError as e:
                    failed[m.seq] = e

        # no order among notifications: each goes on its own, a slow one holds up no other
        await asyncio.gather(*(one(m) for m in due))
        now = _ms(self.clock)
        marks: list[tuple[int, str, int, int, str | None]] = []
        for m in due:
            attempts = m.attempts + 1
            e = failed.get(m.seq)
            if e is None:
                marks.append((m.seq, sql.SENT, attempts, 0, None))
                continue
            reason = "refused" if e.refused else "unreachable"
            metrics.OUTBOX_FAILURES.labels(self.name, reason).inc()
            if attempts >= self.s.max_attempts:
                marks.append((m.seq, sql.DEAD, attempts, 0, e.reason))
                metrics.OUTBOX_DEAD.labels(self.name).inc()
                log.error(kv("notification_dead", channel=self.name, id=m.id, user=m.user_id,
                             attempts=attempts, error=e.reason))  # fmt: skip
            else:
                retry = now + int(backoff(self.s, attempts) * 1000)
                marks.append((m.seq, sql.FAILED, attempts, retry, e.reason))
        await self.store.mark_many(marks, now)
        done = len(due) - len(failed)
        metrics.OUTBOX_DELIVERED.labels(self.name).inc(done)
        return done

    async def depth(self) -> int:
        return await self.store.pending_count(self.name)

    async def purge(self) -> None:
        await self.store.purge_done(self.name, _ms(self.clock) - int(self.s.keep_delivered * 1000))


Dispatcher = ForwardDispatcher | NotifyDispatcher


async def run_loop(d: Dispatcher, s: OutboxSettings, stop: asyncio.Event) -> None:
    """Deliver until ``stop``; storage trouble backs off, never ends the loop."""
    idle = s.poll_interval
    last_depth = 0.0
    last_purge = time.monotonic()
    while not stop.is_set():
        try:
            n = await d.round()
            now = time.monotonic()
            if now - last_depth >= 5.0:  # a count over the backlog: not every round
                last_depth = now
                metrics.OUTBOX_DEPTH.labels(d.name).set(await d.depth())
            if now - last_purge >= 60.0:
                last_purge = now
                await d.purge()
        except Exception as e:
            log.error(kv("outbox_round_failed", sink=d.name, error=repr(e)))
            n = 0
            idle = min(max(idle, 0.5) * 2, 10.0)
        else:
            idle = s.poll_interval if n else min(idle * 1.5, max(s.poll_interval, 1.0))
        if n == 0:
            with contextlib.suppress(TimeoutError):  # the usual way out: time for a look
                await asyncio.wait_for(stop.wait(), idle)
