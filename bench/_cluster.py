"""Shared helpers of the benchmark scripts: start roles as real processes, read their CPU and
memory from /proc, poll the stores. Benchmarks print figures; they assert nothing."""

from __future__ import annotations

import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from fleetwire.protocols import NAMES


def free_port() -> int:
    """A loopback port free for TCP and UDP below the ephemeral range (the simulator's client
    sockets take ephemeral ports)."""
    while True:
        port = random.randrange(20000, 32768)
        try:
            with socket.socket() as t, socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u:
                t.bind(("127.0.0.1", port))
                u.bind(("127.0.0.1", port))
        except OSError:
            continue
        return port


def env_for(ports: dict[str, int]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLEETWIRE_")}
    env.update(
        FLEETWIRE_GATEWAY__HOST="127.0.0.1",
        FLEETWIRE_API__PORT=str(ports["api"]),
        FLEETWIRE_LOG_LEVEL="WARNING",
    )
    for name in NAMES:  # every listener on a free port: a bench must not collide with a run
        env[f"FLEETWIRE_PROTOCOLS__{name.upper()}__PORT"] = str(ports.get(name) or free_port())
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    return env


def start(role: str, data_dir: Path, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "fleetwire", role, "--data-dir", str(data_dir)],
            env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip


def wait_port(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listens on {port}")


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            proc.kill()


_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (and its threads)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICKS


def rss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def stored_positions(data_dir: Path) -> int:
    conn = sqlite3.connect(data_dir / "telemetry.db", timeout=30)
    try:
        return int(conn.execute("SELECT max(id) FROM positions").fetchone()[0] or 0)
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


def lag(data_dir: Path) -> int:
    raw = sqlite3.connect(data_dir / "rawlog.db", timeout=30)
    tel = sqlite3.connect(data_dir / "telemetry.db", timeout=30)
    try:
        head = raw.execute("SELECT seq FROM sqlite_sequence WHERE name='frames'").fetchone()
        off = tel.execute("SELECT seq FROM offsets").fetchone()
        return (int(head[0]) if head else 0) - (int(off[0]) if off else 0)
    except sqlite3.OperationalError:
        return -1
    finally:
        raw.close()
        tel.close()


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(x) for x in path.read_text().split()] if path.exists() else []
