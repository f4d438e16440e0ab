"""One device's TCP connection: the thin asyncio adapter over the sans-I/O protocol.

data_received feeds the framer; each whole frame is inspected (checksum, identity, the reply it
needs) and submitted to the committer; the reply is written only when the committer says the frame
is durable. Bad frames are logged once with peer and hex, counted, kept as evidence, never ACKed;
too many in a row, or garbage past the size cap, closes this connection and no other.

A hostile peer costs its own connection, not everyone's latency: the framer does a bounded amount
of work per call (the rest waits for a later tick with reading paused), a connection whose bytes
stop making valid frames is closed after a budget, and every log line a peer can provoke goes
through the gateway's throttle.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from typing import TYPE_CHECKING, cast

from fleetwire.errors import DeviceError, FramingError
from fleetwire.gateway import identity, sessions
from fleetwire.gateway.committer import Pending
from fleetwire.logs import kv
from fleetwire.protocols.base import FrameKind, Session, TrackerProtocol, Transport
from fleetwire.protocols.framing import Framer, frame_starts, start_pattern
from fleetwire.rawlog.base import OFFLINE, ONLINE

if TYPE_CHECKING:
    from fleetwire.gateway.server import Gateway

log = logging.getLogger("gateway")

_HEX_LOG = 256  # bytes of a bad frame shown in its log line
_MIN_BUDGET = 16384  # bytes without a valid frame that any connection is allowed
# why reading is paused; it resumes only when no reason is left
_HOLD_UNACKED = 1  # too many frames not yet durable
_HOLD_WRITE = 2  # the device does not read its ACKs
_HOLD_YIELD = 4  # the framer stopped at its work budget; it goes on at the next tick

_starts: dict[str, re.Pattern[bytes]] = {}
_budgets: dict[str, int] = {}  # one int per protocol, not one per connection (28 bytes each)


def starts_of(proto: TrackerProtocol) -> re.Pattern[bytes]:
    """Where a frame of ``proto`` may start, worked out once per protocol, not per connection."""
    pattern = _starts.get(proto.name)
    if pattern is None:
        pattern = _starts[proto.name] = start_pattern(
            frame_starts(proto.session_framing(Session()))
        )
    return pattern


class DeviceConnection(asyncio.Protocol):
    __slots__ = (
        "announced",
        "attached",
        "bad",
        "budget",
        "closing",
        "conn_id",
        "device_id",
        "framer",
        "gw",
        "holds",
        "inflight",
        "junk",
        "last_seen",
        "name",
        "opened_at",
        "peer",
        "proto",
        "session",
        "transport",
        "unacked",
        "unidentified_counted",
    )  # fmt: skip

    def __init__(self, gw: Gateway, proto: TrackerProtocol) -> None:
        self.gw = gw
        self.proto = proto
        self.name = proto.name
        self.transport: asyncio.Transport | None = None
        self.peer = ""
        self.conn_id = 0
        self.session = Session(Transport.TCP)
        self.framer = Framer(
            proto.session_framing(self.session), proto.max_frame_size, starts_of(proto)
        )
        self.device_id: int | None = None
        self.attached: int | None = None  # the device id downlinks are routed here for
        self.unacked = 0
        self.holds = 0
        self.bad = 0
        # bytes since the last valid frame that did not make one (garbage, rejected frames, and
        # before the device identifies itself everything it sent); past the budget: closed
        self.junk = 0
        self.budget = _budgets.get(proto.name) or _budgets.setdefault(
            proto.name, max(2 * proto.max_frame_size, _MIN_BUDGET)
        )
        self.last_seen = 0.0
        self.opened_at = 0.0
        self.closing = False
        self.unidentified_counted = False  # counted in the gateway's per-address tally
        self.inflight: tuple[int, float] | None = None  # command awaiting the device's answer
        self.announced = False  # its online session record is submitted (gateway/sessions.py)

    # -- asyncio callbacks ---------------------------------------------------------------------
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's is not a subclass
        if not self.peer:  # behind a PROXY-protocol balancer the real peer is already set
            peer = self.transport.get_extra_info("peername")
            self.peer = f"{peer[0]}:{peer[1]}" if isinstance(peer, tuple) else str(peer)
        self.conn_id = self.gw.next_connection_id()
        self.last_seen = self.opened_at = self.gw.loop.time()
        self.gw.opened(self)

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None
        if self.announced and self.session.unique_id is not None:
            sessions.submit(self.gw.committer, self.session.unique_id, self.device_id, self.name,
                            self.conn_id, self.peer, OFFLINE, time.time_ns() // 1000)  # fmt: skip
        self.gw.detach(self.attached, self)
        self.gw.closed(self)

    def data_received(self, data: bytes) -> None:
        self.last_seen = self.gw.loop.time()
        if self.closing:
            return
        if self.session.unique_id is None:
            self.junk += len(data)
        self._feed(data)

    def pause_writing(self) -> None:  # a device that does not read its ACKs: stop reading it
        self._hold(_HOLD_WRITE)

    def resume_writing(self) -> None:
        self._release(_HOLD_WRITE)

    # -- flow control --------------------------------------------------------------------------
    def _hold(self, reason: int) -> None:
        if not self.holds and self.transport is not None:
            self.transport.pause_reading()
        self.holds |= reason

    def _release(self, reason: int) -> None:
        if not self.holds & reason:
            return
        self.holds &= ~reason
        if not self.holds and self.transport is not None and not self.closing:
            self.transport.resume_reading()

    # -- frames --------------------------------------------------------------------------------
    def _feed(self, data: bytes) -> None:
        framer = self.framer
        try:
            frames = framer.feed(data)
        except FramingError as e:
            self._garbage()
            self.close(e.reason, error=str(e), hex=data[:_HEX_LOG].hex())
            return
        if framer.garbage_total:
            self._garbage()
        for frame in frames:
            if self.closing:
                return
            self._frame(frame)
        if self.closing:
            return
        if self.junk > self.budget:
            self.close("no_valid_frame", junk=self.junk,
                       identified=self.session.unique_id is not None)  # fmt: skip
            return
        if framer.more:
            self._hold(_HOLD_YIELD)
            self.gw.loop.call_soon(self._go_on)
        else:
            self._release(_HOLD_YIELD)

    def _go_on(self) -> None:
        if self.transport is not None and not self.closing:
            self._feed(b"")

    def _garbage(self) -> None:
        framer = self.framer
        skipped, framer.garbage_total = framer.garbage_total, 0
        self.gw.tally.counts["garbage", self.name] += skipped
        if self.session.unique_id is not None:
            self.junk += skipped  # before identification every byte is counted already
        sample = framer.take_garbage()
        if sample and self.gw.throttle.allow():
            log.warning(kv("garbage_skipped", protocol=self.name, peer=self.peer,
                           device=self.session.unique_id or "-", bytes=skipped,
                           hex=sample.hex()))  # fmt: skip

    def _frame(self, frame: bytes) -> None:
        gw = self.gw
        gw.tally.counts["received", self.name] += 1
        now_us = self.session.received_us = time.time_ns() // 1000
        try:
            up = self.proto.inspect(frame, self.session)
        except DeviceError as e:
            if e.reply and self.transport is not None:
                self.transport.write(e.reply)  # a refusal, never an ACK: nothing was stored
            self._reject(frame, e.reason, str(e))
            return
        uid = up.unique_id
        if uid is not None and uid != self.session.unique_id:
            why = identity.refusal(uid)
            if why is not None:
                self._reject(frame, "invalid_id", why)
                return
            if self.session.unique_id is None:
                self.junk = 0
                gw.identified(self)
            self.session.unique_id = uid
            self.device_id = gw.committer.devices.get(uid)
        if up.kind is FrameKind.REPLY:
            gw.dispatcher.on_reply(self)
        if not up.store:
            if self.device_id is not None:
                self._announce(now_us)
                self._attach(self.device_id)  # a known device's keep-alive or ping: it is here
            if up.ack and self.transport is not None:
                self.transport.write(up.ack)  # nothing to make durable first
            return
        if self.session.unique_id is None:
            self._reject(frame, "unidentified", "frame before the device identified itself")
            return
        self.bad = 0
        self.junk = 0
        item = Pending(
            self, self.session.unique_id, self.device_id, self.name, "tcp",
            now_us, self.conn_id, self.peer, frame, up.ack, up.reject, up.records,
            context=up.context,
        )  # fmt: skip
        self.unacked += 1
        if self.unacked >= gw.max_unacked:
            self._hold(_HOLD_UNACKED)
        self._announce(now_us)
        gw.committer.submit(item)

    def _announce(self, received_us: int) -> None:
        """The connection's online session record, once, just before its first stored frame
        (or keep-alive of a known device), stamped with that frame's receive time. Not for
        HTTP-based protocols (as Traccar): a request's connection says nothing of the device."""
        if (not self.announced and self.session.unique_id is not None
                and Transport.HTTP not in self.proto.transports):  # fmt: skip
            self.announced = True
            sessions.submit(self.gw.committer, self.session.unique_id, self.device_id, self.name,
                            self.conn_id, self.peer, ONLINE, received_us)  # fmt: skip

    def settled(self, item: Pending, device_id: int | None, ok: bool) -> None:
        self.unacked -= 1
        if ok and device_id is not None:
            self.gw.tally.counts["stored", self.name] += 1
        if self.unacked <= self.gw.max_unacked // 2:
            self._release(_HOLD_UNACKED)
        t = self.transport
        if t is None or self.closing:
            return
        if not ok:
            return  # not durable: no ACK, the device resends
        if device_id is None:
            self.announced = False  # refused: its session record was refused too
            self.gw.tally.rejected[self.name, "unknown_device"] += 1
            if self.gw.throttle.allow():
                log.warning(kv("device_refused", protocol=self.name, peer=self.peer,
                               device=item.unique_id, reason="unknown or disabled"))  # fmt: skip
            if item.reject:
                t.write(item.reject)
            self.close("unknown_device")
            return
        self.device_id = device_id
        if item.ack:
            t.write(item.ack)
        # after the ACK, so that a queued command follows the login reply the device waits for
        self._attach(device_id)
        counts = self.gw.tally.counts
        counts["acked", self.name] += 1
        counts["records", self.name] += item.records

    def _attach(self, device_id: int) -> None:
        """Route the device's downlinks (queued commands) to this connection, on every
        connection it identifies on, whether its id came from the registry or the cache."""
        if self.attached == device_id:
            return
        if self.attached is not None:
            self.gw.detach(self.attached, self)
        self.attached = device_id
        self.gw.attach(device_id, self)

    def _reject(self, frame: bytes, reason: str, error: str) -> None:
        gw = self.gw
        gw.tally.rejected[self.name, reason] += 1
        self.bad += 1
        if self.session.unique_id is not None:
            self.junk += len(frame)
        if gw.throttle.allow():
            log.warning(kv("frame_rejected", protocol=self.name, peer=self.peer,
                           device=self.session.unique_id or "-", reason=reason, error=error,
                           len=len(frame), hex=frame[:_HEX_LOG].hex()))  # fmt: skip
        if self.bad <= gw.max_bad_frames:
            gw.committer.submit_rejected(
                (time.time_ns() // 1000, self.name, self.conn_id, self.peer, reason, frame)
            )
        if self.bad >= gw.max_bad_frames:
            self.close("bad_frames", count=self.bad)

    def close(self, reason: str, **fields: object) -> None:
        if self.closing:
            return
        self.closing = True
        self.gw.tally.closed[self.name, reason] += 1
        if self.gw.throttle.allow():
            log.info(kv("connection_closed", protocol=self.name, peer=self.peer,
                        device=self.session.unique_id or "-", reason=reason, **fields))  # fmt: skip
        if self.transport is not None:
            self.transport.close()
