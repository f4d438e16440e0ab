"""Shared helpers of the benchmark scripts: start roles as real processes, read their CPU and
memory from /proc, poll the stores. Benchmarks print figures; they assert nothing."""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
from pathlib import Path

from fleetwire.testing import free_port, role_env, start_role, stop, wait_port

__all__ = ["free_port", "start_role", "stop", "wait_port"]  # re-exported for the bench scripts


def env_for(ports: dict[str, int]) -> dict[str, str]:
    return role_env(ports, FLEETWIRE_LOG_LEVEL="WARNING")


def add_set_option(ap: argparse.ArgumentParser) -> None:
    """--set FLEETWIRE_X__Y=V (repeatable): a setting for the roles, to compare settings on one
    build; with_settings() puts them in the roles' environment."""
    ap.add_argument("--set", action="append", default=[], metavar="FLEETWIRE_X__Y=V",
                    help="a setting for the roles (environment form), repeatable")  # fmt: skip


def with_settings(env: dict[str, str], settings: list[str]) -> dict[str, str]:
    return dict(env, **dict(kv.split("=", 1) for kv in settings))


def start(role: str, data_dir: Path, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return start_role(role, ["--data-dir", str(data_dir)], env, log)


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


def raw_head(data_dir: Path) -> int:
    """Frames appended to the embedded raw log so far (its last sequence number)."""
    raw = sqlite3.connect(data_dir / "rawlog.db", timeout=30)
    try:
        head = raw.execute("SELECT seq FROM sqlite_sequence WHERE name='frames'").fetchone()
        return int(head[0]) if head else 0
    except sqlite3.OperationalError:
        return 0
    finally:
        raw.close()


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
