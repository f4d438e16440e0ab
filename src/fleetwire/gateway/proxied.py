"""Connections behind a TCP load balancer that speaks the PROXY protocol (HAProxy
``send-proxy-v2``): read the header first, then hand the connection, with the device's real
address as its peer, to the protocol's own connection object.

A ``LOCAL`` header (HAProxy's health check) carries no device: the connection waits, uncounted,
until the balancer closes it. A connection whose header is malformed or late is closed and
logged; it never reaches a protocol.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, cast

from fleetwire.gateway.proxy import MAX_V2_LENGTH, ProxyHeaderError, parse
from fleetwire.logs import kv

if TYPE_CHECKING:
    from fleetwire.gateway.server import Gateway

log = logging.getLogger("gateway")


class Inner(Protocol):
    peer: str

    def connection_made(self, transport: asyncio.BaseTransport) -> None: ...
    def data_received(self, data: bytes) -> None: ...


class ProxiedConnection(asyncio.Protocol):
    __slots__ = ("_timeout", "buf", "gw", "inner", "local", "peer", "timer", "transport")

    def __init__(self, gw: Gateway, inner: Callable[[], asyncio.Protocol], timeout: float) -> None:
        self.gw = gw
        self.inner = inner
        self.buf = b""
        self.local = False
        self.peer = ""
        self.transport: asyncio.Transport | None = None
        self.timer: asyncio.TimerHandle | None = None
        self._timeout = timeout

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)
        peer = self.transport.get_extra_info("peername")
        self.peer = f"{peer[0]}:{peer[1]}" if isinstance(peer, tuple) else str(peer)
        self.timer = self.gw.loop.call_later(self._timeout, self._fail, "no PROXY header in time")

    def connection_lost(self, exc: Exception | None) -> None:
        if self.timer is not None:
            self.timer.cancel()
        self.transport = None

    def data_received(self, data: bytes) -> None:
        if self.local:  # a LOCAL header followed by traffic: the balancer's own address stands
            self._hand_over(self.peer, data)
            return
        self.buf += data
        try:
            header = parse(self.buf)
        except ProxyHeaderError as e:
            self._fail(str(e))
            return
        if header is None:
            if len(self.buf) > MAX_V2_LENGTH:
                self._fail("PROXY header too long")
            return
        rest = self.buf[header.length :]
        self.buf = b""
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        if header.command == "LOCAL" or header.source is None:
            self.local = True
            if rest:
                self._hand_over(self.peer, rest)
            return
        host, port = header.source
        self._hand_over(f"[{host}]:{port}" if ":" in host else f"{host}:{port}", rest)

    def _hand_over(self, peer: str, rest: bytes) -> None:
        t = self.transport
        if t is None:
            return
        conn = self.inner()
        cast(Inner, conn).peer = peer
        t.set_protocol(conn)
        conn.connection_made(t)
        if rest:
            conn.data_received(rest)

    def _fail(self, reason: str) -> None:
        self.gw.tally.rejected["proxy", "proxy_header"] += 1
        if self.gw.throttle.allow():
            log.warning(kv("proxy_header_rejected", peer=self.peer, reason=reason,
                           hex=self.buf[:64].hex()))  # fmt: skip
        if self.transport is not None:
            self.transport.close()
