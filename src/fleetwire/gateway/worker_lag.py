"""Backpressure on the embedded tier: ACKs wait for the worker when it falls too far behind.

The gateway can ACK frames several times faster than one worker decodes and stores them, so
under sustained overload the raw log runs ahead and positions reach the API later and later.
Past ``limit`` frames of lag, the raw-log committer admits a batch only once the worker has
stored as many frames as that batch holds since the wait began: ingest then runs at the
worker's pace, the lag stops growing, and devices keep the rest in their own memory (as they
do out of coverage) until their ACK comes. A backlog left by an outage is not held against
the devices: it drains whenever the load falls below what the worker stores.

Durability is untouched: a frame is ACKed only once durable, later at worst. A worker that
does not move for ``stall`` seconds (stopped, crashed, starved of CPU) is not waited for: the
raw log is the system of record and keeps accepting data without it.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from fleetwire import metrics
from fleetwire.logs import kv

log = logging.getLogger("gateway")

_POLL_S = 0.002  # between looks at the worker's offset while a batch waits
_QUIET_S = 0.05  # between looks while the lag is far below the limit


def offset_reader(telemetry: Path, consumer: str) -> Callable[[], int | None]:
    """The embedded worker's committed raw-log position (None: no worker has run yet), read
    from the telemetry store, which the worker writes in the same transaction as its rows."""
    conn: sqlite3.Connection | None = None

    def read() -> int | None:
        nonlocal conn
        if conn is None:
            if not telemetry.exists():
                return None
            conn = sqlite3.connect(telemetry, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA query_only=1")
            conn.execute("PRAGMA busy_timeout=1000")
        try:
            row = conn.execute("SELECT seq FROM offsets WHERE consumer = ?", (consumer,)).fetchone()
        except sqlite3.OperationalError:  # no offsets table yet, or a lock held too long
            return None
        return int(row[0]) if row else None

    return read


class WorkerLag:
    """Called by the committer thread before each raw-log commit; blocks while it must."""

    def __init__(
        self,
        read_offset: Callable[[], int | None],
        limit: int,
        stall: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._read = read_offset
        self.limit = limit
        self._stall = stall
        self._clock = clock
        self._sleep = sleep
        self._offset: int | None = None
        self._moved = -1e18  # when the offset last changed
        self._looked = -1e18
        self.held_s = 0.0  # total time batches waited (also counted in the metrics)

    def _look(self) -> int | None:
        now = self._clock()
        self._looked = now
        offset = self._read()
        if offset != self._offset:
            self._offset, self._moved = offset, now
        return offset

    def _alive(self) -> bool:
        return self._clock() - self._moved < self._stall

    def hold(self, head: int, frames: int) -> None:
        """Before committing ``frames`` frames to a raw log whose last frame is ``head``."""
        if self.limit <= 0:
            return
        known = self._offset
        far_below = known is None or head - known < self.limit // 2
        if far_below and self._clock() - self._looked < _QUIET_S:
            return  # a moment ago, no worker or one far behind the limit: no query per commit
        offset = self._look()
        if offset is None or head - offset <= self.limit or not self._alive():
            return
        start, target = self._clock(), offset + frames
        while True:
            self._sleep(_POLL_S)
            offset = self._look()
            if offset is None or offset >= target or head - offset <= self.limit:
                break
            if not self._alive():
                log.warning(kv("worker_lag_wait_abandoned", lag=head - offset, stall_s=self._stall))
                break
        held = self._clock() - start
        self.held_s += held
        metrics.WORKER_LAG_HELD.inc(held)
