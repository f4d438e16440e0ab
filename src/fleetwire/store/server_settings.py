"""The Server object's writable fields as an administrator last PUT them (one JSON row of the
registry's `server_settings`); what was never written keeps its default from the config."""

from __future__ import annotations

from typing import Any

import orjson
from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncEngine

from fleetwire.store.db import writing
from fleetwire.store.schema import server_settings


async def load(engine: AsyncEngine) -> dict[str, Any]:
    async with engine.connect() as conn:
        body = (await conn.execute(select(server_settings.c.body))).scalar()
    return dict(orjson.loads(body)) if body else {}


async def save(engine: AsyncEngine, values: dict[str, Any]) -> None:
    async with writing(engine) as conn:
        await conn.execute(delete(server_settings))
        await conn.execute(insert(server_settings).values(id=1, body=orjson.dumps(values).decode()))
