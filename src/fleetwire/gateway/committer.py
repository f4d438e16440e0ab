"""Group commit: the thread that makes frames durable and tells the event loop when.

Connections submit Pending items from the event loop; this thread takes everything queued, resolves
unknown devices against the registry (one transaction for a whole login storm), appends all frames
in one raw-log transaction, then hands the batch back to the loop in a single call. The ACK of a
frame is written only from that callback, so no ACK ever precedes durability. While one commit
(fsync) runs, the next batch accumulates: throughput does not hang on one fsync per frame.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from fleetwire import metrics
from fleetwire.gateway.rawlog_health import RawLogHealth
from fleetwire.gateway.worker_lag import WorkerLag
from fleetwire.logs import kv
from fleetwire.rawlog.base import RawEntry
from fleetwire.rawlog.sqlite import SqliteRawLogWriter
from fleetwire.store.registry import SqliteRegistry

log = logging.getLogger("gateway")


class Owner(Protocol):
    """Who gets told when a Pending item is settled (a TCP connection or a UDP endpoint)."""

    def settled(self, item: Pending, device_id: int | None, ok: bool) -> None: ...


class Pending:
    __slots__ = (
        "ack",
        "addr",
        "connection",
        "context",
        "data",
        "device_id",
        "owner",
        "peer",
        "protocol",
        "received_us",
        "records",
        "reject",
        "t0",
        "transport",
        "unique_id",
    )  # fmt: skip

    def __init__(
        self,
        owner: Owner,
        unique_id: str,
        device_id: int | None,
        protocol: str,
        transport: str,
        received_us: int,
        connection: int,
        peer: str,
        data: bytes,
        ack: bytes,
        reject: bytes,
        records: int,
        addr: object = None,
        context: bytes = b"",
    ) -> None:
        self.owner = owner
        self.unique_id = unique_id
        self.device_id = device_id
        self.protocol = protocol
        self.transport = transport
        self.received_us = received_us
        self.connection = connection
        self.peer = peer
        self.data = data
        self.ack = ack
        self.reject = reject
        self.records = records
        self.addr = addr
        self.context = context
        self.t0 = time.perf_counter()


Rejected = tuple[
    int, str, int, str, str, bytes
]  # received_us, protocol, connection, peer, reason, data
_STOP = object()
_FLUSH_RETRY_S = 1.0


class Committer:
    def __init__(
        self,
        loop: asyncio.AbstractEventLoop,
        rawlog_path: Path,
        registry_path: Path,
        *,
        synchronous: str = "full",
        register_unknown: bool = True,
        max_batch: int = 10000,
        retention_s: float = 90 * 86400,
        linger_s: float = 0.0,
        worker_lag: WorkerLag | None = None,
        interval_s: float = 0.0,
    ) -> None:
        self._loop = loop
        self._rawlog_path = rawlog_path
        self._registry_path = registry_path
        self._synchronous = synchronous
        self._register = register_unknown
        self._max_batch = max_batch
        self._linger_s = linger_s
        self._interval_s = interval_s
        self._retention_s = retention_s
        self._worker_lag = worker_lag
        self._head = 0  # the raw log's last sequence number, for the worker's lag
        self._q: queue.SimpleQueue[object] = queue.SimpleQueue()
        self.devices: dict[str, int] = {}  # unique id -> device id; read by the loop, written here
        self.backlog = 0  # items submitted and not yet settled (touched only on the loop)
        self.health = RawLogHealth("sqlite")
        self._thread = threading.Thread(target=self._run, name="raw-log-committer", daemon=True)
        self._waiters: list[asyncio.Future[None]] = []
        # benchmark only: decode and store in the gateway before the ACK, as servers without a
        # raw log do, to measure what moving decoding out of the socket tier saves
        self.inline: Callable[[list[RawEntry], int], None] | None = None

    def start(self) -> None:
        self._thread.start()

    async def open(self) -> None:
        self.start()

    async def close(self) -> None:
        await asyncio.to_thread(self.stop)

    def submit(self, item: Pending) -> None:
        self.backlog += 1
        self._q.put(item)

    def submit_rejected(self, row: Rejected) -> None:
        self._q.put(row)

    async def drain(self) -> None:
        """Wait until everything submitted so far is settled."""
        if self.backlog == 0:
            return
        fut = self._loop.create_future()
        self._waiters.append(fut)
        await fut

    def stop(self) -> None:
        self._q.put(_STOP)
        self._thread.join(timeout=30)

    # -- the thread ----------------------------------------------------------------------------
    def _run(self) -> None:
        writer = SqliteRawLogWriter(self._rawlog_path, self._synchronous)
        registry = SqliteRegistry(self._registry_path)
        latency = metrics.HistogramTally(metrics.APPEND_SECONDS)
        sizes = metrics.HistogramTally(metrics.APPEND_BATCH)
        last_expire = 0.0
        started = -self._interval_s
        stopping = False
        while not stopping:
            # A commit (a SQLite transaction and an fsync) costs some 250 us of CPU whether it
            # holds one frame or a hundred. Commits start at least the interval apart, which
            # caps them (100 a second at 10 ms) so that a busy gateway puts many frames in each;
            # a frame reaching an idle committer waits only the linger for company. Both waits
            # are sleeps: frames queued meanwhile wake no one, where a thread waiting on the
            # queue is woken by every put (a futex call on both threads per frame).
            pause = started + self._interval_s - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            try:
                first = self._q.get_nowait()
            except queue.Empty:
                latency.flush()  # idle: nothing waits behind it, and the figures stay current
                sizes.flush()
                first = self._q.get()
                if self._linger_s > 0 and first is not _STOP:
                    time.sleep(self._linger_s)
            if first is _STOP:
                break
            if self._worker_lag is not None and not self._head:
                self._head = writer.head()
            started = time.monotonic()
            batch = [first]
            while len(batch) < self._max_batch:
                try:
                    nxt = self._q.get_nowait()
                except queue.Empty:
                    break
                if nxt is _STOP:
                    stopping = True
                    break
                batch.append(nxt)
            items = [b for b in batch if isinstance(b, Pending)]
            rejected = [b for b in batch if isinstance(b, tuple)]
            if self._worker_lag is not None and items:
                # before the commit: frames waiting here are not durable and not ACKed yet
                self._worker_lag.hold(self._head, len(items))
            self._commit(writer, registry, items, rejected, latency, sizes)
            now = time.monotonic()
            latency.flush_due(now)
            sizes.flush_due(now)
            if now - last_expire > 3600:
                last_expire = now
                try:
                    writer.expire(self._retention_s)
                except Exception:
                    log.exception(kv("rawlog_expire_failed"))
        latency.flush()
        sizes.flush()
        writer.close()
        registry.close()

    def _commit(
        self,
        writer: SqliteRawLogWriter,
        registry: SqliteRegistry,
        items: list[Pending],
        rejected: list[Rejected],
        latency: metrics.HistogramTally,
        sizes: metrics.HistogramTally,
    ) -> None:
        results: list[int | None] = []
        ok = True
        try:
            unknown = {
                (i.unique_id, i.protocol)
                for i in items
                if i.device_id is None and i.unique_id not in self.devices
            }
            if unknown:
                for uid, dev in registry.resolve(unknown, self._register).items():
                    if dev is not None:
                        self.devices[uid] = dev.id
            entries: list[RawEntry] = []
            for i in items:
                dev_id = i.device_id if i.device_id is not None else self.devices.get(i.unique_id)
                results.append(dev_id)
                if dev_id is not None:
                    entries.append(
                        RawEntry(dev_id, i.protocol, i.transport, i.received_us, i.connection,
                                 i.peer, i.data, i.context)
                    )  # fmt: skip
            if entries or rejected:
                last = writer.append(entries, rejected)
                self._head = last or self._head
                if self.inline is not None and entries:
                    self.inline(entries, last)
            self.health.succeeded()
        except Exception as e:
            # Nothing of this batch is durable: no ACK goes out, devices keep their data and
            # resend. Back off a little so a full disk does not become a busy loop; the next
            # batch (the devices' resends) tries again, so space coming back is noticed within
            # a second, with no one to tell the gateway.
            ok = False
            self.health.failed(e, len(items))
            time.sleep(_FLUSH_RETRY_S)
        done = time.perf_counter()
        if items:
            sizes.observe(len(items))
            for i in items:
                latency.observe(done - i.t0)
            self._loop.call_soon_threadsafe(self._settle, items, results, ok)

    # -- back on the loop ----------------------------------------------------------------------
    def _settle(self, items: list[Pending], results: list[int | None], ok: bool) -> None:
        for item, dev_id in zip(items, results, strict=False) if ok else ((i, None) for i in items):
            try:
                item.owner.settled(item, dev_id, ok)
            except Exception:  # one broken owner must not stop the others' ACKs
                log.exception(kv("settle_failed", peer=item.peer))
        self.backlog -= len(items)
        if self.backlog == 0 and self._waiters:
            waiters, self._waiters = self._waiters, []
            for w in waiters:
                if not w.done():
                    w.set_result(None)


Settle = Callable[[Pending, int | None, bool], None]
