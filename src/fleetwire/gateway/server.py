"""The gateway process: listeners per protocol, the committer, idle sweeps, metrics, shutdown.

Stopping (SIGINT/SIGTERM): stop accepting, stop reading, wait until every frame received so far is
durable and its ACK written, then close. Nothing ACKed is lost and nothing received is left
un-appended.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import itertools
import logging
import resource
import secrets
import signal
from collections import Counter
from collections.abc import Callable, Coroutine
from typing import Any

from fleetwire.config import Settings
from fleetwire.gateway.autodetect import DetectingConnection
from fleetwire.gateway.committer import Committer
from fleetwire.gateway.connection import DeviceConnection
from fleetwire.gateway.downlink import Dispatcher
from fleetwire.gateway.jetstream import JetStreamCommitter
from fleetwire.gateway.ports import listening as listening_ports
from fleetwire.gateway.proxied import ProxiedConnection
from fleetwire.gateway.routing import Router
from fleetwire.gateway.udp import DatagramEndpoint
from fleetwire.gateway.worker_lag import WorkerLag, offset_reader
from fleetwire.logs import Throttle, kv
from fleetwire.metrics import CONNECTIONS, Tally
from fleetwire.protocols import all_protocols
from fleetwire.protocols.base import Transport
from fleetwire.store.commands import Commands
from fleetwire.store.db import open_registry
from fleetwire.store.migrate import migrate_embedded

log = logging.getLogger("gateway")

# descriptors kept free of device connections: listeners, the raw log, NATS, the registry, logs
_FD_RESERVE = 200


def raise_open_files_limit() -> int:
    """Raise the soft open-file limit to the hard one; return the new soft limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY:
        hard = 1_048_576
    if soft != hard:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


