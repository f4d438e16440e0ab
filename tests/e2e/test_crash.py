"""kill -9 of the gateway and of the worker under load: no ACKed record lost, none doubled.

The simulated devices behave as trackers do when their connection breaks: reconnect, log in again
and resend whatever was not ACKed. Every ACKed record (the simulator's record file) must be in the
store exactly once, and no record may be stored twice: the simulator's count of frames ACKed on a
resend shows that the kills did make devices resend, and the rows stored are counted against the
records sent (the unique key alone would hide a record stored twice with other content).
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

import orjson
import pytest

from tests.e2e.harness import new_cluster, read_records

pytestmark = pytest.mark.slow


def _stored(data_dir: Path) -> Counter[tuple[str, int]]:
    reg = sqlite3.connect(data_dir / "registry.db")
    ids = dict(reg.execute("SELECT id, unique_id FROM devices"))
    reg.close()
    tel = sqlite3.connect(data_dir / "telemetry.db")
    rows = tel.execute("SELECT device_id, fix_time FROM positions WHERE latitude IS NOT NULL")
    out = Counter((ids[dev], fix) for dev, fix in rows)
    tel.close()
    return out


def _head(data_dir: Path) -> int:
    raw = sqlite3.connect(data_dir / "rawlog.db")
    try:
        row = raw.execute("SELECT seq FROM sqlite_sequence WHERE name='frames'").fetchone()
    except sqlite3.OperationalError:  # the gateway has not created the log yet
        row = None
    finally:
        raw.close()
    return int(row[0]) if row else 0


def _wait_head(data_dir: Path, frames: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while _head(data_dir) < frames:
        assert time.monotonic() < deadline, f"fewer than {frames} frames stored in {timeout} s"
        time.sleep(0.05)


def _lag(data_dir: Path) -> int:
    raw = sqlite3.connect(data_dir / "rawlog.db")
    head = raw.execute("SELECT seq FROM sqlite_sequence WHERE name='frames'").fetchone()[0]
    raw.close()
    tel = sqlite3.connect(data_dir / "telemetry.db")
    row = tel.execute("SELECT seq FROM offsets").fetchone()
    tel.close()
    return int(head) - (int(row[0]) if row else 0)


# protocols whose data frames the server ACKs (GT06 location packets get no reply, so a device
# cannot know they were stored and no server can promise anything about them)
# 20 s of sending at 20 frames/s: the kills land mid-run on a fast machine too (at 100 frames a
# quiet machine finished every device in 5 s, before the gateway was killed: nothing to resend)
FRAMES = 400


@pytest.mark.parametrize(
    "protocol",
    [
        "teltonika",
        "jt808",
    ],
)
def test_kill_9_gateway_and_worker_under_load(tmp_path: Path, protocol: str) -> None:
    cluster = new_cluster(tmp_path)
    cluster.start("gateway")
    cluster.start("worker")
    rec = tmp_path / "acked.jsonl"
    records = "5" if protocol == "teltonika" else "1"  # JT/T 808 0x0200 carries one fix
    sim = subprocess.Popen(
        [sys.executable, "-m", "fleetwire", "simulate", "--json", "-p", protocol,
         "--port", str(cluster.ports[protocol]), "-n", "50", "-r", records,
         "-f", str(FRAMES), "-d", "90",
         "--rate", "20", "--reconnect", "--record-file", str(rec)],
        env=cluster.env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        # kill only once the devices are sending (a loaded machine can take seconds to start
        # the simulator, and a kill before it connects would interrupt no device)
        _wait_head(cluster.data_dir, 300)
        # freeze the gateway before the kill: the devices, all sending in step, write their next
        # frame into a socket nobody reads, so the SIGKILL lands with frames in flight on every
        # connection whatever the timing (killed at a random instant, a quiet machine with 4 ms
        # ACKs and 50 ms between frames could find no device waiting: nothing to resend)
        cluster.freeze("gateway")
        time.sleep(0.5)
        cluster.kill("gateway")  # SIGKILL mid-load: frames in flight lose their ACK
        head = _head(cluster.data_dir)
        cluster.start("gateway")
        _wait_head(cluster.data_dir, head + 300)  # the devices are back and sending
        cluster.kill("worker")  # SIGKILL mid-batch
        cluster.start("worker")
        out, err = sim.communicate(timeout=120)
        assert sim.returncode == 0, err.decode()
        summary = orjson.loads(out.splitlines()[-1])
        assert summary["errors"], "the kill did not interrupt any device"
        # the kill made devices resend, and the restarted gateway ACKed those resends
        assert summary["resent_acked"] > 0, orjson.dumps(summary).decode()
        assert summary["acked"] == 50 * FRAMES  # every device got through all its frames
        deadline = time.monotonic() + 60
        while _lag(cluster.data_dir) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _lag(cluster.data_dir) == 0
        sent = read_records(rec)
        assert all(r["acked"] for r in sent)
        acked = Counter(
            (r["device"], int(datetime.fromisoformat(r["time"]).timestamp() * 1000)) for r in sent
        )
        assert sum(acked.values()) == summary["records_acked"] > 0
        stored = _stored(cluster.data_dir)
        missing = set(acked) - set(stored)
        assert not missing, f"{len(missing)} ACKed records lost"
        doubled = {k: n for k, n in stored.items() if n > 1}
        assert not doubled, f"{len(doubled)} records stored twice"
        # nothing stored beyond what was sent: past the ACKed records, at most each device's
        # last frame, stored while its ACK was lost to the end of the run
        extra = sum(stored.values()) - len(acked)
        assert 0 <= extra <= 50 * int(records), extra
    finally:
        if sim.poll() is None:
            sim.kill()
            sim.wait()
        cluster.stop_all()
    cluster_logs = cluster.log_text()
    assert "Traceback" not in cluster_logs, cluster_logs
