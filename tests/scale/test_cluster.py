"""The scale-out tier as a fleet runs it: HAProxy (PROXY v2, health checks) in front of two
gateways, two workers and the API, on NATS JetStream and PostgreSQL; 1,000 simulated devices;
one gateway and one worker killed with SIGKILL mid-run and restarted. At the end every ACKed
record is in PostgreSQL exactly once and the API serves it."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import asyncpg
import orjson
import pytest

from fleetwire.config import RawLogSettings
from fleetwire.store.postgres import schema
from fleetwire.testing import free_port, wait_port
from tests.e2e.harness import read_records
from tests.scale.cluster import ScaleCluster, haproxy_config

pytestmark = pytest.mark.slow

WIDE = "from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z"


def haproxy_binary() -> str:
    path = shutil.which("haproxy") or "/usr/sbin/haproxy"
    if not Path(path).exists():
        pytest.fail("haproxy is not installed (.ci/run installs Debian's package)")
    return path


async def stored_keys(pg_url: str) -> list[tuple[str, int]]:
    conn = await asyncpg.connect(pg_url)
    try:
        rows = await conn.fetch(
            "SELECT d.unique_id, (extract(epoch FROM p.fix_time) * 1000)::bigint AS ms"
            " FROM positions p JOIN devices d ON d.id = p.device_id"
        )
    finally:
        await conn.close()
    return [(r["unique_id"], int(r["ms"])) for r in rows]


def test_haproxy_two_gateways_two_workers_with_kills(
    tmp_path: Path, pg_url: str, nats_settings: RawLogSettings
) -> None:
    raw = nats_settings.model_copy(update={"partitions": 8})
    cluster = ScaleCluster(tmp_path, pg_url, raw)
    migrate = cluster.run("migrate")
    assert migrate.returncode == 0, migrate.stderr.decode()
    applied = ", ".join(str(v) for v, _ in schema.MIGRATIONS)
    assert f"applied [{applied}]".encode() in migrate.stdout and b"created" in migrate.stdout
    front, stats = free_port(), free_port()
    cfg = tmp_path / "haproxy.cfg"
    haproxy = None
    sim = None
    try:
        cluster.start_gateway("gw1")
        cluster.start_gateway("gw2")
        cfg.write_text(haproxy_config(
            front, [cluster.ports["gw1"]["teltonika"], cluster.ports["gw2"]["teltonika"]], stats
        ))  # fmt: skip
        with (tmp_path / "haproxy.log").open("wb") as hlog:
            haproxy = subprocess.Popen(
                [haproxy_binary(), "-f", str(cfg), "-db"], stdout=hlog, stderr=subprocess.STDOUT
            )
        wait_port(front, haproxy, tmp_path / "haproxy.log")
        cluster.start("w1", "worker")
        cluster.start("w2", "worker")
        cluster.start("api", "api")
        wait_port(cluster.api_port, cluster.procs["api"], tmp_path / "api.log")
        rec = tmp_path / "acked.jsonl"
        sim = subprocess.Popen(
            [sys.executable, "-m", "fleetwire", "simulate", "--json", "-p", "teltonika",
             "--port", str(front), "-n", "1000", "-r", "2", "--rate", "1", "-d", "12",
             "-P", "2", "--reconnect", "--connect-rate", "1000", "--record-file", str(rec)],
            env=cluster.env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        head = cluster.wait_head(2000)  # every device connected and sending
        # frozen first: each of gw1's devices (1 frame/s) writes a frame nobody answers, so the
        # SIGKILL finds frames in flight whatever the timing (at a random instant, with ACKs in
        # a few ms, it could find none and no device would need to resend)
        cluster.freeze("gw1")
        time.sleep(1.5)
        cluster.kill("gw1")  # SIGKILL: its devices lose their connection and their last ACK
        time.sleep(1.5)
        cluster.start_gateway("gw1")
        cluster.wait_head(head + 1000)
        cluster.kill("w1")  # SIGKILL mid-batch
        cluster.start("w1", "worker")
        out, err = sim.communicate(timeout=180)
        assert sim.returncode == 0, err.decode()
        summary = orjson.loads(out.splitlines()[-1])
        assert summary["connected"] >= 1000 and summary["errors"], summary
        assert summary["resent_acked"] > 0, summary  # the kill made devices resend
        cluster.wait_caught_up()
        sent = read_records(rec)
        assert len(sent) == summary["records_acked"] > 10000
        acked = {(r["device"], int(datetime.fromisoformat(r["time"]).timestamp() * 1000))
                 for r in sent}  # fmt: skip
        keys = asyncio.run(stored_keys(pg_url))
        # one row per (device, fix time): the primary key alone would allow a record stored
        # again with other content; and no more rows than records sent (past the ACKed ones,
        # at most each device's last frame of 2 records, its ACK cut off by the run's end)
        assert len(keys) == len(set(keys)), "a record was stored twice"
        assert len(acked) == len(sent), "the simulator got an ACK twice for one record"
        assert len(acked) <= len(keys) <= len(acked) + 1000 * 2, (len(keys), len(acked))
        missing = acked - set(keys)
        assert not missing, f"{len(missing)} ACKed records lost"
        # the API serves them: one device, record for record
        uid = sent[0]["device"]
        body = cluster.api(f"/api/fleetwire/positions?device={uid}&{WIDE}")
        assert {int(datetime.fromisoformat(p["time"].replace("Z", "+00:00")).timestamp() * 1000)
                for p in body} == {ms for d, ms in keys if d == uid}  # fmt: skip
        # the gateways saw the devices' own addresses through PROXY v2 (the simulator's)
        raw = cluster.api(f"/api/raw?device={uid}&{WIDE}&limit=5")
        assert raw and all(f["peer"].startswith("127.0.0.1:") for f in raw)
    finally:
        if sim is not None and sim.poll() is None:
            sim.kill()
        cluster.stop_all()
        if haproxy is not None:
            haproxy.terminate()
            haproxy.wait(10)
