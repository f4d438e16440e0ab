"""`fleetwire run`: gateway, worker, outbox (notification and forwarding delivery) and API as
separate processes (both cores work), each restarted when it dies; on SIGINT/SIGTERM the gateway
stops first (it flushes and ACKs what it holds), then the worker finishes its batch, then the
outbox and the API go.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from fleetwire.logs import kv

log = logging.getLogger("run")

ROLES = ("gateway", "worker", "outbox", "api")
_STOP_ORDER = ("gateway", "worker", "outbox", "api")
_BACKOFF_MAX = 30.0


@dataclass
class Child:
    role: str
    argv: list[str]
    proc: subprocess.Popen[bytes] | None = None
    restarts: int = 0
    started: float = 0.0
    backoff: float = 0.5
    next_start: float = field(default=0.0)


def prepare_metrics_dir(path: Path) -> None:
    """A fresh multiprocess metrics directory: stale files of dead processes would be summed."""
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True, exist_ok=True)


def supervise(
    common_args: list[str],
    metrics_dir: Path,
    roles: tuple[str, ...] = ROLES,
    *,
    clean: bool = True,
) -> int:
    """Run one child per entry of ``roles`` (a role may repeat: N gateways on one port)."""
    if clean:
        prepare_metrics_dir(metrics_dir)
    else:
        metrics_dir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PROMETHEUS_MULTIPROC_DIR=str(metrics_dir))
    children = [Child(r, [sys.executable, "-m", "fleetwire", r, *common_args]) for r in roles]
    stopping = False

    def on_signal(signum: int, frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)

    def start(c: Child) -> None:
        c.proc = subprocess.Popen(c.argv, env=env)
        c.started = time.monotonic()
        log.info(kv("started", role=c.role, pid=c.proc.pid))

    for c in children:
        start(c)
        if c.role == "gateway":
            time.sleep(0.3)  # let it create the raw log before the worker opens it
    while not stopping:
        time.sleep(0.2)
        now = time.monotonic()
        for c in children:
            if c.proc is not None and c.proc.poll() is not None:
                code = c.proc.returncode
                from prometheus_client import multiprocess

                multiprocess.mark_process_dead(c.proc.pid, str(metrics_dir))  # type: ignore[no-untyped-call]
                c.backoff = 0.5 if now - c.started > 60 else min(c.backoff * 2, _BACKOFF_MAX)
                c.next_start = now + c.backoff
                c.restarts += 1
                log.error(kv("exited", role=c.role, pid=c.proc.pid, code=code,
                             restart_in=round(c.backoff, 1)))  # fmt: skip
                c.proc = None
            if c.proc is None and now >= c.next_start and not stopping:
                start(c)
    log.info(kv("stopping"))
    for role in _STOP_ORDER:  # gateways first: they flush and ACK what they hold
        group = [c for c in children if c.role == role and c.proc is not None]
        for c in group:
            assert c.proc is not None
            c.proc.send_signal(signal.SIGTERM)
        for c in group:
            assert c.proc is not None
            try:
                c.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                log.error(kv("kill", role=role, pid=c.proc.pid))
                c.proc.kill()
                c.proc.wait()
    log.info(kv("stopped"))
    return 0
