"""One simulated device on a real socket: log in, send frames, check every reply byte for byte.

Runs inside one asyncio loop with many others; asyncio.Protocol (not streams) keeps the load
generator cheap enough to saturate a gateway from the same machine.
"""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import cast

from fleetwire.model import Record
from fleetwire.protocols.base import SimulatedDevice
from fleetwire.simulate.track import Track


@dataclass
class Stats:
    connected: int = 0
    sent: int = 0
    acked: int = 0
    failed: int = 0
    records_acked: int = 0
    resent: int = 0  # frames written again after an attempt that got no ACK
    resent_acked: int = 0  # frames ACKed on such a later attempt
    errors: dict[str, int] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)  # seconds, per ACKed frame

    def error(self, what: str) -> None:
        self.errors[what] = self.errors.get(what, 0) + 1
        self.failed += 1

    def merge(self, other: Stats) -> None:
        self.connected += other.connected
        self.sent += other.sent
        self.acked += other.acked
        self.failed += other.failed
        self.records_acked += other.records_acked
        self.resent += other.resent
        self.resent_acked += other.resent_acked
        for k, v in other.errors.items():
            self.errors[k] = self.errors.get(k, 0) + v
        self.latencies.extend(other.latencies)


class _Receiver(asyncio.Protocol):
    """Collects bytes and wakes the waiter when ``expected`` bytes have arrived."""

    def __init__(self) -> None:
        self.buf = bytearray()
        self.want = 0
        self.waiter: asyncio.Future[bytes] | None = None
        self.lost: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.transport: asyncio.Transport | None = None
        # when the expected bytes arrived: the ACK's latency ends where a device would see it,
        # not when this generator's task, busy making other devices' frames, gets to run
        self.done_at = 0.0

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)

    def data_received(self, data: bytes) -> None:
        self.buf += data
        self._check()

    def _check(self) -> None:
        w = self.waiter
        if w is not None and not w.done() and len(self.buf) >= self.want:
            self.done_at = time.perf_counter()
            out = bytes(self.buf[: self.want])
            del self.buf[: self.want]
            w.set_result(out)

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.lost.done():
            self.lost.set_result(None)
        w = self.waiter
        if w is not None and not w.done():
            w.set_exception(ConnectionResetError("connection closed by the server"))

    def expect(self, n: int) -> asyncio.Future[bytes]:
        self.waiter = asyncio.get_running_loop().create_future()
        self.want = n
        self._check()
        return self.waiter


RecordSink = Callable[[str, Record, bool], None]  # device, record, ACKed by the server


# Linux's IP_BIND_ADDRESS_NO_PORT (not in Python's socket module): bind the source address now,
# choose the port at connect() from the whole 4-tuple. A bind to port 0 before connect picks a
# port unique to the address alone, scanning the ports in use: with tens of thousands of
# connections from one address the scan costs more than the rest of a login.
_BIND_ADDRESS_NO_PORT = 24


async def _connect(
    loop: asyncio.AbstractEventLoop, host: str, port: int, local_ip: str | None
) -> tuple[asyncio.Transport, _Receiver]:
    if local_ip is None:
        return await loop.create_connection(_Receiver, host, port)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.IPPROTO_IP, _BIND_ADDRESS_NO_PORT, 1)
        sock.setblocking(False)
        sock.bind((local_ip, 0))
        await loop.sock_connect(sock, (host, port))
    except BaseException:
        sock.close()
        raise
    return await loop.create_connection(_Receiver, sock=sock)


