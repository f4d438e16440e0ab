"""How the live feed learns that the telemetry store committed something, so that it reads new
positions when a worker commits them rather than on its next poll (the poll stays, slower, as
the fallback for a missed signal).

- SQLite: `PRAGMA data_version` on a connection of this process changes whenever any other
  connection (the worker's, a replay's) commits; reading it costs a few microseconds, so it is
  read every `CHECK` seconds while someone is subscribed. Nothing in the worker changes.
- PostgreSQL: the worker's batch transaction sends `NOTIFY` on `COMMIT_CHANNEL`, which is
  delivered at its commit; one LISTEN connection per API process sets an event.

It knows nothing about what changed: the feed reads that from the store as before.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import time
from pathlib import Path
from typing import Any, Protocol

from fleetwire.config import Settings
from fleetwire.sqlite import connect
from fleetwire.store.postgres.stores import COMMIT_CHANNEL

log = logging.getLogger(__name__)

CHECK = 0.01  # s between reads of SQLite's data_version: the most a commit waits to be seen


class CommitWatch(Protocol):
    async def wait(self, timeout: float, stopping: asyncio.Event) -> None:
        """Return once a commit happened since the last return, ``stopping`` is set, or
        ``timeout`` seconds passed."""

    async def close(self) -> None: ...


class SqliteCommitWatch:
    def __init__(self, path: Path) -> None:
        self._conn = connect(path, readonly=True)
        # read on the event loop: a rare busy WAL must not stall it for the usual 10 s
        self._conn.execute("PRAGMA busy_timeout=0")
        self._version = self._read()

    def _read(self) -> int | None:
        try:
            return int(self._conn.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.OperationalError:  # busy: say "changed", the feed's read will wait
            return None

    async def wait(self, timeout: float, stopping: asyncio.Event) -> None:
        deadline = time.monotonic() + timeout
        while not stopping.is_set() and time.monotonic() < deadline:
            version = self._read()
            if version is None or version != self._version:
                self._version = version
                return
            await asyncio.sleep(CHECK)

    async def close(self) -> None:
        self._conn.close()


class PgCommitWatch:
    def __init__(self, url: str) -> None:
        self._url = url
        self._conn: Any = None
        self._signal = asyncio.Event()
        self._retry_at = 0.0

    def _notified(self, *_: object) -> None:
        self._signal.set()

    async def _listen(self) -> None:
        """(Re)open the LISTEN connection; on failure the feed polls until the next try."""
        if (self._conn is not None and not self._conn.is_closed()) or (
            time.monotonic() < self._retry_at
        ):
            return
        import asyncpg

        try:
            self._conn = await asyncpg.connect(self._url)
            await self._conn.add_listener(COMMIT_CHANNEL, self._notified)
        except (OSError, asyncpg.PostgresError) as e:
            log.warning("event=commit_watch_unavailable error=%r", e)
            self._conn = None
            self._retry_at = time.monotonic() + 5.0
            return
        self._signal.set()  # commits while it was not listening: look once

    async def wait(self, timeout: float, stopping: asyncio.Event) -> None:
        await self._listen()
        waits = [asyncio.ensure_future(self._signal.wait()), asyncio.ensure_future(stopping.wait())]
        try:
            await asyncio.wait(waits, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for w in waits:
                w.cancel()
        self._signal.clear()

    async def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):
                await self._conn.close()


def commit_watch(settings: Settings) -> CommitWatch:
    if settings.store.postgres:
        return PgCommitWatch(settings.store.url)
    return SqliteCommitWatch(settings.telemetry_path)
