"""Whether the gateway can write its raw log: the state both committers (SQLite and JetStream)
report failed and successful writes to, its log lines and its metrics.

A raw log that cannot be written (disk full, I/O error, JetStream away) means nothing is ACKed;
the gateway stays up and devices keep their data and resend. Every failed write counts in
``fleetwire_rawlog_write_errors_total{reason}`` and ``fleetwire_rawlog_writable`` drops to 0, but
the log gets one line when writes start failing and one when they work again, never one per
frame: a device resending into a full disk must not fill the rest of it with log lines. A raw
log that flaps logs again at most once per ``LOG_EVERY_S``.
"""

from __future__ import annotations

import errno
import logging
import sqlite3
import threading
import time

from fleetwire import metrics
from fleetwire.logs import kv
from fleetwire.protocols import NAMES

log = logging.getLogger("gateway")

LOG_EVERY_S = 60.0
REASONS = ("disk_full", "io_error", "locked", "timeout", "unavailable", "error")

# SQLite primary result codes (the low byte of an extended code)
_SQLITE_REASONS = {
    sqlite3.SQLITE_FULL: "disk_full",
    sqlite3.SQLITE_IOERR: "io_error",
    sqlite3.SQLITE_BUSY: "locked",
    sqlite3.SQLITE_LOCKED: "locked",
    sqlite3.SQLITE_READONLY: "io_error",
    sqlite3.SQLITE_CANTOPEN: "io_error",
}


def reason_of(error: BaseException) -> str:
    """A short, bounded label for why a raw-log write failed (a metric label, not a message)."""
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        if isinstance(code, int):
            return _SQLITE_REASONS.get(code & 0xFF, "error")
        return "error"
    if isinstance(error, OSError) and error.errno is not None:
        if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            return "disk_full"
        return "io_error"
    if isinstance(error, TimeoutError):
        return "timeout"
    text = f"{type(error).__name__} {error}".lower()
    # JetStream's own refusals: a server or stream out of storage (insufficient resources,
    # storage resources exceeded, maximum bytes exceeded, store failed)
    if any(s in text for s in ("resources", "storage", "bytes exceeded", "store failed")):
        return "disk_full"
    if "timeout" in text or "stall" in text:
        return "timeout"
    if any(s in text for s in ("noresponders", "unavailable", "closed", "connect")):
        return "unavailable"
    return "error"


class RawLogHealth:
    """Thread-safe: the SQLite committer reports from its thread, JetStream's from the loop."""

    def __init__(self, backend: str) -> None:
        self.backend = backend
        self.writable = True
        self._lock = threading.Lock()
        self._since = 0.0  # monotonic time writes started failing
        self._failures = 0  # failed writes since then
        self._last_line = -LOG_EVERY_S  # monotonic time of the last failure line
        self._logged = False  # this failing spell has its line
        metrics.RAWLOG_WRITABLE.set(1)
        # the metrics files live on the data directory's disk, the one that may fill up
        metrics.reserve_files(NAMES, REASONS)

    def failed(self, error: BaseException, frames: int) -> str:
        reason = reason_of(error)
        metrics.RAWLOG_WRITE_ERRORS.labels(reason).inc()
        now = time.monotonic()
        with self._lock:
            if self.writable:
                self.writable = False
                self._since = now
                self._failures = 0
                self._logged = False
                metrics.RAWLOG_WRITABLE.set(0)
            self._failures += 1
            if self._logged or now - self._last_line < LOG_EVERY_S:
                return reason
            self._logged = True
            self._last_line = now
        log.error(kv("rawlog_append_failed", backend=self.backend, reason=reason,
                     error=repr(error)[:300], frames=frames,
                     note="nothing is ACKed until the raw log can be written"))  # fmt: skip
        return reason

    def succeeded(self) -> None:
        if self.writable:  # the hot path: one attribute read
            return
        with self._lock:  # another thread may have seen the recovery first
            was_failing = not self.writable
            self.writable = True
            metrics.RAWLOG_WRITABLE.set(1)
            logged, failures, since = self._logged, self._failures, self._since
        if was_failing and logged:
            log.warning(kv("rawlog_recovered", backend=self.backend, failed_writes=failures,
                           seconds=round(time.monotonic() - since, 1)))  # fmt: skip