async def run_device(
    device: SimulatedDevice,
    track: Track,
    stats: Stats,
    *,
    host: str,
    port: int,
    records_per_frame: int,
    frames: int,
    deadline: float,
    rate: float,
    idle: bool,
    local_ip: str | None,
    sink: RecordSink | None,
    reconnect: bool = False,
    timeout: float = 10.0,
) -> None:
    """Drive one device until ``frames`` are ACKed or the deadline passes.

    With ``reconnect``, behave as a real tracker does when its connection breaks: connect again,
    log in again, and resend the frame that was never ACKed (the same bytes, the same records).
    """
    loop = asyncio.get_running_loop()
    pending: tuple[bytes, bytes, list[Record]] | None = None  # sent, not yet ACKed
    tries = 0  # writes of the pending frame
    n = 0
    interval = 1.0 / rate if rate > 0 else 0.0
    next_send = time.monotonic()
    first = True
    while time.monotonic() < deadline and (frames == 0 or n < frames or pending):
        if not first:
            if not reconnect:
                return
            await asyncio.sleep(0.2)
        first = False
        try:
            transport, rx = await asyncio.wait_for(_connect(loop, host, port, local_ip), timeout)
        except (OSError, TimeoutError) as e:
            stats.error(f"connect:{type(e).__name__}")
            continue
        stats.connected += 1
        try:
            for frame, reply in device.handshake():
                transport.write(frame)
                if reply:
                    got = await asyncio.wait_for(rx.expect(len(reply)), timeout)
                    if not device.accepts(reply, got):
                        stats.error("login_reply_mismatch")
                        return
            if idle:
                remaining = deadline - time.monotonic()
                if remaining > 0:
                    await asyncio.wait([rx.lost], timeout=remaining)
                return
            sent_here = False  # whether the pending frame was made or written on this connection
            while time.monotonic() < deadline and (frames == 0 or n < frames or pending):
                if pending is None:
                    records = [track.next() for _ in range(records_per_frame)]
                    frame, ack = device.report(records)
                    pending = (frame, ack, records)
                    tries = 0
                    n += 1
                    sent_here = True
                frame, ack, records = pending
                if not sent_here:  # made on a connection that broke: its ACK was predicted there
                    ack = device.resend(frame, ack)
                    pending = (frame, ack, records)
                    sent_here = True
                t0 = time.perf_counter()
                transport.write(frame)
                stats.sent += 1
                tries += 1
                if tries > 1:
                    stats.resent += 1
                done_at = time.perf_counter()
                if ack:
                    got = await asyncio.wait_for(rx.expect(len(ack)), timeout)
                    if not device.accepts(ack, got):
                        stats.error("ack_mismatch")
                        return
                    done_at = rx.done_at
                pending = None
                stats.latencies.append(done_at - t0)
                stats.acked += 1
                if tries > 1:
                    stats.resent_acked += 1
                stats.records_acked += len(records)
                if sink is not None:
                    for r in records:
                        sink(device.unique_id, r, bool(ack))
                if interval:
                    next_send += interval
                    delay = next_send - time.monotonic()
                    if delay > 0:
                        await asyncio.sleep(delay)
        except TimeoutError:
            stats.error("ack_timeout")
        except (OSError, RuntimeError) as e:  # uvloop: RuntimeError writing to a closed socket
            stats.error(f"io:{type(e).__name__}")
        finally:
            transport.close()


class _DatagramReceiver(asyncio.DatagramProtocol):
    def __init__(self) -> None:
        self.queue: asyncio.Queue[bytes] = asyncio.Queue()

    def datagram_received(self, data: bytes, addr: object) -> None:
        self.queue.put_nowait(data)


async def run_udp_device(
    device: SimulatedDevice,
    track: Track,
    stats: Stats,
    *,
    host: str,
    port: int,
    records_per_frame: int,
    frames: int,
    deadline: float,
    rate: float,
    sink: RecordSink | None,
    timeout: float = 5.0,
    retries: int = 3,
) -> None:
    """A UDP device: each datagram is resent (same bytes) until its reply arrives, as devices do."""
    loop = asyncio.get_running_loop()
    transport, rx = await loop.create_datagram_endpoint(_DatagramReceiver, remote_addr=(host, port))
    stats.connected += 1
    try:
        n = 0
        interval = 1.0 / rate if rate > 0 else 0.0
        while (frames == 0 or n < frames) and time.monotonic() < deadline:
            records = [track.next() for _ in range(records_per_frame)]
            frame, ack = device.report(records)
            t0 = time.perf_counter()
            n += 1
            for attempt in range(retries):
                transport.sendto(frame)
                stats.sent += 1
                stats.resent += attempt > 0
                try:
                    got = await asyncio.wait_for(rx.queue.get(), timeout)
                except TimeoutError:
                    continue
                if got != ack:
                    stats.error("ack_mismatch")
                    return
                stats.latencies.append(time.perf_counter() - t0)
                stats.acked += 1
                stats.resent_acked += attempt > 0
                stats.records_acked += len(records)
                if sink is not None:
                    for r in records:
                        sink(device.unique_id, r, bool(ack))
                break
            else:
                stats.error("ack_timeout")
                return
            if interval:
                await asyncio.sleep(interval)
    finally:
        transport.close()
