"""Real Traccar clients as the acceptance test (issue 10): pytraccar 3.0.0 (token auth; Home
Assistant's client since 2025.11) and pytraccar 2.1.1 (email + password, Basic on every call;
HA 2024.2-2025.10) against a running `fleetwire run`, every call they make, including the
WebSocket subscription receiving a simulated device's position.

pytraccar 3.0.0 requires Python 3.13: it runs in a venv of its own, made from a Python 3.13
found on PATH or under pyenv and cached in the pytest cache between runs (pip install from
PyPI). pytraccar 2.1.1 is in the test extras (Python >= 3.11), so it runs under this
interpreter. Both run as subprocesses of tests/e2e/pytraccar_client.py, which imports nothing
of Fleetwire's."""

from __future__ import annotations

import asyncio
import glob
import os
import shutil
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from fleetwire.api.traccar import derived
from fleetwire.api.traccar.telemetry import open_telemetry
from fleetwire.config import Settings
from tests.e2e.harness import Cluster, new_cluster, simulate, wait_caught_up

pytestmark = pytest.mark.slow

CLIENT = Path(__file__).with_name("pytraccar_client.py")
UID = 356307042441013
EMAIL, PASSWORD = "ha@example.org", "correct horse battery"


def python313() -> str | None:
    """A working Python 3.13: pyenv's versions first (a pyenv shim on PATH may not run)."""
    root = subprocess.run(["pyenv", "root"], capture_output=True, text=True, check=False)
    base = root.stdout.strip() if root.returncode == 0 else os.path.expanduser("~/.pyenv")
    candidates = sorted(glob.glob(f"{base}/versions/3.13*/bin/python3.13"), reverse=True)
    candidates += [p for p in [shutil.which("python3.13")] if p]
    for py in candidates:
        ok = subprocess.run([py, "-c", "import sys; assert sys.version_info[:2] == (3, 13)"],
                            capture_output=True, check=False)  # fmt: skip
        if ok.returncode == 0:
            return py
    return None


@pytest.fixture(scope="module")
def p3_python(request: pytest.FixtureRequest) -> str:
    """The python of a venv with pytraccar 3.0.0 (made once, kept in the pytest cache)."""
    py = python313()
    if py is None:
        if os.environ.get("CI"):
            pytest.fail("pytraccar 3.0.0 needs Python 3.13 and none was found")
        pytest.skip("pytraccar 3.0.0 needs Python 3.13: none on PATH or under pyenv")
    venv = Path(request.config.cache.mkdir("pytraccar3-venv"))  # type: ignore[union-attr]
    bin_py = venv / "bin" / "python"
    check = [str(bin_py), "-c", "import pytraccar, importlib.metadata as m;"
             "assert m.version('pytraccar') == '3.0.0'"]  # fmt: skip
    if not bin_py.exists() or subprocess.run(check, capture_output=True).returncode != 0:
        subprocess.run([py, "-m", "venv", "--clear", str(venv)], check=True)
        subprocess.run([str(bin_py), "-m", "pip", "install", "-q", "pytraccar==3.0.0"],
                       check=True, timeout=600)  # fmt: skip
    return str(bin_py)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Cluster, str]]:
    """A `fleetwire run`, a user with a password and a token, the simulated device known,
    a geofence and an alarm event of it."""
    c = new_cluster(tmp_path_factory.mktemp("pytraccar"))
    token = asyncio.run(_user_and_token(Settings(data_dir=c.data_dir)))
    c.start("run")
    try:
        drive(c, frames=1)
        wait_caught_up(c)
        depot = {"name": "Depot", "area": "CIRCLE (54.6872 25.2797, 300)"}
        call(c, token, "POST", "/api/geofences", depot)
        device = next(d for d in call(c, token, "GET", "/api/devices")
                      if d["uniqueId"] == str(UID))  # fmt: skip
        asyncio.run(_alarm_event(Settings(data_dir=c.data_dir), device["id"]))
        yield c, token
    finally:
        c.stop_all()


