"""Structured logging: one line per event, key=value (default) or JSON."""

from __future__ import annotations

import logging
import sys
import time
from typing import Any

import orjson


def kv(event: str, **fields: Any) -> str:
    """``event k=v k2="v 2"``: the message body every Fleetwire log line uses."""
    parts = [event]
    for k, v in fields.items():
        s = str(v)
        if not s or any(c in s for c in ' ="'):
            s = '"' + s.replace('"', '\\"') + '"'
        parts.append(f"{k}={s}")
    return " ".join(parts)


class _KvFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        ts = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
        line = (
            f"{ts}.{int(record.msecs):03d}Z level={record.levelname.lower()}"
            f" role={record.name} {record.getMessage()}"
        )
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


class _JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        doc = {
            "time": record.created,
            "level": record.levelname.lower(),
            "role": record.name,
            "msg": record.getMessage(),
        }
        if record.exc_info:
            doc["exc"] = self.formatException(record.exc_info)
        return orjson.dumps(doc).decode()


def setup(level: str = "INFO", fmt: str = "kv") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_JsonFormatter() if fmt == "json" else _KvFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    logging.getLogger("uvicorn.access").setLevel(logging.WARNING)
    # Alembic narrates every start at INFO; store/migrate.py logs the one line worth keeping
    logging.getLogger("alembic").setLevel(logging.WARNING)


class Throttle:
    """A token bucket for log lines a remote peer can provoke (garbage, rejected frames,
    hostile connections closed): a flood must not be able to fill the disk with logs. Lines past
    the rate are counted, and the count is logged once a second by whoever calls ``report``."""

    __slots__ = ("_last", "_rate", "_tokens", "burst", "suppressed")

    def __init__(self, rate: float = 20.0, burst: float = 100.0) -> None:
        self._rate = rate
        self.burst = burst
        self._tokens = burst
        self._last = time.monotonic()
        self.suppressed = 0

    def allow(self) -> bool:
        now = time.monotonic()
        self._tokens = min(self.burst, self._tokens + (now - self._last) * self._rate)
        self._last = now
        if self._tokens >= 1.0:
            self._tokens -= 1.0
            return True
        self.suppressed += 1
        return False

    def report(self, logger: logging.Logger) -> None:
        if self.suppressed:
            logger.warning(kv("log_lines_suppressed", count=self.suppressed))
            self.suppressed = 0
