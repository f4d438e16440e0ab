"""The gateway's raw-log sink on NATS JetStream (the scale-out tier's Committer).

Each frame is published asynchronously (many in flight on one connection, so throughput is not
one round trip per frame) and its ACK to the device is released only when JetStream has
acknowledged the publish, i.e. stored (and replicated, per the stream's settings) the frame.
Devices are identified against the PostgreSQL registry through a cache; unknown ones are looked
up in batches, so a login storm becomes a few queries, not one per device.

Outages: a publish that JetStream has not acknowledged within ``publish_timeout`` fails its
frame (no ACK; the device keeps the data and resends); the NATS client reconnects by itself. A
registry outage blocks only devices not yet in the cache. Nothing is ACKed that is not stored.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

from nats.aio.client import Client as NATS
from nats.js import JetStreamContext
from nats.js.errors import APIError

from fleetwire import metrics
from fleetwire.config import Settings
from fleetwire.gateway.committer import Pending, Rejected
from fleetwire.gateway.rawlog_health import RawLogHealth
from fleetwire.logs import kv
from fleetwire.rawlog import jetstream as rawjs
from fleetwire.store.postgres import schema
from fleetwire.store.postgres.stores import PgRegistry, connect_pool

log = logging.getLogger("gateway")


class JetStreamCommitter:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.s = settings.rawlog
        self.devices: dict[str, int] = {}
        self.backlog = 0
        self.health = RawLogHealth("jetstream")
        self._refusal: tuple[float, APIError | None] = (0.0, None)  # JetStream's last refusal
        self._error_logged = -60.0
        self._waiting: dict[str, list[Pending]] = {}
        self._wake = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self._inflight: set[asyncio.Task[None]] = set()
        self._drained = asyncio.Event()
        self._drained.set()
        self.nc: NATS | None = None
        self.js: JetStreamContext | None = None
        self.registry: PgRegistry | None = None

    async def open(self) -> None:
        self.nc = await rawjs.connect(self.s, "fleetwire-gateway", self._async_error)
        self.js = self.nc.jetstream(publish_async_max_pending=65536)
        await rawjs.check_stream(self.js, self.s)
        pool = await connect_pool(self.settings.store.url, max_size=4)
        async with pool.acquire() as conn:
            await schema.check(conn)
        self.registry = PgRegistry(pool)
        self._tasks.append(asyncio.create_task(self._resolver()))

    async def close(self) -> None:
        for t in self._tasks:
            t.cancel()
        if self.nc is not None:
            with contextlib.suppress(Exception):
                await self.nc.drain()
        if self.registry is not None:
            await self.registry.pool.close()

    # -- the Committer interface ---------------------------------------------------------------
    def submit(self, item: Pending) -> None:
        self.backlog += 1
        self._drained.clear()
        dev = item.device_id if item.device_id is not None else self.devices.get(item.unique_id)
        if dev is not None:
            self._publish(item, dev)
        else:
            self._waiting.setdefault(item.unique_id, []).append(item)
            self._wake.set()

    def submit_rejected(self, row: Rejected) -> None:
        received_us, protocol, connection, peer, reason, data = row
        if self.nc is None or not self.nc.is_connected:
            return  # evidence is best effort; the log line already has the hex
        hdr = rawjs.headers(protocol, "tcp", received_us, connection, peer)
        hdr["reason"] = reason
        task = asyncio.ensure_future(
            self.nc.publish(rawjs.rejected_subject(self.s, protocol), data, headers=hdr)
        )
        task.add_done_callback(lambda t: t.cancelled() or t.exception())

    async def drain(self) -> None:
        deadline = time.monotonic() + self.s.publish_timeout + 5
        while self.backlog and time.monotonic() < deadline:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._drained.wait(), 0.5)

    # -- publishing ----------------------------------------------------------------------------
    def _publish(self, item: Pending, device_id: int) -> None:
        task = asyncio.ensure_future(self._publish_one(item, device_id))
        self._inflight.add(task)
        task.add_done_callback(self._inflight.discard)

    async def _publish_one(self, item: Pending, device_id: int) -> None:
        ok = False
        assert self.js is not None
        try:
            fut = await self.js.publish_async(
                rawjs.raw_subject(self.s, device_id), item.data,
                headers=rawjs.headers(item.protocol, item.transport, item.received_us,
                                      item.connection, item.peer, item.context),
                wait_stall=self.s.publish_timeout,
            )  # fmt: skip
            await asyncio.wait_for(fut, self.s.publish_timeout)
            ok = True
            self.health.succeeded()
        except Exception as e:  # stalled, timed out, disconnected, out of storage: no ACK,
            self.health.failed(self._why(e), 1)  # the device resends
        self._settle(item, device_id if ok else None, ok)

    async def _async_error(self, e: Exception) -> None:
        """The NATS client's asynchronous errors. JetStream's refusal of an asynchronous publish
        (503 insufficient resources: out of storage) arrives here and never reaches the
        publish's future (nats-io/nats.py#985): the publish then times out, and _why() names
        the refusal. Logged at most once a minute: a refusal per frame must not flood the log."""
        now = time.monotonic()
        if isinstance(e, APIError):
            self._refusal = (now, e)
            return
        if now - self._error_logged >= 60.0:
            self._error_logged = now
            log.warning(kv("nats_error", error=repr(e)[:300]))

    def _why(self, e: BaseException) -> BaseException:
        """A publish that timed out right after JetStream refused publishes failed for that."""
        at, refusal = self._refusal
        recent = time.monotonic() - at <= self.s.publish_timeout + 1.0
        if isinstance(e, TimeoutError) and refusal is not None and recent:
            return refusal
        return e

    def _settle(self, item: Pending, device_id: int | None, ok: bool) -> None:
        if ok:
            metrics.APPEND_SECONDS.observe(time.perf_counter() - item.t0)
        try:
            item.owner.settled(item, device_id, ok)
        except Exception:
            log.exception(kv("settle_failed", peer=item.peer))
        self.backlog -= 1
        if self.backlog == 0:
            self._drained.set()

    # -- identification ------------------------------------------------------------------------
    async def _resolver(self) -> None:
        """Resolve every waiting unique id in one registry round trip, then publish."""
        register = self.settings.gateway.register_unknown
        while True:
            await self._wake.wait()
            self._wake.clear()
            waiting, self._waiting = self._waiting, {}
            if not waiting:
                continue
            assert self.registry is not None
            pairs = [(uid, items[0].protocol) for uid, items in waiting.items()]
            try:
                found = await self.registry.resolve(pairs, register)
            except Exception as e:
                log.error(kv("registry_unavailable", error=repr(e), devices=len(pairs)))
                for items in waiting.values():
                    for item in items:
                        self._settle(item, None, False)
                await asyncio.sleep(0.5)
                continue
            for uid, items in waiting.items():
                dev = found.get(uid)
                if dev is not None:
                    self.devices[uid] = dev.id
                    for item in items:
                        self._publish(item, dev.id)
                else:
                    for item in items:  # refused: unknown (registration off) or disabled
                        self._settle(item, None, True)
