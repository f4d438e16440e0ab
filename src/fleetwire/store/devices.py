"""Device lookups on the registry engine, for async callers on either tier (the API's command
routes, the Traccar routes). The gateway's hot path keeps its own per-backend lookups
(store/registry.py, store/postgres/stores.py) on the same table."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from fleetwire.store.registry import Device
from fleetwire.store.schema import devices

_COLUMNS = (
    devices.c.id, devices.c.unique_id, devices.c.name, devices.c.protocol, devices.c.disabled,
    devices.c.created,
)  # fmt: skip


def _device(r: Any) -> Device:
    return Device(int(r[0]), r[1], r[2], r[3], bool(r[4]), int(r[5]))


async def device_by_unique_id(engine: AsyncEngine, unique_id: str) -> Device | None:
    async with engine.connect() as conn:
        row = (
            await conn.execute(select(*_COLUMNS).where(devices.c.unique_id == unique_id))
        ).first()
    return _device(row) if row else None


async def devices_by_ids(engine: AsyncEngine, ids: Iterable[int]) -> dict[int, Device]:
    wanted = list(ids)
    out: dict[int, Device] = {}
    async with engine.connect() as conn:
        for i in range(0, len(wanted), 5000):
            q = select(*_COLUMNS).where(devices.c.id.in_(wanted[i : i + 5000]))
            out.update((d.id, d) for d in map(_device, await conn.execute(q)))
    return out
