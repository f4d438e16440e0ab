"""A NATS server and a PostgreSQL cluster of a test's own, on free ports, for the tests that stop,
pause or kill a service: the machine's shared services serve other test runs at the same time and
must never be stopped by one.

The binaries are found where their packages put them (PATH, /usr/sbin, /usr/lib/postgresql/*/bin);
a missing one skips the test outside CI and fails it under CI=true, with the reason.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from fleetwire.testing import free_port, wait_port


def unavailable(why: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{why} (CI must be able to run this test)")
    pytest.skip(why)


def find_binary(name: str, *patterns: str) -> Path:
    """``name`` on PATH, in /usr/sbin or /usr/local/sbin, or in a versioned package directory
    (``patterns``: globs such as /usr/lib/postgresql/*/bin; the newest version wins)."""
    found = shutil.which(name, path=os.pathsep.join(
        [os.environ.get("PATH", ""), "/usr/sbin", "/usr/local/sbin", "/sbin"]
    ))  # fmt: skip
    if found:
        return Path(found)
    for pattern in patterns:
        root = Path("/")
        hits = sorted(root.glob(pattern.lstrip("/") + f"/{name}"), key=_version_key)
        if hits:
            return hits[-1]
    unavailable(f"{name} is not installed (looked on PATH, /usr/sbin and {', '.join(patterns)})")
    raise AssertionError("unreachable")


def _state(task: Path) -> str:
    """A thread's scheduler state from /proc (R running, S sleeping, T stopped, ...)."""
    try:
        stat = (task / "stat").read_text()
    except FileNotFoundError:  # the thread ended
        return "T"
    return stat[stat.rindex(")") + 2]


def _version_key(path: Path) -> tuple[int, ...]:
    return tuple(int(p) for p in path.parts if p.isdigit())


@dataclass
class PrivateNats:
    """``nats-server -js`` on a free port with its store in the test's directory."""

    root: Path
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen[bytes] | None = None
    max_file_store: int = 0  # bytes JetStream may keep on disk; 0: the server's default

    @property
    def url(self) -> str:
        return f"nats://127.0.0.1:{self.port}"

    def start(self) -> None:
        binary = find_binary("nats-server")
        log = self.root / "nats-server.log"
        conf = self.root / "nats-server.conf"
        limit = f", max_file_store: {self.max_file_store}" if self.max_file_store else ""
        conf.write_text(
            f"listen: 127.0.0.1:{self.port}\n"
            f'jetstream {{ store_dir: "{self.root / "jetstream"}"{limit} }}\n'
        )
        with log.open("ab") as out:
            self.proc = subprocess.Popen(
                [str(binary), "-c", str(conf)], stdout=out, stderr=subprocess.STDOUT
            )
        wait_port(self.port, self.proc, log)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGCONT)  # a paused server cannot exit
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(15)
        self.proc = None

    def pause(self) -> None:
        """SIGSTOP, returning once every thread of the server has stopped: the signal is only
        queued when kill() returns, and on a loaded machine a server still running for a few
        ms answered the publish the test sent next (seen in CI)."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGSTOP)
        tasks = Path(f"/proc/{self.proc.pid}/task")
        deadline = time.monotonic() + 10
        while any(_state(t) not in "Tt" for t in tasks.iterdir()):
            assert time.monotonic() < deadline, "nats-server did not stop within 10 s"
            time.sleep(0.001)

    def resume(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGCONT)


def _as_postgres(cmd: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run its tools as the postgres user then."""
    if os.geteuid() != 0:
        return cmd
    runuser = shutil.which("runuser") or "/usr/sbin/runuser"
    return [runuser, "-u", "postgres", "--", *cmd]


@dataclass
class PrivatePostgres:
    """An initdb'd cluster on a free port, trust authentication, fsync off (a test's data)."""

    port: int = field(default_factory=free_port)
    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="fw-pg-")))

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    @staticmethod
    def bin(name: str) -> Path:
        """A tool of the same installation as pg_ctl (an initdb of another major version would
        make a cluster this pg_ctl cannot start)."""
        return find_binary("pg_ctl", "/usr/lib/postgresql/*/bin").resolve().parent / name

    def _run(self, *args: str, timeout: float = 60) -> None:
        out = subprocess.run(_as_postgres(list(args)), capture_output=True, timeout=timeout,
                             check=False)  # fmt: skip
        if out.returncode != 0:
            log = self.root / "postgres.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{args[0]} failed: {out.stderr.decode()}{tail}")

    def init(self) -> None:
        initdb = self.bin("initdb")
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        self._run(str(initdb), "-D", str(self.root / "data"), "-U", "postgres", "-A", "trust",
                  "-N", "-E", "UTF8")  # fmt: skip

    def start(self) -> None:
        pg_ctl = self.bin("pg_ctl")
        opts = (f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root} -c fsync=off"
                " -c full_page_writes=off -c max_connections=100")  # fmt: skip
        self._run(str(pg_ctl), "start", "-w", "-D", str(self.root / "data"), "-o", opts,
                  "-l", str(self.root / "postgres.log"))  # fmt: skip
        wait_port(self.port)

    def stop(self, mode: str = "fast") -> None:
        pg_ctl = self.bin("pg_ctl")
        if (self.root / "data" / "postmaster.pid").exists():
            self._run(str(pg_ctl), "stop", "-w", "-m", mode, "-D", str(self.root / "data"))

    def remove(self) -> None:
        try:
            self.stop("immediate")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def wait_down(port: int, timeout: float = 30) -> None:
    import socket

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                pass
        except OSError:
            return
        time.sleep(0.1)
    raise TimeoutError(f"port {port} still accepts after {timeout} s")
