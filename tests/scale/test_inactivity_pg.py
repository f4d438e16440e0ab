"""deviceInactive on the scale-out tier's store: the stream worker's logic (StreamLogic) on
PostgreSQL finds a device silent past `deviceInactivityStart` and stores the same event as the
embedded tier would, once."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

from fleetwire.store.logic_registry import RegistrySnapshot
from fleetwire.store.postgres.stores import PgTelemetry
from fleetwire.worker.logic_tier import StreamLogic
from fleetwire.worker.pipeline import process
from tests.scale.test_logic_pg import frames_of, open_pg
from tests.worker.test_worker_logic import IMEI, track

HOUR = 3_600_000


def test_silent_device_gets_deviceinactive(tmp_path: Path, pg_url: str) -> None:
    async def go() -> list[tuple[str, int]]:
        s, pool = await open_pg(pg_url, tmp_path)
        s.logic.update(deviceInactivityStart=HOUR, deviceInactivityPeriod=2 * HOUR)
        try:
            logic = StreamLogic(s, pool)
            logic.pin(RegistrySnapshot())
            logic.inactivity_every = 0
            frames = frames_of([track()[:10]], 1)
            result = process(frames, lambda _: IMEI, lambda *_: {}, 600_000, 0)
            positions, latest, write = await logic.batch(frames, result, 0)
            await PgTelemetry(pool).write_batch("part-0", 1, positions, latest, [], write)
            seen = frames[0].received_us // 1000
            assert await logic.sweep(seen + HOUR - 1) == 1  # unknown, not inactive yet
            assert await logic.sweep(seen + 3 * HOUR + 5) == 1
            assert await logic.sweep(seen + 3 * HOUR + 9) == 0
            rows = await pool.fetch(
                "SELECT type, event_time FROM events WHERE type IN"
                " ('deviceUnknown', 'deviceInactive') ORDER BY event_time"
            )
            return [(r[0], r[1] - seen) for r in rows]
        finally:
            await pool.close()

    assert asyncio.run(go()) == [("deviceUnknown", 600_000), ("deviceInactive", 3 * HOUR)]


def test_a_partition_sweep_touches_only_its_devices(tmp_path: Path, pg_url: str) -> None:
    """The stream worker sweeps each partition it owns from that partition's loop (its devices'
    only writer): devices 1 and 2 in two partitions, a sweep of partition 1 marks only 1."""

    async def go() -> list[tuple[int, str]]:
        s, pool = await open_pg(pg_url, tmp_path)
        try:
            logic = StreamLogic(s, pool)
            logic.pin(RegistrySnapshot())
            frames = frames_of([track()[:10]], 1)
            frames += [replace(f, seq=f.seq + 1, device_id=2) for f in frames]
            result = process(frames, lambda _: IMEI, lambda *_: {}, 600_000, 0)
            positions, latest, write = await logic.batch(frames, result, 0)
            await PgTelemetry(pool).write_batch("part-0", 2, positions, latest, [], write)
            later = frames[-1].received_us // 1000 + HOUR
            assert await logic.sweep(later, (1, 2)) == 1
            rows = await pool.fetch("SELECT device_id, type FROM events"
                                    " WHERE type = 'deviceUnknown'")  # fmt: skip
            return [(r[0], r[1]) for r in rows]
        finally:
            await pool.close()

    assert asyncio.run(go()) == [(1, "deviceUnknown")]
