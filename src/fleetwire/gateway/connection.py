"""One device's TCP connection: the thin asyncio adapter over the sans-I/O protocol.

data_received feeds the framer; each whole frame is inspected (checksum, identity, the reply it
needs) and submitted to the committer; the reply is written only when the committer says the frame
is durable. Bad frames are logged once with peer and hex, counted, kept as evidence, never ACKed;
too many in a row, or garbage past the size cap, closes this connection and no other.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import TYPE_CHECKING, cast

from fleetwire.errors import DeviceError, FramingError
from fleetwire.gateway.committer import Pending
from fleetwire.logs import kv
from fleetwire.protocols.base import FrameKind, Session, TrackerProtocol, Transport
from fleetwire.protocols.framing import Framer

if TYPE_CHECKING:
    from fleetwire.gateway.server import Gateway

log = logging.getLogger("gateway")

_HEX_LOG = 256  # bytes of a bad frame shown in its log line


class DeviceConnection(asyncio.Protocol):
    __slots__ = (
        "bad",
        "closing",
        "conn_id",
        "device_id",
        "framer",
        "gw",
        "inflight",
        "last_seen",
        "name",
        "paused",
        "peer",
        "proto",
        "session",
        "transport",
        "unacked",
    )  # fmt: skip

    def __init__(self, gw: Gateway, proto: TrackerProtocol) -> None:
        self.gw = gw
        self.proto = proto
        self.name = proto.name
        self.transport: asyncio.Transport | None = None
        self.peer = ""
        self.conn_id = 0
        self.session = Session(Transport.TCP)
        self.framer = Framer(proto.session_framing(self.session), proto.max_frame_size)
        self.device_id: int | None = None
        self.unacked = 0
        self.paused = False
        self.bad = 0
        self.last_seen = 0.0
        self.closing = False
        self.inflight: tuple[int, float] | None = None  # command awaiting the device's answer

    # -- asyncio callbacks ---------------------------------------------------------------------
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's is not a subclass
        if not self.peer:  # behind a PROXY-protocol balancer the real peer is already set
            peer = self.transport.get_extra_info("peername")
            self.peer = f"{peer[0]}:{peer[1]}" if isinstance(peer, tuple) else str(peer)
        self.conn_id = self.gw.next_connection_id()
        self.last_seen = self.gw.loop.time()
        self.gw.opened(self)

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None
        self.gw.detach(self.device_id, self)
        self.gw.closed(self)

    def data_received(self, data: bytes) -> None:
        self.last_seen = self.gw.loop.time()
        try:
            frames = self.framer.feed(data)
        except FramingError as e:
            self._garbage()
            self.close(e.reason, error=str(e), hex=data[:_HEX_LOG].hex())
            return
        if self.framer.skipped:
            self._garbage()
        for frame in frames:
            if self.closing:
                return
            self._frame(frame)

    def pause_writing(self) -> None:  # a device that does not read its ACKs: stop reading it
        if self.transport is not None and not self.paused:
            self.transport.pause_reading()

    def resume_writing(self) -> None:
        if self.transport is not None and not self.paused:
            self.transport.resume_reading()

    # -- frames --------------------------------------------------------------------------------
    def _garbage(self) -> None:
        sample = self.framer.take_garbage()
        if sample:
            self.gw.tally.counts["garbage", self.name] += len(sample)
            log.warning(kv("garbage_skipped", protocol=self.name, peer=self.peer,
                           device=self.session.unique_id or "-", hex=sample.hex()))  # fmt: skip

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
            self.session.unique_id = uid
            self.device_id = gw.committer.devices.get(uid)
        if up.kind is FrameKind.REPLY:
            gw.dispatcher.on_reply(self)
        if not up.store:
            return
        if self.session.unique_id is None:
            self._reject(frame, "unidentified", "frame before the device identified itself")
            return
        self.bad = 0
        item = Pending(
            self, self.session.unique_id, self.device_id, self.name, "tcp",
            now_us, self.conn_id, self.peer, frame, up.ack, up.reject, up.records,
            context=up.context,
        )  # fmt: skip
        self.unacked += 1
        if self.unacked >= gw.max_unacked and not self.paused and self.transport is not None:
            self.paused = True
            self.transport.pause_reading()
        gw.committer.submit(item)

    def settled(self, item: Pending, device_id: int | None, ok: bool) -> None:
        self.unacked -= 1
        if ok and device_id is not None:
            self.gw.tally.counts["stored", self.name] += 1
        if self.paused and self.unacked <= self.gw.max_unacked // 2 and self.transport is not None:
            self.paused = False
            self.transport.resume_reading()
        t = self.transport
        if t is None or self.closing:
            return
        if not ok:
            return  # not durable: no ACK, the device resends
        if device_id is None:
            self.gw.tally.rejected[self.name, "unknown_device"] += 1
            log.warning(kv("device_refused", protocol=self.name, peer=self.peer,
                           device=item.unique_id, reason="unknown or disabled"))  # fmt: skip
            if item.reject:
                t.write(item.reject)
            self.close("unknown_device")
            return
        if self.device_id != device_id:
            self.device_id = device_id
            self.gw.attach(device_id, self)  # queued commands and downlinks may go now
        if item.ack:
            t.write(item.ack)
        counts = self.gw.tally.counts
        counts["acked", self.name] += 1
        counts["records", self.name] += item.records

    def _reject(self, frame: bytes, reason: str, error: str) -> None:
        gw = self.gw
        gw.tally.rejected[self.name, reason] += 1
        self.bad += 1
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
        log.info(kv("connection_closed", protocol=self.name, peer=self.peer,
                    device=self.session.unique_id or "-", reason=reason, **fields))  # fmt: skip
        if self.transport is not None:
            self.transport.close()
