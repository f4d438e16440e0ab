"""Gateway on JetStream and workers on PostgreSQL, in process, against the real services:
ACK only after JetStream stored the frame, partitions shared by workers, exactly-once rows."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg

from fleetwire.config import RawLogSettings, Settings
from fleetwire.gateway.server import Gateway
from fleetwire.model import Record
from fleetwire.protocols import teltonika
from fleetwire.rawlog import jetstream as rawjs
from fleetwire.worker.stream import StreamWorker
from tests.scale.conftest import migrate, scale_settings

T0 = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def rec(i: int) -> Record:
    return Record(
        fix_time=T0 + timedelta(seconds=i), valid=True, latitude=54.0 + i / 1e4, longitude=25.0,
        speed=10.0, course=90.0, satellites=8, attributes={"ignition": True},
    )  # fmt: skip


async def send(gw: Gateway, uid: str, n: int) -> list[bytes]:
    r, w = await asyncio.open_connection("127.0.0.1", gw.ports["teltonika", "tcp"])
    dev = teltonika.Device(uid)
    login, accept = dev.login()
    w.write(login)
    acks = [await asyncio.wait_for(r.readexactly(1), 10)]
    assert acks == [accept]
    for i in range(n):
        frame, ack = dev.report([rec(i)])
        w.write(frame)
        got = await asyncio.wait_for(r.readexactly(4), 10)
        assert got == ack
        acks.append(got)
    w.close()
    return acks


async def stored(settings: Settings) -> int:
    conn = await asyncpg.connect(settings.store.url)
    try:
        return int(await conn.fetchval("SELECT count(*) FROM positions"))
    finally:
        await conn.close()


def test_ack_after_jetstream_stored_it(
    tmp_path: Path, pg_url: str, nats_settings: RawLogSettings
) -> None:
    settings = scale_settings(tmp_path, pg_url, nats_settings)

    async def go() -> None:
        await migrate(settings)
        gw = Gateway(settings)
        await gw.start()
        try:
            acks = await send(gw, "356307042441013", 5)
            assert acks[0] == b"\x01"
        finally:
            await gw.stop()
        nc = await rawjs.connect(nats_settings, "t")
        reader = rawjs.JetStreamRawReader(nc, nats_settings)
        frames = await reader.query(1, 0, 2**62, 100)  # without the session records
        await nc.drain()
        assert len(frames) == 6  # the IMEI packet and five AVL packets, in order
        assert frames[0].protocol == "teltonika" and frames[0].data.startswith(b"\x00\x0f")
        assert [f.seq for f in frames] == sorted(f.seq for f in frames)

    asyncio.run(go())


def test_unknown_device_is_refused_when_registration_is_off(
    tmp_path: Path, pg_url: str, nats_settings: RawLogSettings
) -> None:
    settings = scale_settings(tmp_path, pg_url, nats_settings, register_unknown=False)

    async def go() -> None:
        await migrate(settings)
        gw = Gateway(settings)
        await gw.start()
        try:
            r, w = await asyncio.open_connection("127.0.0.1", gw.ports["teltonika", "tcp"])
            w.write(teltonika.Device("356307042441013").login()[0])
            assert await asyncio.wait_for(r.readexactly(1), 10) == b"\x00"
            w.close()
        finally:
            await gw.stop()

    asyncio.run(go())


def test_two_workers_share_partitions_and_store_each_record_once(
    tmp_path: Path, pg_url: str, nats_settings: RawLogSettings
) -> None:
    settings = scale_settings(tmp_path, pg_url, nats_settings)

    async def go() -> None:
        await migrate(settings)
        gw = Gateway(settings)
        await gw.start()
        try:
            await asyncio.gather(*(send(gw, str(356307042441000 + i), 10) for i in range(8)))
        finally:
            await gw.stop()
        a, b = StreamWorker(settings), StreamWorker(settings)
        tasks = [asyncio.create_task(w.run()) for w in (a, b)]
        try:
            for _ in range(200):
                if await stored(settings) == 80 and len(a.owned) == len(b.owned) == 2:
                    break
                await asyncio.sleep(0.1)
            assert await stored(settings) == 80
            assert sorted([*a.owned, *b.owned]) == [0, 1, 2, 3]
            assert len(a.owned) == len(b.owned) == 2  # 4 partitions / 2 workers
            # a third worker joins: the others give up partitions until every one has its share
            c = StreamWorker(settings)
            tasks.append(asyncio.create_task(c.run()))
            for _ in range(100):
                shares = sorted(len(w.owned) for w in (a, b, c))
                if shares == [1, 1, 2] and len({*a.owned, *b.owned, *c.owned}) == 4:
                    break
                await asyncio.sleep(0.1)
            assert sorted(len(w.owned) for w in (a, b, c)) == [1, 1, 2]
        finally:
            for w in (a, b):
                w.stopping = True
            for t in tasks[2:]:
                t.cancel()
            for t in tasks:
                with contextlib.suppress(asyncio.CancelledError):
                    await t
        assert await stored(settings) == 80  # nothing doubled by the hand-over

    asyncio.run(go())


def test_no_frame_lost_while_partitions_move_under_load(
    tmp_path: Path, pg_url: str, nats_settings: RawLogSettings
) -> None:
    """A second worker joins while the first is draining a full stream in big batches, so
    partitions change hands mid-stream: every record is still stored once. The loss this
    guards against was found by bench/scale.py (two worker processes draining 1.1 M records
    lost 14 % while whole batches were acked with AckPolicy.ALL, which also acked frames
    delivered to abandoned pull requests); in process the timing rarely lines up, so this test
    exercises the hand-over path rather than reproducing that run."""
    raw = nats_settings.model_copy(update={"partitions": 2})
    settings = scale_settings(tmp_path, pg_url, raw)
    settings.worker.batch_size = 5000  # big batches arrive over more than one fetch timeout
    devices, frames = 20, 1000

    async def go() -> None:
        await migrate(settings)
        gw = Gateway(settings)
        await gw.start()
        try:
            await asyncio.gather(
                *(send(gw, str(356307042441000 + i), frames) for i in range(devices))
            )
        finally:
            await gw.stop()
        workers = [StreamWorker(settings)]
        tasks = [asyncio.create_task(workers[0].run())]
        try:
            for _ in range(1):  # a second worker joins while the first is mid-stream
                await asyncio.sleep(0.3)
                workers.append(StreamWorker(settings))
                tasks.append(asyncio.create_task(workers[-1].run()))
            for _ in range(300):
                if await stored(settings) >= devices * frames:
                    break
                await asyncio.sleep(0.1)
            await asyncio.sleep(1.0)  # anything late would show up now
            assert await stored(settings) == devices * frames
        finally:
            for w in workers:
                w.stopping = True
            for t in tasks:
                with contextlib.suppress(asyncio.CancelledError):
                    await t

    asyncio.run(go())


def test_frame_context_rides_in_a_header(nats_settings: RawLogSettings) -> None:
    """A frame's connection context (Uplink.context) is stored with it in the stream and read
    back with it; a frame without one carries no header for it."""

    async def go() -> None:
        nc = await rawjs.connect(nats_settings, "t")
        try:
            js = nc.jetstream()
            await rawjs.ensure_stream(js, nats_settings)
            subject = rawjs.raw_subject(nats_settings, 7)
            for data, context in ((b"~A\x01", b"\xff\xfe"), (b"*>S:1", b"")):
                hdr = rawjs.headers("navtelecom", "tcp", 1, 3, "p", context)
                assert (rawjs.H_CONTEXT in hdr) == bool(context)
                await js.publish(subject, data, headers=hdr)
            reader = rawjs.JetStreamRawReader(nc, nats_settings)
            frames = await reader.query(7, 0, 2**62, 10)
            got = [(f.data, f.context) for f in frames]
            assert got == [(b"~A\x01", b"\xff\xfe"), (b"*>S:1", b"")]
            assert (await reader.frame_at(frames[0].seq)) == frames[0]
        finally:
            await nc.drain()

    asyncio.run(go())
