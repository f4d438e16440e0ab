"""Raw log on NATS JetStream: one stream, subjects ``<prefix>.raw.<partition>.<device id>``.

The partition (device id modulo the partition count) is in the subject so that workers can
split the stream into P durable consumers, each read by one worker at a time, which keeps every
device's frames in order. Frame metadata rides in headers; the payload is the frame's bytes.
Replication and retention (age, size) are stream settings, applied by `fleetwire migrate`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime

import nats
from nats.aio.client import Client as NATS
from nats.aio.msg import Msg
from nats.js import JetStreamContext
from nats.js.api import (
    AckPolicy,
    ConsumerConfig,
    DeliverPolicy,
    DiscardPolicy,
    RetentionPolicy,
    StorageType,
    StreamConfig,
)
from nats.js.errors import NotFoundError

from fleetwire.config import RawLogSettings
from fleetwire.rawlog.base import SESSION, RawFrame

H_PROTOCOL, H_TRANSPORT, H_RECEIVED, H_CONNECTION, H_PEER = "p", "t", "r", "c", "a"
H_CONTEXT = "x"  # Uplink.context as hex; absent when empty


def partition_of(device_id: int, partitions: int) -> int:
    return device_id % partitions


def raw_subject(s: RawLogSettings, device_id: int) -> str:
    return f"{s.subject_prefix}.raw.{partition_of(device_id, s.partitions)}.{device_id}"


def rejected_subject(s: RawLogSettings, protocol: str) -> str:
    return f"{s.subject_prefix}.bad.{protocol}"


def stream_config(s: RawLogSettings) -> StreamConfig:
    return StreamConfig(
        name=s.stream,
        subjects=[f"{s.subject_prefix}.raw.>", f"{s.subject_prefix}.bad.>"],
        retention=RetentionPolicy.LIMITS,  # the system of record: kept by age/size, not by reads
        storage=StorageType.FILE,
        num_replicas=s.replicas,
        max_age=s.retention_days * 86400,
        max_bytes=s.max_bytes,
        discard=DiscardPolicy.OLD,
    )


def consumer_name(partition: int) -> str:
    return f"part-{partition}"


def consumer_config(s: RawLogSettings, partition: int) -> ConsumerConfig:
    return ConsumerConfig(
        durable_name=consumer_name(partition),
        filter_subject=f"{s.subject_prefix}.raw.{partition}.>",
        # every message acked on its own: with AckPolicy.ALL, acking a batch would also ack
        # messages delivered to a pull request its worker gave up on (a fetch that timed out
        # mid-stream, a partition handed over), and those would never be decoded
        ack_policy=AckPolicy.EXPLICIT,
        ack_wait=s.ack_wait,
        deliver_policy=DeliverPolicy.ALL,
        max_ack_pending=-1,
        max_deliver=-1,
    )


async def connect(
    s: RawLogSettings, name: str, error_cb: Callable[[Exception], Awaitable[None]] | None = None
) -> NATS:
    """``error_cb`` gets the client's asynchronous errors (the default logs each with its
    traceback)."""
    extra = {"error_cb": error_cb} if error_cb is not None else {}
    return await nats.connect(
        servers=s.url.split(","),
        name=name,
        max_reconnect_attempts=-1,  # a NATS outage is waited out, never fatal
        reconnect_time_wait=0.5,
        allow_reconnect=True,
        **extra,
    )


async def ensure_stream(js: JetStreamContext, s: RawLogSettings) -> str:
    """Create the stream, or update its settings; returns what was done."""
    cfg = stream_config(s)
    try:
        await js.stream_info(s.stream)
    except NotFoundError:
        await js.add_stream(cfg)
        return "created"
    await js.update_stream(cfg)
    return "updated"


class StreamMissing(RuntimeError):
    pass


async def check_stream(js: JetStreamContext, s: RawLogSettings) -> None:
    try:
        await js.stream_info(s.stream)
    except NotFoundError as e:
        raise StreamMissing(
            f"JetStream stream {s.stream!r} is missing: run `fleetwire migrate`"
        ) from e


def headers(
    protocol: str, transport: str, received_us: int, connection: int, peer: str,
    context: bytes = b"",
) -> dict[str, str]:  # fmt: skip
    h = {
        H_PROTOCOL: protocol, H_TRANSPORT: transport, H_RECEIVED: str(received_us),
        H_CONNECTION: str(connection), H_PEER: peer,
    }  # fmt: skip
    if context:
        h[H_CONTEXT] = context.hex()
    return h


def frame_of(subject: str, seq: int, headers: dict[str, str] | None, data: bytes) -> RawFrame:
    h = headers or {}
    return RawFrame(
        seq=seq,
        device_id=int(subject.rsplit(".", 1)[1]),
        protocol=h[H_PROTOCOL],
        transport=h.get(H_TRANSPORT, "tcp"),
        received_us=int(h[H_RECEIVED]),
        connection=int(h.get(H_CONNECTION, "0")),
        peer=h.get(H_PEER, ""),
        data=data,
        context=bytes.fromhex(h.get(H_CONTEXT, "")),
    )


def to_frame(msg: Msg) -> RawFrame:
    return frame_of(msg.subject, msg.metadata.sequence.stream, msg.headers, msg.data)


class JetStreamRawReader:
    """Reads for the API: a device's frames in a time range, the head, the workers' lag."""

    def __init__(self, nc: NATS, s: RawLogSettings) -> None:
        self.nc = nc
        self.js = nc.jetstream()
        self.s = s

    async def query(
        self, device_id: int, from_us: int, to_us: int, limit: int, *, sessions: bool = False
    ) -> list[RawFrame]:
        """A device's frames in a receive-time range; its session records too with
        ``sessions``."""
        subject = raw_subject(self.s, device_id)
        try:
            info = await self.js.stream_info(self.s.stream, subjects_filter=subject)
        except NotFoundError:
            return []
        if not info.state.subjects:
            return []
        out: list[RawFrame] = []
        async for frame in self.frames(subject, from_us, wait=0.5):
            if frame.received_us >= to_us or len(out) >= limit:
                break
            if frame.received_us >= from_us and (sessions or frame.transport != SESSION):
                out.append(frame)
        return out

    async def frames(
        self, subject: str, from_us: int | None = None, upto_seq: int | None = None,
        wait: float = 2.0,
    ) -> AsyncIterator[RawFrame]:  # fmt: skip
        """A subject's frames in stream order, from a receive time (all when None) up to a
        sequence number (the stream's end when None), through an ordered consumer."""
        if from_us is None:
            config = ConsumerConfig(deliver_policy=DeliverPolicy.ALL)
        else:
            start = datetime.fromtimestamp(from_us / 1e6, UTC)
            config = ConsumerConfig(
                deliver_policy=DeliverPolicy.BY_START_TIME, opt_start_time=start
            )
        sub = await self.js.subscribe(subject, ordered_consumer=True, config=config)
        try:
            while True:
                try:
                    msg = await sub.next_msg(timeout=wait)
                except nats.errors.TimeoutError:
                    return
                if upto_seq is not None and msg.metadata.sequence.stream > upto_seq:
                    return
                yield to_frame(msg)
                if msg.metadata.num_pending == 0:
                    return
        finally:
            await sub.unsubscribe()

    async def frame_at(self, seq: int) -> RawFrame | None:
        """One frame by sequence number; None when retention removed it (or it is not one)."""
        try:
            m = await self.js.get_msg(self.s.stream, seq)
        except NotFoundError:
            return None
        if not m.subject or not m.subject.startswith(f"{self.s.subject_prefix}.raw."):
            return None
        return frame_of(m.subject, int(m.seq or seq), m.headers, m.data or b"")

    async def head(self) -> int:
        info = await self.js.stream_info(self.s.stream)
        return int(info.state.last_seq)

    async def lag(self) -> int:
        """Frames not yet processed: every partition consumer's pending plus unacked."""
        total = 0
        for k in range(self.s.partitions):
            try:
                ci = await self.js.consumer_info(self.s.stream, consumer_name(k))
            except NotFoundError:
                info = await self.js.stream_info(
                    self.s.stream, subjects_filter=f"{self.s.subject_prefix}.raw.{k}.>"
                )
                total += sum((info.state.subjects or {}).values())
                continue
            total += int(ci.num_pending or 0) + int(ci.num_ack_pending or 0)
        return total
