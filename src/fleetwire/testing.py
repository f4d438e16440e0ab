"""Running Fleetwire roles as real processes, for the test suite, the benchmarks and anyone who
tests an integration against a real Fleetwire: free loopback ports, an environment that puts
every listener on them, starting a role with its log, waiting for its port, stopping it.

No mocks here: a role started with these is the `fleetwire` program a user runs.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from fleetwire.protocols import NAMES

_PORTS = random.Random()
_ISSUED: set[int] = set()


def free_port() -> int:
    """A loopback port free for TCP and UDP, below the kernel's ephemeral range (32768+): the
    simulator's client sockets take ephemeral ports, and one could land on a listener's port
    between a gateway's kill and its restart. Never one this process handed out before: a
    cluster takes some thirty ports before any is bound, and a repeat among them (a few percent
    per cluster by the birthday bound) put two listeners on one port."""
    while True:
        port = _PORTS.randrange(20000, 32768)
        if port in _ISSUED:
            continue
        try:
            with socket.socket() as t, socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u:
                t.bind(("127.0.0.1", port))
                u.bind(("127.0.0.1", port))
        except OSError:
            continue
        _ISSUED.add(port)
        return port


def role_env(ports: dict[str, int], **extra: str) -> dict[str, str]:
    """This process's environment without its FLEETWIRE_ settings, every listener on loopback:
    the API and each protocol on the port ``ports`` gives it, or a free one (a role must never
    collide with a `fleetwire run` on the default ports)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLEETWIRE_")}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    env["FLEETWIRE_GATEWAY__HOST"] = "127.0.0.1"
    env["FLEETWIRE_API__PORT"] = str(ports.get("api") or free_port())
    for name in NAMES:
        env[f"FLEETWIRE_PROTOCOLS__{name.upper()}__PORT"] = str(ports.get(name) or free_port())
    env.update(extra)
    return env


def start_role(
    role: str, args: list[str], env: dict[str, str], log: Path
) -> subprocess.Popen[bytes]:
    """``fleetwire <role> <args>`` with stdout and stderr appended to ``log``."""
    with log.open("ab") as out:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(
            [sys.executable, "-m", "fleetwire", role, *args],
            env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip


def wait_port(
    port: int,
    proc: subprocess.Popen[bytes] | None = None,
    log: Path | None = None,
    timeout: float = 30.0,
) -> None:
    """Wait until ``port`` accepts; fail early, with the process's log, if ``proc`` has died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            if proc is not None and proc.poll() is not None:
                break
            time.sleep(0.05)
    state = "running" if proc is None or proc.poll() is None else f"exited {proc.returncode}"
    tail = log.read_text(errors="replace")[-3000:] if log is not None and log.exists() else ""
    raise TimeoutError(f"nothing listens on port {port} (process {state})\n{tail}")


def stop(proc: subprocess.Popen[bytes], timeout: float = 60.0) -> int:
    """SIGTERM, then SIGKILL if it has not exited within ``timeout``; returns the exit code."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(30)
    return int(proc.returncode)