async def _user_and_token(settings: Settings) -> str:
    from fleetwire.store.db import open_registry
    from fleetwire.store.migrate import migrate_embedded
    from fleetwire.store.sessions import issue_token
    from fleetwire.store.users import create_user, now_ms

    await asyncio.to_thread(migrate_embedded, settings)
    engine = open_registry(settings)
    try:
        user = await create_user(engine, EMAIL, PASSWORD, administrator=True)
        return await issue_token(engine, user.id, now_ms() + 86_400_000)
    finally:
        await engine.dispose()


async def _alarm_event(settings: Settings, device_id: int) -> None:
    """An alarm as the worker's event logic stores it (CONTRACT.md's events table)."""
    from fleetwire.api.traccar.convert import now_ms

    engine = open_telemetry(settings)
    try:
        await derived.create_tables(engine)
        await derived.insert(engine, "events", [{
            "id": "5" * 40, "device_id": device_id, "type": "alarm",
            "event_time": now_ms() - 3_600_000, "position_id": None, "geofence_id": None,
            "maintenance_id": None, "attributes": '{"alarm": "sos"}',
            "superseded": 0}])  # fmt: skip
    finally:
        await engine.dispose()


def call(c: Cluster, token: str, method: str, path: str, body: Any = None) -> Any:
    req = urllib.request.Request(
        f"http://127.0.0.1:{c.ports['api']}{path}", method=method,
        data=orjson.dumps(body) if body is not None else None,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )  # fmt: skip
    with urllib.request.urlopen(req, timeout=10) as r:
        return orjson.loads(r.read())


def drive(c: Cluster, frames: int) -> None:
    simulate(c, "-p", "teltonika", "--port", str(c.ports["teltonika"]), "-n", "1",
             "--first-id", str(UID), "-f", str(frames), "--rate", "2", "-d", "30")  # fmt: skip


def run_client(c: Cluster, python: str, *auth: str) -> dict[str, Any]:
    """The client until it is subscribed, then a simulated device's new positions, then what
    the client saw."""
    proc = subprocess.Popen(
        [python, str(CLIENT), "--port", str(c.ports["api"]), "--device", str(UID), *auth],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.strip() == b"CONNECTED", line + proc.stderr.read() if proc.stderr else b""
        drive(c, frames=3)
        out, err = proc.communicate(timeout=90)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err.decode()
    result: dict[str, Any] = orjson.loads(out.splitlines()[-1])
    return result


def check(result: dict[str, Any]) -> None:
    server = result["server"]
    assert server["id"] == 1 and isinstance(server["attributes"], dict)
    device = next(d for d in result["devices"] if d["uniqueId"] == str(UID))
    assert device["status"] == "online" and device["positionId"] > 0
    assert {"id", "name", "model", "category", "attributes"} <= device.keys()
    assert [g["name"] for g in result["geofences"]] == ["Depot"]
    pos = next(p for p in result["positions"] if p["deviceId"] == device["id"])
    for key in ("latitude", "longitude", "altitude", "speed", "accuracy", "attributes"):
        assert key in pos
    assert pos["geofenceIds"] == [] and pos["id"] == device["positionId"]
    assert [(e["type"], e["attributes"]["alarm"]) for e in result["events"]] == [("alarm", "sos")]
    frames = result["frames"]
    # the first frame: latest positions on open; then devices and positions as they arrive
    assert frames[0]["devices"] is None and frames[0]["events"] is None
    later = [p for f in frames[1:] for p in f["positions"] or [] if p["deviceId"] == device["id"]]
    assert later and later[-1]["fixTime"] > pos["fixTime"]
    assert any(d["id"] == device["id"] for f in frames[1:] for d in f["devices"] or [])
    assert result["status_after"] == "disconnected"


def test_pytraccar_3_token(cluster: tuple[Cluster, str], p3_python: str) -> None:
    c, token = cluster
    check(run_client(c, p3_python, "--token", token))


def test_pytraccar_2_password(cluster: tuple[Cluster, str]) -> None:
    c, _ = cluster
    check(run_client(c, sys.executable, "--user", EMAIL, "--password", PASSWORD))
