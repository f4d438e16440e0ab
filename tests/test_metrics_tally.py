"""metrics.HistogramTally adds its counts through prometheus_client's private histogram fields
(`_upper_bounds`, `_buckets`, `_sum`), to keep two syscalls per frame off the gateway's committer.
This checks it against the installed prometheus_client: the same observations through observe()
and through the tally give the same exposed samples, bucket for bucket."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Histogram

from fleetwire.metrics import HistogramTally

BUCKETS = (0.001, 0.005, 0.01, 0.05, 0.1)
VALUES = [0.0, 0.001, 0.0011, 0.004, 0.005, 0.02, 0.1, 0.5, 3.0, 0.0001, 0.07]


def _samples(h: Histogram) -> list[tuple[str, dict[str, str], float]]:
    return [
        (s.name.removeprefix("direct_").removeprefix("tallied_"), s.labels, s.value)
        for metric in h.collect()
        for s in metric.samples
        if not s.name.endswith("_created")
    ]


def test_the_tally_exposes_what_observe_would() -> None:
    registry = CollectorRegistry()
    direct = Histogram("direct_seconds", "d", buckets=BUCKETS, registry=registry)
    tallied = Histogram("tallied_seconds", "t", buckets=BUCKETS, registry=registry)
    tally = HistogramTally(tallied, every=3600)
    for v in VALUES:
        direct.observe(v)
        tally.observe(v)
    assert _samples(tallied) != _samples(direct)  # nothing reaches it before a flush
    tally.flush()
    assert _samples(tallied) == _samples(direct)
    tally.flush()  # a second flush adds nothing
    assert _samples(tallied) == _samples(direct)
