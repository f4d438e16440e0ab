"""NATS, then PostgreSQL, stopped for a few seconds under load: the gateway keeps serving (it
stops ACKing while JetStream is away, devices resend), workers retry with back-off, and at the
end every ACKed record is stored exactly once. The NATS server and the PostgreSQL cluster are the
test's own (tests/scale/private.py), on free ports: the machine's shared services keep serving
everyone else's tests. Without nats-server, initdb or pg_ctl the test skips, and under CI fails."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import asyncpg
import orjson
import pytest

from fleetwire.config import RawLogSettings
from fleetwire.testing import wait_port
from tests.e2e.harness import read_records
from tests.scale.cluster import ScaleCluster
from tests.scale.private import PrivateNats, PrivatePostgres, wait_down
from tests.scale.test_cluster import stored_keys

pytestmark = pytest.mark.slow


def outage(stop: Callable[[], None], start: Callable[[], None], port: int, seconds: float) -> None:
    stop()
    wait_down(port)
    try:
        time.sleep(seconds)
    finally:
        start()


def stored_rows(pg_url: str) -> tuple[int, list[tuple[str, int]]]:
    """All position rows, and (device, fix time) of each: a record stored twice with different
    content would be two rows of one key."""

    async def go() -> int:
        conn = await asyncpg.connect(pg_url)
        try:
            return int(await conn.fetchval("SELECT count(*) FROM positions"))
        finally:
            await conn.close()

    return asyncio.run(go()), asyncio.run(stored_keys(pg_url))


def test_nats_then_postgres_outage_under_load(tmp_path: Path) -> None:
    nats = PrivateNats(tmp_path)
    pg = PrivatePostgres()
    raw = RawLogSettings(
        url=nats.url, stream="FWOUTAGE", subject_prefix="fwoutage", partitions=4,
        publish_timeout=2.0, ack_wait=3.0, retention_days=1,
    )  # fmt: skip
    cluster = ScaleCluster(tmp_path, pg.url, raw)
    sim = None
    try:
        nats.start()
        pg.init()
        pg.start()
        migrate = cluster.run("migrate")
        assert migrate.returncode == 0, migrate.stderr.decode()
        cluster.start_gateway("gw", proxy=False)
        cluster.start("w1", "worker")
        cluster.start("api", "api")
        wait_port(cluster.api_port, cluster.procs["api"], tmp_path / "api.log")
        rec = tmp_path / "acked.jsonl"
        sim = subprocess.Popen(
            [sys.executable, "-m", "fleetwire", "simulate", "--json", "-p", "teltonika",
             "--port", str(cluster.ports["gw"]["teltonika"]), "-n", "200", "-r", "2",
             "--rate", "2", "-d", "16", "--reconnect", "--ack-timeout", "3",
             "--record-file", str(rec)],
            env=cluster.env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        time.sleep(3)
        outage(nats.stop, nats.start, nats.port, 3)
        time.sleep(3)
        outage(pg.stop, pg.start, pg.port, 3)
        out, err = sim.communicate(timeout=180)
        assert sim.returncode == 0, err.decode()
        summary = orjson.loads(out.splitlines()[-1])
        assert summary["errors"], "the NATS outage left every device's ACKs untouched"
        # devices resent what the outage left without an ACK, and those resends were ACKed
        assert summary["resent_acked"] > 0, orjson.dumps(summary).decode()
        cluster.wait_caught_up(180)
        sent = read_records(rec)
        assert len(sent) == summary["records_acked"]
        acked = {(r["device"], int(datetime.fromisoformat(r["time"]).timestamp() * 1000))
                 for r in sent}  # fmt: skip
        assert len(acked) == len(sent), "the simulator got an ACK twice for one record"
        rows, keys = stored_rows(pg.url)
        assert not acked - set(keys), f"{len(acked - set(keys))} ACKed records lost"
        # once each: no key twice, and nothing beyond what was sent (each device may have one
        # frame, 2 records, stored whose ACK the run's end cut off)
        assert rows == len(set(keys)), f"{rows - len(set(keys))} records stored twice"
        assert len(acked) <= rows <= len(acked) + 200 * 2, (rows, len(acked))
        gw_log = (tmp_path / "gw.log").read_text()
        assert "rawlog_append_failed" in gw_log and "rawlog_recovered" in gw_log
        w_log = (tmp_path / "w1.log").read_text()
        assert "rebalance_failed" in w_log or "worker_batch_failed" in w_log  # it saw the outage
        assert cluster.procs["gw"].poll() is None, "the gateway died in the outage"
    finally:
        if sim is not None and sim.poll() is None:
            sim.kill()
        cluster.stop_all()
        nats.stop()
        pg.remove()