class Gateway:
    def __init__(self, settings: Settings, *, reuse_port: bool = False) -> None:
        self.settings = settings
        self.loop = asyncio.get_running_loop()
        gs = settings.gateway
        self.max_unacked = gs.max_unacked_frames
        self.max_bad_frames = gs.max_bad_frames
        self.reuse_port = reuse_port
        self.tally = Tally()
        self.throttle = Throttle()  # every log line a remote peer can provoke goes through it
        self.connections: set[DeviceConnection] = set()
        # connections not yet identified, per source address (see opened())
        self.unidentified: Counter[str] = Counter()
        self.max_connections = gs.max_connections  # set from the open-file limit at start()
        self._ids = itertools.count(1)
        # connection ids unique across restarts and across the processes of one host: a random
        # 31-bit prefix per process (the start second alone repeated between --processes
        # gateways started together), then a 32-bit counter; fits a signed 64-bit column
        self._boot = secrets.randbits(31) << 32
        self.committer: Committer | JetStreamCommitter
        if settings.rawlog.jetstream:
            self.committer = JetStreamCommitter(settings)
        else:
            from fleetwire.worker.loop import CONSUMER

            lag = None
            if gs.max_worker_lag > 0 and not gs.inline_decode:
                lag = WorkerLag(offset_reader(settings.telemetry_path, CONSUMER), gs.max_worker_lag)
            self.committer = Committer(
                self.loop,
                settings.rawlog_path,
                settings.registry_path,
                synchronous=settings.rawlog.synchronous,
                register_unknown=gs.register_unknown,
                max_batch=gs.commit_batch,
                retention_s=settings.rawlog.retention_days * 86400,
                linger_s=gs.commit_linger,
                worker_lag=lag,
                interval_s=gs.commit_interval,
            )
            if gs.inline_decode:
                from fleetwire.gateway.inline import InlineDecoder

                self.committer.inline = InlineDecoder(
                    settings.telemetry_path, settings.registry_path
                )
        # the engine connects on first use, on the gateway's loop
        self.dispatcher = Dispatcher(
            Commands(open_registry(settings, pool_size=2)), gs.command_poll,
            gs.command_reply_timeout,
        )  # fmt: skip
        self.router: Router | None = None
        self._servers: list[asyncio.Server] = []
        self._endpoints: list[asyncio.DatagramTransport] = []
        self._tasks: list[asyncio.Task[None]] = []
        self.ports: dict[tuple[str, str], int] = {}  # (protocol, transport) -> bound port

    def next_connection_id(self) -> int:
        return self._boot + next(self._ids)

    def attach(self, device_id: int, conn: DeviceConnection) -> None:
        """A connection identified its device: route its downlinks here."""
        self.dispatcher.attach(device_id, conn)
        if self.router is not None:
            self.router.attach(device_id, conn)

    def detach(self, device_id: int | None, conn: DeviceConnection) -> None:
        self.dispatcher.detach(device_id, conn)
        if self.router is not None:
            self.router.detach(device_id, conn)

    def opened(self, conn: DeviceConnection) -> None:
        """A new connection: refused at once (and counted) past the connection cap, which sits
        below the open-file limit so that accept() never fails for want of descriptors, or past
        the per-address cap on connections that have not identified themselves yet."""
        gs = self.settings.gateway
        address = conn.peer.rsplit(":", 1)[0]
        if len(self.connections) >= self.max_connections:
            self._refuse(conn, "capacity")
            return
        if 0 < gs.max_unidentified_per_address <= self.unidentified[address]:
            self._refuse(conn, "unidentified_per_address")
            return
        self.connections.add(conn)
        self.unidentified[address] += 1
        conn.unidentified_counted = True

    def _refuse(self, conn: DeviceConnection, reason: str) -> None:
        conn.closing = True
        self.tally.closed[conn.name, reason] += 1  # fleetwire_connections_closed{reason}
        if self.throttle.allow():
            log.warning(kv("connection_refused", protocol=conn.name, peer=conn.peer,
                           reason=reason, connections=len(self.connections)))  # fmt: skip
        if conn.transport is not None:
            conn.transport.abort()

    def identified(self, conn: DeviceConnection) -> None:
        if conn.unidentified_counted:
            conn.unidentified_counted = False
            self._uncount(conn)

    def _uncount(self, conn: DeviceConnection) -> None:
        address = conn.peer.rsplit(":", 1)[0]
        left = self.unidentified[address] - 1
        if left > 0:
            self.unidentified[address] = left
        else:
            del self.unidentified[address]

    def closed(self, conn: DeviceConnection) -> None:
        self.connections.discard(conn)
        self.identified(conn)

    async def start(self) -> None:
        listening_ports(self.settings)  # two protocols on one port: refused, naming both, first
        limit = raise_open_files_limit()
        capacity = max(limit - _FD_RESERVE, 0)
        if not self.max_connections or self.max_connections > capacity:
            self.max_connections = capacity
        log.info(kv("open_files_limit", limit=limit, connections_capacity=self.max_connections))
        if not self.settings.store.postgres:  # PostgreSQL: the committer checks the schema
            await asyncio.to_thread(migrate_embedded, self.settings)
        await self.committer.open()
        if isinstance(self.committer, JetStreamCommitter) and self.committer.nc is not None:
            self.router = Router(self.committer.nc, self.settings.rawlog)
            await self.router.open()
        host = self.settings.gateway.host
        for proto in all_protocols():
            ps = self.settings.protocol(proto.name)
            if not ps.enabled:
                continue
            port = ps.port if ps.port is not None else proto.default_port
            if Transport.TCP in proto.transports:
                server = await self.loop.create_server(
                    self._factory(functools.partial(DeviceConnection, self, proto)),
                    host, port, backlog=4096, reuse_port=self.reuse_port or None,
                )  # fmt: skip
                self._servers.append(server)
                self.ports[proto.name, "tcp"] = server.sockets[0].getsockname()[1]
            if Transport.UDP in proto.transports and ps.udp:
                transport, _ = await self.loop.create_datagram_endpoint(
                    lambda p=proto: DatagramEndpoint(self, p),  # type: ignore[misc]
                    local_addr=(host, port), reuse_port=self.reuse_port or None,
                )  # fmt: skip
                self._endpoints.append(transport)
                self.ports[proto.name, "udp"] = transport.get_extra_info("sockname")[1]
        if self.settings.gateway.auto_port_enabled:
            candidates = [
                p for p in all_protocols()
                if Transport.TCP in p.transports and p.auto_port
                and self.settings.protocol(p.name).enabled
            ]  # fmt: skip
            timeout = min(self.settings.gateway.idle_timeout, 60.0)
            server = await self.loop.create_server(
                self._factory(lambda: DetectingConnection(self, candidates, timeout)),
                host, self.settings.gateway.auto_port, backlog=4096,
                reuse_port=self.reuse_port or None,
            )  # fmt: skip
            self._servers.append(server)
            self.ports["auto", "tcp"] = server.sockets[0].getsockname()[1]
        listening = " ".join(f"{n}/{t}={p}" for (n, t), p in sorted(self.ports.items()))
        log.info(kv("gateway_listening", host=host, ports=listening))
        self._tasks.append(asyncio.create_task(self._sweep()))
        self._tasks.append(asyncio.create_task(self._flush_metrics()))
        self._tasks.append(asyncio.create_task(self.dispatcher.run()))

    def _factory(self, make: Callable[[], asyncio.Protocol]) -> Callable[[], asyncio.Protocol]:
        """Behind a PROXY-protocol balancer every connection first reads the header."""
        if not self.settings.gateway.proxy_protocol:
            return make
        timeout = min(self.settings.gateway.idle_timeout, 30.0)
        return lambda: ProxiedConnection(self, make, timeout)

    async def _sweep(self) -> None:
        """Close connections silent for longer than the idle timeout (half-open sockets), and
        those that have not identified their device within the identify timeout."""
        gs = self.settings.gateway
        timeout, identify = gs.idle_timeout, gs.identify_timeout
        period = max(min(timeout / 4, identify / 4, 15.0), 0.05)
        while True:
            await asyncio.sleep(period)
            now = self.loop.time()
            idle, anonymous = now - timeout, now - identify
            for conn in list(self.connections):
                if conn.last_seen < idle:
                    conn.close("idle_timeout")
                elif conn.session.unique_id is None and conn.opened_at < anonymous:
                    conn.close("identify_timeout")

    async def _flush_metrics(self) -> None:
        while True:
            await asyncio.sleep(1.0)
            self.flush_metrics()

    def flush_metrics(self) -> None:
        self.tally.flush()
        self.throttle.report(log)
        # counted from the live set once a second (a few ms for 19,000 connections) rather
        # than kept beside it on every open and close
        open_now = Counter(c.name for c in self.connections)
        listening = {n for n, transport in self.ports if transport == "tcp" and n != "auto"}
        for name in listening | open_now.keys():
            CONNECTIONS.labels(name).set(open_now[name])

    async def stop(self) -> None:
        log.info(kv("gateway_stopping", connections=len(self.connections),
                    pending=self.committer.backlog))  # fmt: skip
        for server in self._servers:
            server.close()
        for conn in list(self.connections):
            if conn.transport is not None:
                conn.transport.pause_reading()
        for ep in self._endpoints:
            ep.close()
        await self.committer.drain()  # every received frame durable, its ACK written
        for task in self._tasks:
            task.cancel()
        for conn in list(self.connections):
            if conn.transport is not None:
                conn.transport.close()  # flushes the ACKs still buffered
        await asyncio.sleep(0.05)
        await self.committer.close()
        await self.dispatcher.store.engine.dispose()
        self.flush_metrics()
        log.info(kv("gateway_stopped"))


async def serve(settings: Settings, *, reuse_port: bool = False) -> None:
    gw = Gateway(settings, reuse_port=reuse_port)
    await gw.start()
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        gw.loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    await gw.stop()


def run_async(main: Coroutine[Any, Any, None]) -> None:
    """Run on uvloop where it is installed, else on the standard loop."""
    try:
        import uvloop
    except ImportError:  # pragma: no cover - platforms without uvloop
        asyncio.run(main)
        return
    uvloop.run(main)


def run(settings: Settings, *, reuse_port: bool = False) -> None:
    run_async(serve(settings, reuse_port=reuse_port))
