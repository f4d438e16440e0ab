"""The process harness that the tests and benchmarks share (fleetwire.testing)."""

from __future__ import annotations

from fleetwire.testing import free_port


def test_free_ports_are_never_handed_out_twice() -> None:
    # 12,768 candidate ports: 2,000 draws would repeat one ~150 times if repeats were possible
    # (a cluster's thirty-odd ports once collided in a few percent of runs: two listeners, one
    # port, a gateway that could not start or an API check answered by a tracker port)
    ports = [free_port() for _ in range(2000)]
    assert len(set(ports)) == len(ports)
