"""`fleetwire replay` on JetStream + PostgreSQL, against the real services: a GMT+8 GT06 device
stored as UTC is corrected by a replay with the time zone set, exactly once; a dead-lettered
frame is decoded again; frames a partition's worker has not reached are left to it."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import orjson

from fleetwire.config import RawLogSettings, Settings
from fleetwire.gateway.server import Gateway
from fleetwire.rawlog import jetstream as rawjs
from fleetwire.store.postgres.stores import PgTelemetry, connect_pool
from fleetwire.tools.replay import Selection
from fleetwire.tools.replay_scale import replay_scale
from fleetwire.worker.stream import StreamWorker
from tests.scale.conftest import migrate, scale_settings
from tests.tools.test_replay import LOCAL, UTC_TIMES, VL03_FRAMES, with_timezone

UID = "752533678900242"  # the JM-VL03 document's example IMEI (its login frame)


async def send_vl03(settings: Settings) -> None:
    """The document's login, GPS+LBS and alarm frames over a real socket to an in-process
    gateway; the login and the alarm are answered (location packets get no reply in GT06)."""
    gw = Gateway(settings)
    await gw.start()
    try:
        r, w = await asyncio.open_connection("127.0.0.1", gw.ports["gt06", "tcp"])
        for frame in VL03_FRAMES:
            w.write(frame)
            if frame[3] in (0x01, 0x26):
                await asyncio.wait_for(r.readexactly(10), 10)
        w.close()
    finally:
        await gw.stop()  # flushes: every frame written is in the stream


async def work(settings: Settings, records: int) -> None:
    worker = StreamWorker(settings)
    task = asyncio.create_task(worker.run())
    try:
        for _ in range(300):
            if await count(settings) >= records:  # rows and offset commit together
                return
            await asyncio.sleep(0.05)
        raise AssertionError("the worker did not store the frames")
    finally:
        worker.stopping = True
        await task


async def count(settings: Settings) -> int:
    conn = await asyncpg.connect(settings.store.url)
    try:
        return int(await conn.fetchval("SELECT count(*) FROM positions"))
    finally:
        await conn.close()


async def fix_times(settings: Settings) -> tuple[list[datetime], datetime | None]:
    """Fix times of the device's records that carry a position, and its latest one."""
    conn = await asyncpg.connect(settings.store.url)
    try:
        rows = await conn.fetch(
            "SELECT fix_time FROM positions WHERE latitude IS NOT NULL ORDER BY fix_time"
        )
        latest = await conn.fetchval("SELECT fix_time FROM latest")
    finally:
        await conn.close()
    return [r["fix_time"].astimezone(UTC) for r in rows], latest and latest.astimezone(UTC)


def test_replay_on_jetstream_and_postgres(
    tmp_path: Path, pg_url: str, nats_settings: RawLogSettings
) -> None:
    settings = scale_settings(tmp_path, pg_url, nats_settings)
    fixed = with_timezone(settings, "gt06", 8)

    async def go() -> None:
        await migrate(settings)
        await send_vl03(settings)
        await work(settings, 2)  # position, alarm (the login stores nothing)
        assert await fix_times(settings) == (LOCAL, LOCAL[1])

        dry = await replay_scale(fixed, Selection(protocols=["gt06"]), dry_run=True)
        assert (dry.frames, dry.unchanged, dry.removed, dry.added) == (3, 0, 2, 2)
        assert await fix_times(settings) == (LOCAL, LOCAL[1])

        done = await replay_scale(fixed, Selection(devices=[UID]))
        assert (done.frames, done.removed, done.added, done.dead_after) == (3, 2, 2, 0)
        assert await fix_times(settings) == (UTC_TIMES, UTC_TIMES[1])
        again = await replay_scale(fixed, Selection(protocols=["gt06"]))
        assert (again.unchanged, again.removed, again.added) == (2, 0, 0)
        assert await count(settings) == 2

        # the state a decoder that failed on the alarm frame leaves: no record, a dead letter
        pool = await connect_pool(settings.store.url, max_size=1)
        try:
            alarm, dev = await pool.fetchrow(
                "SELECT frame_seq, device_id FROM positions ORDER BY frame_seq DESC LIMIT 1"
            )
            part = rawjs.consumer_name(rawjs.partition_of(dev, nats_settings.partitions))
            dead = (part, (alarm, dev, "gt06", "bug KeyError: 38", 0))
            await PgTelemetry(pool).replace_frames([alarm], [], [dead], 600_000)
        finally:
            await pool.close()
        assert await fix_times(settings) == (UTC_TIMES[:1], UTC_TIMES[0])
        healed = await replay_scale(fixed, Selection(dead_letters=True))
        assert (healed.frames, healed.dead_before, healed.dead_after, healed.added) == (1, 1, 0, 1)
        assert await fix_times(settings) == (UTC_TIMES, UTC_TIMES[1])

        # a frame the partition's worker has not reached is not replayed
        await send_vl03(settings)
        later = await replay_scale(fixed, Selection(protocols=["gt06"]))
        assert later.frames == 3

    asyncio.run(go())

    # the command line picks the scale tier from the configuration
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLEETWIRE_")}
    env.update(
        FLEETWIRE_RAWLOG__URL=nats_settings.url, FLEETWIRE_RAWLOG__STREAM=nats_settings.stream,
        FLEETWIRE_RAWLOG__SUBJECT_PREFIX=nats_settings.subject_prefix,
        FLEETWIRE_RAWLOG__PARTITIONS=str(nats_settings.partitions),
        FLEETWIRE_STORE__URL=pg_url,
    )  # fmt: skip
    out = subprocess.run(
        [sys.executable, "-m", "fleetwire", "replay", "--device", UID, "--json", "--dry-run",
         "--data-dir", str(tmp_path / "cli")],
        env=env, capture_output=True, timeout=60, check=False,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr.decode()
    summary = orjson.loads(out.stdout)
    # with no time zone configured, the three replayable frames would go back to local time
    assert (summary["frames"], summary["removed"], summary["added"]) == (3, 2, 2)
