"""A real gateway on loopback for the duration of an ``async with``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fleetwire.config import Settings
from fleetwire.gateway.server import Gateway


@asynccontextmanager
async def running(settings: Settings) -> AsyncIterator[Gateway]:
    gw = Gateway(settings)
    await gw.start()
    try:
        yield gw
    finally:
        await gw.stop()
