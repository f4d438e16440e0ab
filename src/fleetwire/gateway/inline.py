"""Benchmark only (``gateway.inline_decode``): decode and store every frame inside the gateway,
before its ACK, the way a server without a raw log and separate workers works. It exists to
measure the socket tier's cost per frame with and without decoding; never use it in production.
"""

from __future__ import annotations

import time
from pathlib import Path

from fleetwire.rawlog.base import RawEntry, RawFrame
from fleetwire.store.registry import SqliteRegistry
from fleetwire.store.telemetry import SqliteTelemetry
from fleetwire.worker.pipeline import process


class InlineDecoder:
    """Runs in the committer thread, after the raw append of a batch."""

    def __init__(self, telemetry: Path, registry: Path) -> None:
        self.telemetry = telemetry
        self.registry = registry
        self._store: SqliteTelemetry | None = None
        self._uids: dict[int, str] = {}

    def __call__(self, entries: list[RawEntry], last_seq: int) -> None:
        if self._store is None:
            self._store = SqliteTelemetry(self.telemetry)
        first = last_seq - len(entries) + 1
        frames = [
            RawFrame(first + i, e.device_id, e.protocol, e.transport, e.received_us,
                     e.connection, e.peer, e.data)
            for i, e in enumerate(entries)
        ]  # fmt: skip
        missing = {f.device_id for f in frames} - self._uids.keys()
        if missing:
            reg = SqliteRegistry(self.registry)
            self._uids.update({d.id: d.unique_id for d in reg.by_ids(missing).values()})
            reg.close()
        result = process(
            frames, self._uids.get, lambda _d, _p: {}, 600_000, int(time.time() * 1000)
        )
        self._store.write_batch(
            "inline", last_seq, result.positions, list(result.latest.values()), result.dead
        )
