"""simulate -> gateway -> raw log -> worker -> API for many protocols in one `fleetwire run`.

The same check as test_end_to_end.py (exactly the positions sent, once each, at the protocol's
coordinate resolution; the raw log holds every frame) for the protocols added since, in one
process tree: a cluster per protocol costs seconds each, and thirty of them would take minutes
of `make test`. Each protocol's simulated devices get ids of their own (IMEI-form ids are offset
per protocol), so no two protocols share a device.
"""

from __future__ import annotations

import signal
from datetime import datetime
from pathlib import Path

import pytest

from fleetwire.protocols import device_class
from tests.e2e.harness import api, new_cluster, read_records, simulate, wait_caught_up

pytestmark = pytest.mark.slow

WIDE = {"from": "2000-01-01T00:00:00Z", "to": "2100-01-01T00:00:00Z"}
DEVICES = 5
FRAMES = 10

# (protocol, records a frame, coordinate tolerance in degrees, frames each connection opens with)
BATCH: tuple[tuple[str, int, float, int], ...] = (
    ("egts", 1, 1e-6, 1),
    ("its", 1, 1e-5, 1),
    ("jt600", 1, 1e-6, 0),
    ("taip", 1, 1e-5, 0),
    ("aplicom", 1, 1e-6, 0),
    ("cguard", 1, 1e-6, 1),
    ("box", 1, 1e-5, 1),
    ("easytrack", 1, 1e-6, 1),
    ("v680", 1, 1e-6, 1),
    ("t55", 1, 1e-6, 1),
    ("trv", 1, 1e-6, 1),
    ("ivt401", 1, 1e-6, 0),
    ("topin", 1, 1e-6, 1),
    ("khd", 1, 1e-5, 0),
    ("vt200", 1, 1e-6, 0),
    ("huasheng", 1, 1e-5, 1),
    ("megastek", 1, 1e-6, 0),
    ("laipac", 1, 1e-6, 1),
    ("tramigo", 1, 1e-5, 0),
    ("wondex", 1, 1e-6, 1),
    ("mobilogix", 1, 1e-6, 1),
    ("telic", 1, 1e-6, 1),
    ("tlt2h", 1, 1e-6, 0),
    ("upro", 1, 1e-6, 0),
    ("starlink", 1, 1e-6, 0),
    ("intellitrac", 1, 1e-6, 0),
    ("mictrack", 1, 1e-6, 0),
    ("gotop", 1, 1e-6, 0),
    ("navis", 1, 1e-5, 1),
)


def _first_id(protocol: str, k: int) -> list[str]:
    example = device_class(protocol).example_id
    if example.isdigit() and len(example) >= 10:
        return ["--first-id", str(int(example) + 1000 * (k + 1))]
    return []  # another id form: the protocol's own ids, unlike any IMEI


def _stamp(time: str) -> float:
    return datetime.fromisoformat(time.replace("Z", "+00:00")).timestamp()


@pytest.mark.parametrize("batch", [BATCH], ids=["all"])
def test_each_protocol_stores_exactly_the_positions_sent(
    tmp_path: Path, batch: tuple[tuple[str, int, float, int], ...]
) -> None:
    assert batch, "no protocol in the batch"
    cluster = new_cluster(tmp_path)
    run = cluster.start("run")
    try:
        for k, (protocol, records, tolerance, opening) in enumerate(batch):
            rec = tmp_path / f"{protocol}.jsonl"
            summary = simulate(
                cluster, "-p", protocol, "--port", str(cluster.ports[protocol]),
                "-n", str(DEVICES), "-r", str(records), "-f", str(FRAMES), "-d", "60",
                "--record-file", str(rec), *_first_id(protocol, k),
            )  # fmt: skip
            assert summary["acked"] == DEVICES * FRAMES and summary["failed"] == 0, (
                protocol, summary)  # fmt: skip
            wait_caught_up(cluster)
            want: dict[tuple[str, float], tuple[float, float]] = {}
            for r in read_records(rec):
                want[r["device"], _stamp(r["time"])] = (r["latitude"], r["longitude"])
            assert len(want) == DEVICES * FRAMES * records, protocol
            known = {d["uniqueId"] for d in api(cluster, "/api/fleetwire/devices")}
            assert {d for d, _ in want} <= known, (protocol, {d for d, _ in want} - known)
            for uid in {d for d, _ in want}:
                got: dict[tuple[str, float], list[tuple[float, float]]] = {}
                for p in api(cluster, "/api/fleetwire/positions", device=uid, **WIDE):
                    if p["latitude"] is not None:
                        got.setdefault((uid, _stamp(p["time"])), []).append(
                            (p["latitude"], p["longitude"])
                        )
                mine = {key: fix for key, fix in want.items() if key[0] == uid}
                assert got.keys() == mine.keys(), (protocol, uid)
                for key, (lat, lon) in mine.items():
                    assert len(got[key]) == 1, (protocol, key)  # stored once
                    lat2, lon2 = got[key][0]
                    assert abs(lat - lat2) <= tolerance, (protocol, key)
                    assert abs(lon - lon2) <= tolerance, (protocol, key)
                raw = api(cluster, "/api/raw", device=uid, **WIDE)
                assert len(raw) == FRAMES + opening, (protocol, uid)
    finally:
        run.send_signal(signal.SIGTERM)
        code = run.wait(60)
    assert code == 0, cluster.log_text()
