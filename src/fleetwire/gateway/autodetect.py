"""The one port for every device: recognise the protocol from a new connection's first bytes,
then hand the connection to that protocol's DeviceConnection for the rest of its life.

Protocols are asked in registry order; the first that says YES wins as soon as no protocol
before it still says MORE (so the order settles the few ambiguous starts, listed in the README).
An earlier protocol that still wants MORE while a later one already says YES gets SETTLE seconds
of silence: a device waiting for its login reply sends nothing more, so then the YES wins.
Nothing is lost in the hand-over: the buffered bytes are fed to the chosen connection.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, cast

from fleetwire.gateway.connection import DeviceConnection
from fleetwire.logs import kv
from fleetwire.protocols.base import Detection, TrackerProtocol

if TYPE_CHECKING:
    from fleetwire.gateway.server import Gateway

log = logging.getLogger("gateway")

MAX_PROBE = 2048  # bytes buffered before giving up on recognising a connection
SETTLE = 0.3  # s of silence after which a later YES beats an earlier MORE


class DetectingConnection(asyncio.Protocol):
    __slots__ = ("_timeout", "buf", "gw", "peer", "protocols", "settle", "timer", "transport")

    def __init__(self, gw: Gateway, protocols: list[TrackerProtocol], timeout: float) -> None:
        self.gw = gw
        self.protocols = protocols
        self.buf = b""
        self.peer = ""
        self.transport: asyncio.Transport | None = None
        self.timer: asyncio.TimerHandle | None = None
        self.settle: asyncio.TimerHandle | None = None
        self._timeout = timeout

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)
        if not self.peer:
            peer = self.transport.get_extra_info("peername")
            self.peer = f"{peer[0]}:{peer[1]}" if isinstance(peer, tuple) else str(peer)
        self.timer = self.gw.loop.call_later(self._timeout, self._give_up, "silent")

    def connection_lost(self, exc: Exception | None) -> None:
        for t in (self.timer, self.settle):
            if t is not None:
                t.cancel()
        self.transport = None

    def data_received(self, data: bytes) -> None:
        self.buf += data
        if self.settle is not None:
            self.settle.cancel()
            self.settle = None
        choice = self.choose(self.buf)
        if choice is not None:
            self._hand_over(choice)
        elif len(self.buf) >= MAX_PROBE or self._all_no(self.buf):
            self._give_up("unrecognised")
        elif self.first_yes(self.buf) is not None:
            self.settle = self.gw.loop.call_later(SETTLE, self._settle)

    def first_yes(self, head: bytes) -> TrackerProtocol | None:
        return next((p for p in self.protocols if p.detect(head) is Detection.YES), None)

    def _settle(self) -> None:
        self.settle = None
        proto = self.first_yes(self.buf)
        if proto is not None and self.transport is not None:
            self._hand_over(proto)

    def choose(self, head: bytes) -> TrackerProtocol | None:
        for proto in self.protocols:
            answer = proto.detect(head)
            if answer is Detection.YES:
                return proto
            if answer is Detection.MORE:
                return None  # an earlier protocol may still claim it
        return None

    def _all_no(self, head: bytes) -> bool:
        return all(p.detect(head) is Detection.NO for p in self.protocols)

    def _hand_over(self, proto: TrackerProtocol) -> None:
        for timer in (self.timer, self.settle):
            if timer is not None:
                timer.cancel()
        t = self.transport
        if t is None:
            return
        conn = DeviceConnection(self.gw, proto)
        conn.peer = self.peer
        t.set_protocol(conn)
        conn.connection_made(t)
        self.gw.tally.counts["detected", proto.name] += 1
        buf, self.buf = self.buf, b""
        conn.data_received(buf)

    def _give_up(self, reason: str) -> None:
        self.gw.tally.rejected["auto", reason] += 1
        if self.gw.throttle.allow():
            log.warning(kv("autodetect_failed", peer=self.peer, reason=reason, len=len(self.buf),
                           hex=self.buf[:256].hex()))  # fmt: skip
        if self.transport is not None:
            self.transport.close()
