"""/metrics: every local process's metrics (Prometheus multiprocess mode) plus the worker lag,
computed at scrape time from the raw-log head and the worker's committed offset."""

from __future__ import annotations

import os

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import REGISTRY, Collector


class _Lag(Collector):
    def __init__(self) -> None:
        self.head = 0
        self.lag = 0

    def collect(self):  # type: ignore[no-untyped-def]
        g = GaugeMetricFamily("fleetwire_worker_lag_frames", "Raw frames not yet processed")
        g.add_metric([], max(self.lag, 0))
        yield g
        h = GaugeMetricFamily("fleetwire_rawlog_head", "Last sequence number in the raw log")
        h.add_metric([], self.head)
        yield h


_lag = _Lag()
_registry: CollectorRegistry | None = None


def _get_registry() -> CollectorRegistry:
    global _registry
    if _registry is None:
        if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            _registry = CollectorRegistry()
            MultiProcessCollector(_registry)  # type: ignore[no-untyped-call]
        else:
            _registry = REGISTRY
        _registry.register(_lag)
    return _registry


def render(head: int, lag: int) -> tuple[bytes, str]:
    _lag.head, _lag.lag = head, lag
    return generate_latest(_get_registry()), CONTENT_TYPE_LATEST
