"""Process-level harness of the scale-out tier: gateways, workers and the API as real processes
on NATS JetStream and PostgreSQL, HAProxy in front, the simulator as load."""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from fleetwire.config import RawLogSettings, Settings, StoreSettings
from fleetwire.protocols import NAMES
from fleetwire.testing import free_port, role_env, start_role, wait_port


@dataclass
class ScaleCluster:
    root: Path
    pg_url: str
    raw: RawLogSettings
    api_port: int = field(default_factory=free_port)
    procs: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    ports: dict[str, dict[str, int]] = field(default_factory=dict)  # gateway -> protocol -> port
    token: str = ""  # an administrator's API token, made at the first API call that needs it

    def env(self, **extra: str) -> dict[str, str]:
        return role_env(
            {"api": self.api_port},
            FLEETWIRE_RAWLOG__URL=self.raw.url,
            FLEETWIRE_RAWLOG__STREAM=self.raw.stream,
            FLEETWIRE_RAWLOG__SUBJECT_PREFIX=self.raw.subject_prefix,
            FLEETWIRE_RAWLOG__PARTITIONS=str(self.raw.partitions),
            FLEETWIRE_RAWLOG__ACK_WAIT=str(self.raw.ack_wait),
            FLEETWIRE_RAWLOG__PUBLISH_TIMEOUT=str(self.raw.publish_timeout),
            FLEETWIRE_STORE__URL=self.pg_url,
            FLEETWIRE_WORKER__POLL_INTERVAL="0.02",
            FLEETWIRE_WORKER__NICE="0",
            **extra,
        )

    def run(self, *args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "fleetwire", *args, "--data-dir", str(self.root / "data")],
            env=self.env(), capture_output=True, timeout=120, check=False,
        )  # fmt: skip

    def start(self, name: str, role: str, *args: str, **env: str) -> None:
        data = ["--data-dir", str(self.root / f"data-{name}")]
        self.procs[name] = start_role(role, [*data, *args], self.env(**env), self.log(name))

    def log(self, name: str) -> Path:
        return self.root / f"{name}.log"

    def start_gateway(self, name: str, proxy: bool = True) -> None:
        ports = self.ports.setdefault(name, {p: free_port() for p in NAMES})
        env = {f"FLEETWIRE_PROTOCOLS__{p.upper()}__PORT": str(port) for p, port in ports.items()}
        if proxy:
            env["FLEETWIRE_GATEWAY__PROXY_PROTOCOL"] = "true"
        self.start(name, "gateway", **env)
        wait_port(ports["teltonika"], self.procs[name], self.log(name))

    def kill(self, name: str) -> None:
        proc = self.procs[name]
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)

    def freeze(self, name: str) -> None:
        """SIGSTOP: the process keeps its sockets open but reads and answers nothing."""
        self.procs[name].send_signal(signal.SIGSTOP)

    def stop_all(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.procs.values():
            try:
                proc.wait(60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(30)

    def api(self, path: str) -> Any:
        if not self.token and path != "/api/health":  # migrated by now: an administrator
            from tests.e2e.harness import admin_token

            self.token = admin_token(
                Settings(data_dir=self.root / "data", store=StoreSettings(url=self.pg_url))
            )
        req = urllib.request.Request(
            f"http://127.0.0.1:{self.api_port}{path}",
            headers={"Authorization": f"Bearer {self.token}"} if self.token else {},
        )
        with urllib.request.urlopen(req, timeout=30) as r:
            return orjson.loads(r.read())

    def wait_head(self, frames: int, timeout: float = 60) -> int:
        """Wait until the raw log holds ``frames`` frames (devices are sending); returns the
        head. A kill before then could interrupt no device at all on a loaded machine."""
        deadline = time.monotonic() + timeout
        head = 0
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                head = int(self.api("/api/health")["rawlogHead"])
            if head >= frames:
                return head
            time.sleep(0.1)
        raise TimeoutError(f"raw log head {head} < {frames} after {timeout} s: " + self.logs())

    def wait_caught_up(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if self.api("/api/health")["lag"] == 0:
                    return
            except OSError:
                pass
            time.sleep(0.25)
        raise TimeoutError("workers did not catch up: " + self.logs())

    def logs(self) -> str:
        return "\n".join(
            f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}"
            for p in sorted(self.root.glob("*.log"))
        )


def haproxy_config(frontend_port: int, backends: list[int], stats_port: int) -> str:
    """The shape of deploy/haproxy.cfg, on loopback ports (maxconn fits this machine's
    20,000 open files: HAProxy needs two per proxied connection)."""
    servers = "\n".join(
        f"    server gw{i} 127.0.0.1:{port} send-proxy-v2 check check-send-proxy inter 500ms"
        f" fall 2 rise 1"
        for i, port in enumerate(backends, 1)
    )
    return f"""
global
    maxconn 8000
defaults
    mode tcp
    timeout connect 2s
    timeout client 35m
    timeout server 35m
    option tcpka
frontend teltonika
    bind 127.0.0.1:{frontend_port}
    default_backend gateways
backend gateways
    balance leastconn
{servers}
listen stats
    mode http
    bind 127.0.0.1:{stats_port}
    stats enable
    stats uri /
"""
