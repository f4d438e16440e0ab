"""What authentication costs per API request: a real `fleetwire api` process on an embedded
registry with one administrator, called over HTTP (keep-alive, one client) with each way to log
in, against the public /api/health as the baseline; and a password login (argon2).

    python bench/auth.py --requests 500
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import http.client
import statistics
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _cluster import env_for, free_port, start, stop, wait_port
from fleetwire.config import Settings
from fleetwire.store.db import open_registry
from fleetwire.store.migrate import migrate_embedded
from fleetwire.store.sessions import issue_token
from fleetwire.store.users import create_user, now_ms

EMAIL, PASSWORD = "bench@example.org", "bench password"


def admin_token(data: Path) -> str:
    settings = Settings(data_dir=data)
    migrate_embedded(settings)

    async def go() -> str:
        engine = open_registry(settings)
        try:
            user = await create_user(engine, EMAIL, PASSWORD, administrator=True)
            return await issue_token(engine, user.id, now_ms() + 3600_000)
        finally:
            await engine.dispose()

    return asyncio.run(go())


def timed(conn: http.client.HTTPConnection, method: str, path: str, headers: dict[str, str],
          body: str | None = None) -> tuple[float, int, http.client.HTTPResponse]:  # fmt: skip
    t0 = time.perf_counter()
    conn.request(method, path, body=body, headers=headers)
    r = conn.getresponse()
    r.read()
    return (time.perf_counter() - t0) * 1000, r.status, r


def quantiles(ms: list[float]) -> str:
    q = statistics.quantiles(ms, n=100)
    return f"p50 {q[49]:6.2f} ms  p99 {q[98]:6.2f} ms"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=500)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        token = admin_token(data)
        port = free_port()
        proc = start("api", data, env_for({"api": port}), Path(tmp) / "api.log")
        try:
            wait_port(port, proc)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            form = urllib.parse.urlencode({"email": EMAIL, "password": PASSWORD})
            login_headers = {"Content-Type": "application/x-www-form-urlencoded"}
            logins, cookie = [], ""
            for _ in range(20):
                ms, status, r = timed(conn, "POST", "/api/session", login_headers, form)
                assert status == 200, status
                logins.append(ms)
                cookie = r.headers["set-cookie"].split(";")[0]
            basic = "Basic " + base64.b64encode(f"{EMAIL}:{PASSWORD}".encode()).decode()
            bearer = f"Bearer {token}"
            ways = {
                "anonymous /api/health (baseline)": ("/api/health", {}),
                "Bearer token   /api/devices": ("/api/devices", {"Authorization": bearer}),
                "session cookie /api/devices": ("/api/devices", {"Cookie": cookie}),
                "Basic          /api/devices": ("/api/devices", {"Authorization": basic}),
            }  # fmt: skip
            print(f"password login (argon2id), 20 logins: {quantiles(logins)}")
            for name, (path, headers) in ways.items():
                times = []
                for _ in range(args.requests):
                    ms, status, _ = timed(conn, "GET", path, headers)
                    assert status == 200, (name, status)
                    times.append(ms)
                print(f"{name:36} {args.requests} requests: {quantiles(times)}")
        finally:
            stop(proc)


if __name__ == "__main__":
    main()
