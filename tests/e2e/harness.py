"""Process-level helpers for end-to-end tests: a `fleetwire run` (or its roles) as real processes
on free ports (fleetwire.testing), the simulator, the API over HTTP."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from fleetwire.config import Settings
from fleetwire.protocols import NAMES, get
from fleetwire.protocols.base import Transport
from fleetwire.testing import free_port, role_env, start_role, wait_port


@dataclass
class Cluster:
    data_dir: Path
    ports: dict[str, int] = field(default_factory=dict)
    procs: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    logs: dict[str, Path] = field(default_factory=dict)
    token: str = ""  # an administrator's API token, for the API calls of the tests
    extra_env: dict[str, str] = field(default_factory=dict)

    def env(self) -> dict[str, str]:
        return role_env(self.ports, FLEETWIRE_WORKER__POLL_INTERVAL="0.02", **self.extra_env)

    def start(self, role: str, *args: str) -> subprocess.Popen[bytes]:
        log = self.data_dir.parent / f"{role}.log"
        self.logs[role] = log
        proc = start_role(role, ["--data-dir", str(self.data_dir), *args], self.env(), log)
        self.procs[role] = proc
        if role in ("run", "gateway"):  # every TCP listener: the gateway binds them in turn
            for name in NAMES:
                if Transport.TCP in get(name).transports:
                    wait_port(self.ports[name], proc, log)
        if role in ("run", "api"):
            wait_port(self.ports["api"], proc, log)
        return proc

    def kill(self, role: str, sig: int = signal.SIGKILL) -> None:
        proc = self.procs[role]
        proc.send_signal(sig)
        proc.wait(30)

    def freeze(self, role: str) -> None:
        """SIGSTOP: the process keeps its sockets open but reads and answers nothing."""
        self.procs[role].send_signal(signal.SIGSTOP)

    def stop_all(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.procs.values():
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(30)

    def log_text(self) -> str:
        return "\n".join(f"--- {r}\n{p.read_text(errors='replace')[-4000:]}"
                         for r, p in self.logs.items() if p.exists())  # fmt: skip


def new_cluster(tmp_path: Path) -> Cluster:
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    cluster = Cluster(data, {"api": free_port(), **{name: free_port() for name in NAMES}})
    cluster.token = admin_token(Settings(data_dir=data))
    return cluster


def admin_token(settings: Settings) -> str:
    """An administrator in the registry of ``settings`` (migrated first, as the roles would;
    made once) and a new API token of its."""
    from fleetwire.store.db import open_registry
    from fleetwire.store.migrate import migrate_embedded
    from fleetwire.store.sessions import issue_token
    from fleetwire.store.users import create_user, find_user, now_ms

    async def go() -> str:
        engine = open_registry(settings)
        try:
            user = await find_user(engine, "e2e@example.org") or await create_user(
                engine, "e2e@example.org", None, administrator=True
            )
            return await issue_token(engine, user.id, now_ms() + 86400_000)
        finally:
            await engine.dispose()

    if not settings.store.postgres:
        migrate_embedded(settings)
    return asyncio.run(go())


def simulate(cluster: Cluster, *args: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", "fleetwire", "simulate", "--json", *args],
        env=cluster.env(), capture_output=True, timeout=300, check=False,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr.decode() + out.stdout.decode()
    summary: dict[str, Any] = orjson.loads(out.stdout.splitlines()[-1])
    return summary


def api(cluster: Cluster, path: str, **params: str) -> Any:
    url = f"http://127.0.0.1:{cluster.ports['api']}{path}"
    if params:
        url += "?" + urllib.parse.urlencode(params)
    req = urllib.request.Request(url, headers={"Authorization": f"Bearer {cluster.token}"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return orjson.loads(r.read())


def metrics_text(cluster: Cluster) -> str:
    """/metrics once the gateway has flushed its counters (it does so every second)."""
    time.sleep(1.2)
    url = f"http://127.0.0.1:{cluster.ports['api']}/metrics"
    with urllib.request.urlopen(url, timeout=10) as r:
        return str(r.read().decode())


def wait_caught_up(cluster: Cluster, timeout: float = 60.0) -> None:
    """Poll /api/health until the worker has processed everything the gateway stored; on
    failure, say why with the roles' logs."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            h = api(cluster, "/api/health")
        except OSError as e:
            raise TimeoutError(f"/api/health: {e!r}\n{cluster.log_text()}") from e
        if h["lag"] == 0 and h["rawlogHead"] > 0:
            return
        time.sleep(0.1)
    raise TimeoutError(f"the worker did not catch up\n{cluster.log_text()}")


def read_records(path: Path) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines() if line]
