"""Prometheus metrics of every role.

Processes of one host share PROMETHEUS_MULTIPROC_DIR (set by the CLI before this module is
imported) and the API's /metrics aggregates them. The gateway counts in plain ints on its hot path
(Tally) and flushes them here once a second, so a frame costs no metric write.
"""

from __future__ import annotations

import glob
import os
import time
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable

from prometheus_client import Counter, Gauge, Histogram

CONNECTIONS = Gauge(
    "fleetwire_connections", "Open device connections", ["protocol"], multiprocess_mode="livesum"
)
FRAMES_RECEIVED = Counter("fleetwire_frames_received", "Frames received", ["protocol"])
FRAMES_STORED = Counter("fleetwire_frames_stored", "Frames durable in the raw log", ["protocol"])
FRAMES_ACKED = Counter(
    "fleetwire_frames_acked",
    "Frames durable and answered (reply written, or none due) on a still open connection",
    ["protocol"],
)
RECORDS_ACKED = Counter("fleetwire_records_acked", "Records ACKed to devices", ["protocol"])
FRAMES_REJECTED = Counter(
    "fleetwire_frames_rejected", "Frames refused, not ACKed", ["protocol", "reason"]
)
GARBAGE_BYTES = Counter("fleetwire_garbage_bytes", "Bytes skipped between frames", ["protocol"])
CONNECTIONS_CLOSED = Counter(
    "fleetwire_connections_closed", "Connections closed by the gateway", ["protocol", "reason"]
)
APPEND_SECONDS = Histogram(
    "fleetwire_rawlog_append_seconds",
    "From a frame's arrival to its durable append (raw-log latency seen by the ACK)",
    buckets=(0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5),
)
APPEND_BATCH = Histogram(
    "fleetwire_rawlog_batch_frames",
    "Frames per raw-log group commit",
    buckets=(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000),
)
WORKER_LAG_HELD = Counter(
    "fleetwire_gateway_worker_lag_held_seconds",
    "Time raw-log commits waited for the embedded worker to catch up (gateway.max_worker_lag)",
)
RAWLOG_WRITE_ERRORS = Counter(
    "fleetwire_rawlog_write_errors",
    "Raw-log writes that failed, nothing of them ACKed (a group commit on SQLite, a publish on"
    " JetStream), by reason: disk_full, io_error, locked, timeout, unavailable, error",
    ["reason"],
)
RAWLOG_WRITABLE = Gauge(
    "fleetwire_rawlog_writable",
    "1 while the gateway's last raw-log write succeeded, 0 while writes fail (nothing is ACKed)",
    multiprocess_mode="livemin",
)
DETECTED = Counter(
    "fleetwire_connections_detected", "Connections on the auto port, by protocol", ["protocol"]
)
WORKER_FRAMES = Counter("fleetwire_worker_frames", "Frames processed by workers", ["protocol"])
WORKER_RECORDS = Counter("fleetwire_worker_records", "Records decoded", ["protocol"])
WORKER_STORED = Counter("fleetwire_worker_stored", "Records newly stored (not duplicates)")
DECODE_ERRORS = Counter(
    "fleetwire_decode_errors", "Frames that did not decode (dead letters)", ["protocol"]
)
RECORDS_INVALID = Counter(
    "fleetwire_records_invalid",
    "Decoded records that failed the sanity check, kept as dead letters, never stored",
    ["protocol", "field"],
)
WORKER_BATCH_SECONDS = Histogram(
    "fleetwire_worker_batch_seconds",
    "Time to decode and store one batch",
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
)
LOGIC_REJECTED = Counter(
    "fleetwire_logic_rejected", "Positions kept out of telemetry by a filter (filter.*)"
)
LOGIC_RECOMPUTES = Counter(
    "fleetwire_logic_recomputes", "Devices whose derived data was recomputed for late data"
)
LOGIC_DERIVED = Counter(
    "fleetwire_logic_derived", "Derived rows written (events, trips, stops, geofence visits)"
)

_COUNTERS = {
    "received": FRAMES_RECEIVED,
    "acked": FRAMES_ACKED,
    "stored": FRAMES_STORED,
    "records": RECORDS_ACKED,
    "garbage": GARBAGE_BYTES,
    "detected": DETECTED,
}


