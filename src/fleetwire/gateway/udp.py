"""UDP endpoint: every datagram is one frame carrying its device's identity; the reply goes to the
datagram's source address once the frame is durable."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import TYPE_CHECKING, Any, cast

from fleetwire.errors import DeviceError
from fleetwire.gateway import identity
from fleetwire.gateway.committer import Pending
from fleetwire.logs import kv
from fleetwire.protocols.base import Session, TrackerProtocol, Transport

if TYPE_CHECKING:
    from fleetwire.gateway.server import Gateway

log = logging.getLogger("gateway")


class DatagramEndpoint(asyncio.DatagramProtocol):
    def __init__(self, gw: Gateway, proto: TrackerProtocol) -> None:
        self.gw = gw
        self.proto = proto
        self.name = proto.name
        self.transport: asyncio.DatagramTransport | None = None
        self.conn_id = 0

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.DatagramTransport, transport)
        self.conn_id = self.gw.next_connection_id()

    def datagram_received(self, data: bytes, addr: Any) -> None:
        gw = self.gw
        gw.tally.counts["received", self.name] += 1
        peer = f"{addr[0]}:{addr[1]}"
        if len(data) > self.proto.max_frame_size:
            self._reject(data, peer, "oversized", f"{len(data)}-byte datagram")
            return
        now_us = time.time_ns() // 1000
        try:
            up = self.proto.inspect(data, Session(Transport.UDP, received_us=now_us))
        except DeviceError as e:
            if e.reply and self.transport is not None:
                self.transport.sendto(e.reply, addr)
            self._reject(data, peer, e.reason, str(e))
            return
        if not up.store:
            return
        if up.unique_id is None:
            self._reject(data, peer, "unidentified", "datagram without a device identity")
            return
        why = identity.refusal(up.unique_id)
        if why is not None:
            self._reject(data, peer, "invalid_id", why)
            return
        gw.committer.submit(
            Pending(
                self, up.unique_id, gw.committer.devices.get(up.unique_id), self.name, "udp",
                now_us, self.conn_id, peer, data, up.ack, up.reject, up.records,
                addr, up.context,
            )
        )  # fmt: skip

    def settled(self, item: Pending, device_id: int | None, ok: bool) -> None:
        if ok and device_id is not None:
            self.gw.tally.counts["stored", self.name] += 1
        if not ok or self.transport is None or self.transport.is_closing():
            return
        if device_id is None:
            self.gw.tally.rejected[self.name, "unknown_device"] += 1
            if self.gw.throttle.allow():
                log.warning(kv("device_refused", protocol=self.name, peer=item.peer,
                               device=item.unique_id))  # fmt: skip
            return
        if item.ack:
            self.transport.sendto(item.ack, item.addr)  # type: ignore[arg-type]
        counts = self.gw.tally.counts
        counts["acked", self.name] += 1
        counts["records", self.name] += item.records

    def _reject(self, data: bytes, peer: str, reason: str, error: str) -> None:
        self.gw.tally.rejected[self.name, reason] += 1
        if self.gw.throttle.allow():
            log.warning(kv("frame_rejected", protocol=self.name, peer=peer, transport="udp",
                           reason=reason, error=error, len=len(data),
                           hex=data[:256].hex()))  # fmt: skip
