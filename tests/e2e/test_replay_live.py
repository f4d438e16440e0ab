"""`fleetwire replay` beside a running `fleetwire run` under load, all real processes: the
replayed device's records are corrected, and the worker storing other devices' frames meanwhile
loses and doubles nothing."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from tests.e2e.harness import Cluster, api, new_cluster, read_records, wait_caught_up
from tests.tools.test_replay import UTC_TIMES, VL03_FRAMES

pytestmark = pytest.mark.slow

UID = "752533678900242"  # the Concox JM-VL03 document's example device (GMT+8)
WIDE = {"from": "2000-01-01T00:00:00Z", "to": "2100-01-01T00:00:00Z"}


def fixes(cluster: Cluster, uid: str) -> list[str]:
    return [p["time"] for p in api(cluster, "/api/fleetwire/positions", device=uid, **WIDE)
            if p["latitude"] is not None]  # fmt: skip


def wait_for_devices(cluster: Cluster, n: int) -> None:
    deadline = time.monotonic() + 30
    while len(api(cluster, "/api/fleetwire/positions/latest")) < n:
        assert time.monotonic() < deadline, "the simulated devices' positions never arrived"
        time.sleep(0.05)


def test_replay_beside_a_running_worker(tmp_path: Path) -> None:
    cluster = new_cluster(tmp_path)
    run = cluster.start("run")
    sim = None
    try:
        with socket.create_connection(("127.0.0.1", cluster.ports["gt06"]), timeout=10) as s:
            for frame in VL03_FRAMES:
                s.sendall(frame)
                if frame[3] in (0x01, 0x26):  # login and alarm are answered
                    assert len(s.recv(64)) == 10
        wait_caught_up(cluster)
        assert fixes(cluster, UID) == ["2015-12-29T02:51:05.000Z", "2015-12-29T03:11:38.000Z"]

        records = tmp_path / "acked.jsonl"
        sim = subprocess.Popen(
            [sys.executable, "-m", "fleetwire", "simulate", "--json", "-p", "teltonika",
             "--port", str(cluster.ports["teltonika"]), "-n", "20", "-r", "10", "--rate", "5",
             "-d", "6", "--record-file", str(records)],
            env=cluster.env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        wait_for_devices(cluster, 2)  # the worker is storing the load when the replay starts
        replay = subprocess.run(
            [sys.executable, "-m", "fleetwire", "replay", "--protocol", "gt06", "--json",
             "--data-dir", str(cluster.data_dir)],
            env={**cluster.env(), "FLEETWIRE_PROTOCOLS__GT06__TIMEZONE": "8"},
            capture_output=True, timeout=60, check=False,
        )  # fmt: skip
        assert replay.returncode == 0, replay.stderr.decode()
        summary = orjson.loads(replay.stdout)
        assert (summary["frames"], summary["removed"], summary["added"]) == (3, 2, 2)

        out, err = sim.communicate(timeout=120)
        assert sim.returncode == 0, err.decode()
        acked = orjson.loads(out.splitlines()[-1])
        wait_caught_up(cluster)
        want = {(r["device"], r["time"]) for r in read_records(records)}
        assert acked["records_acked"] == len(want) > 0
        got = [(d["uniqueId"], p["time"]) for d in api(cluster, "/api/fleetwire/devices")
               if d["uniqueId"] != UID
               for p in api(cluster, "/api/fleetwire/positions", device=d["uniqueId"],
                            **WIDE)]  # fmt: skip
        assert len(got) == len(set(got)) == len(want)  # nothing lost, nothing doubled

        utc = [t.isoformat(timespec="milliseconds").replace("+00:00", "Z") for t in UTC_TIMES]
        assert fixes(cluster, UID) == utc
        latest = {p["deviceId"]: p for p in api(cluster, "/api/fleetwire/positions/latest")}
        device = next(d for d in api(cluster, "/api/fleetwire/devices") if d["uniqueId"] == UID)
        assert latest[device["id"]]["time"] == utc[1]
    finally:
        if sim is not None and sim.poll() is None:
            sim.kill()
        run.send_signal(signal.SIGTERM)
        run.wait(60)