class Tally:
    """Hot-path counters as plain ints, flushed into Prometheus periodically."""

    __slots__ = ("closed", "counts", "rejected")

    def __init__(self) -> None:
        self.counts: defaultdict[tuple[str, str], int] = defaultdict(int)
        self.rejected: defaultdict[tuple[str, str], int] = defaultdict(int)
        self.closed: defaultdict[tuple[str, str], int] = defaultdict(int)

    def flush(self) -> None:
        for (name, protocol), n in self.counts.items():
            if n:
                _COUNTERS[name].labels(protocol).inc(n)
        for (protocol, reason), n in self.rejected.items():
            if n:
                FRAMES_REJECTED.labels(protocol, reason).inc(n)
        for (protocol, reason), n in self.closed.items():
            if n:
                CONNECTIONS_CLOSED.labels(protocol, reason).inc(n)
        self.counts.clear()
        self.rejected.clear()
        self.closed.clear()


class HistogramTally:
    """A histogram's observations counted in plain numbers by the one thread that makes them
    and added to the Prometheus histogram at most once per ``every`` seconds.

    observe() on a multiprocess histogram writes two values of a shared mmap, each after asking
    the kernel for the process id (a syscall): once per frame on the committer's path that was
    some 5 us of CPU per frame. Adding the counts per bucket reaches the same series."""

    __slots__ = ("_bounds", "_counts", "_every", "_hist", "_next", "_sum")

    def __init__(self, hist: Histogram, every: float = 1.0) -> None:
        self._hist = hist
        # observe() puts a value in the first bucket whose upper bound is not below it, which
        # is what bisect_left finds; the last bound is +Inf, so every value has its bucket
        self._bounds = list(hist._upper_bounds)
        self._counts = [0] * len(self._bounds)
        self._sum = 0.0
        self._every = every
        self._next = time.monotonic() + every

    def observe(self, value: float) -> None:
        self._counts[bisect_left(self._bounds, value)] += 1
        self._sum += value

    def flush_due(self, now: float) -> None:
        """Flush if the last flush is ``every`` seconds old."""
        if now >= self._next:
            self.flush()
            self._next = now + self._every

    def flush(self) -> None:
        hist = self._hist
        counts = self._counts
        for i, n in enumerate(counts):
            if n:
                hist._buckets[i].inc(n)
                counts[i] = 0
        if self._sum:
            hist._sum.inc(self._sum)
            self._sum = 0.0


def reserve_files(protocols: Iterable[str], reasons: Iterable[str]) -> None:
    """Back this process's metrics files with real disk blocks now, while there is space.

    With several processes the metrics are memory-mapped files in the data directory, created
    sparse: the first write to a page the disk cannot supply kills the process with SIGBUS. A
    gateway must outlive a full disk (it stops ACKing and waits), so it creates every series it
    flushes per protocol, and every raw-log error reason, ahead, and allocates the files' pages.
    Series first seen later (a new rejection reason) may still grow a file on a full disk."""
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not directory:
        return
    names = list(protocols)
    for counter in _COUNTERS.values():
        for name in names:
            counter.labels(name)
    for name in names:
        CONNECTIONS.labels(name)
    for reason in reasons:
        RAWLOG_WRITE_ERRORS.labels(reason)
    for path in glob.glob(os.path.join(directory, f"*_{os.getpid()}.db")):
        fd = os.open(path, os.O_RDWR)
        try:
            os.posix_fallocate(fd, 0, os.fstat(fd).st_size)
        except OSError:
            pass  # no space even now: nothing more can be done here
        finally:
            os.close(fd)


# -- the outbox (worker/outbox): forwarding sinks and notification channels, by sink name
# ("notify:<channel>" for notifications)
OUTBOX_DELIVERED = Counter("fleetwire_outbox_delivered", "Messages delivered", ["sink"])
OUTBOX_FAILURES = Counter(
    "fleetwire_outbox_failures",
    "Failed delivery attempts (unreachable: retried; refused: counts toward dead)",
    ["sink", "reason"],
)
OUTBOX_DEAD = Counter("fleetwire_outbox_dead", "Messages given up on (dead letters)", ["sink"])
OUTBOX_DEPTH = Gauge(
    "fleetwire_outbox_depth",
    "Messages waiting to be delivered",
    ["sink"],
    multiprocess_mode="livemax",
)
