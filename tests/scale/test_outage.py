"""NATS, then PostgreSQL, stopped for a few seconds under load: the gateway keeps serving (it
stops ACKing while JetStream is away, devices resend), workers retry with back-off, and at the
end every ACKed record is stored exactly once. The services are this machine's own; they are
started again whatever happens (the commands of the machine's documentation)."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import orjson
import pytest

from fleetwire.config import RawLogSettings
from fleetwire.testing import wait_port
from tests.e2e.harness import read_records
from tests.scale.cluster import ScaleCluster
from tests.scale.test_cluster import stored_keys

pytestmark = pytest.mark.slow

NATS_START = [
    "start-stop-daemon", "--start", "--oknodo", "--background", "--exec",
    "/usr/sbin/nats-server", "--", "-a", "127.0.0.1", "-p", "4222", "-js", "-sd",
    "/var/lib/nats-server", "-l", "/var/log/nats-server.log",
]  # fmt: skip
NATS_STOP = ["start-stop-daemon", "--stop", "--oknodo", "--exec", "/usr/sbin/nats-server"]


def pg_cluster() -> list[str]:
    version = sorted(p.name for p in Path("/etc/postgresql").iterdir())[0]
    return ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main"]


def up(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def wait_up(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not up(port) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert up(port), f"service on {port} did not come back"


def outage(stop: list[str], start: list[str], port: int, seconds: float) -> None:
    subprocess.run(stop, check=True, capture_output=True, timeout=60)
    deadline = time.monotonic() + 30
    while up(port) and time.monotonic() < deadline:
        time.sleep(0.1)
    try:
        time.sleep(seconds)
    finally:
        subprocess.run(start, check=True, capture_output=True, timeout=60)
        wait_up(port)


def test_nats_then_postgres_outage_under_load(
    tmp_path: Path, pg_url: str, nats_settings: RawLogSettings
) -> None:
    if not Path("/usr/sbin/nats-server").exists() or not Path("/etc/postgresql").exists():
        pytest.skip("needs this machine's own NATS and PostgreSQL services to stop and start")
    cluster = ScaleCluster(tmp_path, pg_url, nats_settings)
    assert cluster.run("migrate").returncode == 0
    sim = None
    try:
        cluster.start_gateway("gw", proxy=False)
        cluster.start("w1", "worker")
        cluster.start("api", "api")
        wait_port(cluster.api_port, cluster.procs["api"], tmp_path / "api.log")
        rec = tmp_path / "acked.jsonl"
        sim = subprocess.Popen(
            [sys.executable, "-m", "fleetwire", "simulate", "--json", "-p", "teltonika",
             "--port", str(cluster.ports["gw"]["teltonika"]), "-n", "200", "-r", "2",
             "--rate", "2", "-d", "16", "--reconnect", "--record-file", str(rec)],
            env=cluster.env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        time.sleep(3)
        outage(NATS_STOP, NATS_START, 4222, 3)
        time.sleep(3)
        outage([*pg_cluster(), "stop", "-m", "fast"], [*pg_cluster(), "start"], 5432, 3)
        out, err = sim.communicate(timeout=180)
        assert sim.returncode == 0, err.decode()
        summary = orjson.loads(out.splitlines()[-1])
        assert summary["errors"], "the NATS outage left every device's ACKs untouched"
        cluster.wait_caught_up(180)
        sent = read_records(rec)
        acked = {(r["device"], int(datetime.fromisoformat(r["time"]).timestamp() * 1000))
                 for r in sent}  # fmt: skip
        keys = asyncio.run(stored_keys(pg_url))
        assert len(keys) == len(set(keys)), "a record was stored twice"
        assert not acked - set(keys), f"{len(acked - set(keys))} ACKed records lost"
        gw_log = (tmp_path / "gw.log").read_text()
        assert "rawlog_append_failed" in gw_log and "rawlog_recovered" in gw_log
        w_log = (tmp_path / "w1.log").read_text()
        assert "rebalance_failed" in w_log or "worker_batch_failed" in w_log  # it saw the outage
        assert cluster.procs["gw"].poll() is None, "the gateway died in the outage"
    finally:
        if not up(4222):
            subprocess.run(NATS_START, check=False, timeout=60)
        if not up(5432):
            subprocess.run([*pg_cluster(), "start"], check=False, timeout=60)
        if sim is not None and sim.poll() is None:
            sim.kill()
        cluster.stop_all()
