"""Trips by ignition in the embedded worker, set server-wide (`[logic]` in the configuration)
under Traccar's key: the stored trips are the ignition-on spans of the track."""

from __future__ import annotations

from pathlib import Path

from tests.worker.logic.track import T0
from tests.worker.test_worker_logic import append, derived, setup, track, worker


def test_server_key_switches_the_stored_trips_to_ignition(tmp_path: Path) -> None:
    dev = setup(tmp_path)
    records = track()  # ignition on exactly while driving: 600-1200 s and 2430-3030 s
    append(tmp_path, dev, [records[i : i + 10] for i in range(0, len(records), 10)])
    w = worker(tmp_path, **{"report.trip.useIgnition": True})
    while w.step():
        pass
    w.close()
    trips = [(start - T0, end - T0) for start, end, _ in derived(tmp_path)["trips"]]
    # from the first fix with the ignition on to the first with it off
    assert trips == [(600_000, 1_230_000), (2_430_000, 3_060_000)]
