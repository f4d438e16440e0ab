"""WebSocket fan-out benchmark: N simulated Teltonika devices sending through a real `fleetwire
run`, C clients on the Traccar WebSocket /api/socket (aiohttp, `?token=` auth). Half the
clients are administrators (they see every device); the others belong to users who each see
an equal share of the devices. For every position the devices had ACKed, it checks that it
reached every client allowed to see it, and measures the latency from the device's ACK to
the client's receipt (both clocks are this machine's).

Prints positions ACKed, deliveries expected and made, frames received, and the latency
percentiles.

    python bench/websocket.py                                  # 1,000 devices, 100 clients
    python bench/websocket.py --devices 200 --clients 20 --duration 15
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

import aiohttp
import orjson

sys.path.insert(0, str(Path(__file__).parent))
from _cluster import free_port, stop, wait_port
from fleetwire.config import Settings
from fleetwire.protocols import NAMES
from fleetwire.testing import role_env, start_role

FIRST_ID = 357000000000000


def ms_of(iso: str) -> int:
    t = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    return int(t.timestamp()) * 1000 + t.microsecond // 1000


async def setup(
    settings: Settings, devices: int, users: int
) -> tuple[str, list[tuple[str, set[int]]]]:
    """Devices, an administrator and `users` users each linked to a slice of the devices;
    returns the admin token and (token, device ids) per user."""
    from sqlalchemy import insert

    from fleetwire.store import access
    from fleetwire.store.db import open_registry
    from fleetwire.store.schema import devices as devices_t
    from fleetwire.store.sessions import issue_token
    from fleetwire.store.users import create_user, now_ms

    engine = open_registry(settings)
    try:
        async with engine.begin() as conn:
            await conn.execute(insert(devices_t), [
                {"id": i + 1, "unique_id": str(FIRST_ID + i), "name": f"Bench {i:04d}",
                 "protocol": "teltonika", "created": now_ms(), "disabled": False,
                 "attributes": "{}"} for i in range(devices)])  # fmt: skip
        expires = now_ms() + 86_400_000
        admin = await create_user(engine, "admin@bench.example", None, administrator=True)
        out = []
        share = max(1, devices // max(1, users))
        for u in range(users):
            user = await create_user(engine, f"user{u}@bench.example", None)
            ids = set(range(u * share + 1, min(devices, (u + 1) * share) + 1))
            for d in ids:
                await access.link(engine, "user", user.id, "device", d)
            out.append((await issue_token(engine, user.id, expires), ids))
        return await issue_token(engine, admin.id, expires), out
    finally:
        await engine.dispose()


class Client:
    def __init__(self, token: str, sees: set[int] | None) -> None:
        self.token = token
        self.sees = sees  # None: every device
        self.got: dict[tuple[int, int], float] = {}
        self.frames = 0

    async def run(self, url: str, ready: asyncio.Event, stop_at: asyncio.Event) -> None:
        async with aiohttp.ClientSession() as s, s.ws_connect(f"{url}?token={self.token}") as ws:
            ready.set()
            while not stop_at.is_set():
                try:
                    msg = await asyncio.wait_for(ws.receive(), 0.5)
                except TimeoutError:
                    continue
                if msg.type != aiohttp.WSMsgType.TEXT:
                    break
                now = time.time()
                self.frames += 1
                for p in orjson.loads(msg.data).get("positions") or []:
                    self.got.setdefault((p["deviceId"], ms_of(p["fixTime"])), now)


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(q * (len(s) - 1)))] if s else float("nan")


async def bench(args: argparse.Namespace) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="fw-ws-bench-"))
    data = tmp / "data"
    data.mkdir()
    ports = {"api": free_port(), **{n: free_port() for n in NAMES}}
    env = role_env(ports, FLEETWIRE_LOG_LEVEL="WARNING", FLEETWIRE_WORKER__POLL_INTERVAL="0.02")
    settings = Settings(data_dir=data)
    from fleetwire.store.migrate import migrate_embedded

    await asyncio.to_thread(migrate_embedded, settings)
    users = args.clients - args.clients // 2
    admin_token, user_tokens = await setup(settings, args.devices, users)
    proc = start_role("run", ["--data-dir", str(data)], env, tmp / "run.log")
    try:
        wait_port(ports["api"], proc, tmp / "run.log", timeout=60)
        wait_port(ports["teltonika"], proc, tmp / "run.log", timeout=60)
        clients = [Client(admin_token, None) for _ in range(args.clients // 2)]
        clients += [Client(tok, ids) for tok, ids in user_tokens]
        url = f"ws://127.0.0.1:{ports['api']}/api/socket"
        stop_at = asyncio.Event()
        readies = [asyncio.Event() for _ in clients]
        tasks = [
            asyncio.create_task(c.run(url, r, stop_at))
            for c, r in zip(clients, readies, strict=True)
        ]
        await asyncio.wait_for(asyncio.gather(*(r.wait() for r in readies)), 60)
        rec = tmp / "records.jsonl"
        sim = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "fleetwire", "simulate", "-p", "teltonika",
            "--port", str(ports["teltonika"]), "-n", str(args.devices),
            "--first-id", str(FIRST_ID), "--rate", str(args.rate), "-d", str(args.duration),
            "--record-file", str(rec), "--json", env=env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL,
        )  # fmt: skip
        out, _ = await sim.communicate()
        await asyncio.sleep(args.grace)
        stop_at.set()
        await asyncio.gather(*tasks, return_exceptions=True)
    finally:
        stop(proc)
    summary: dict[str, Any] = orjson.loads(out.splitlines()[-1])
    acked = [orjson.loads(line) for line in rec.read_bytes().splitlines() if line]
    expected = delivered = 0
    latencies: list[float] = []
    for r in acked:
        device_id = int(r["device"]) - FIRST_ID + 1
        key = (device_id, ms_of(r["time"]))
        for c in clients:
            if c.sees is not None and device_id not in c.sees:
                continue
            expected += 1
            at = c.got.get(key)
            if at is not None:
                delivered += 1
                latencies.append(at - r["at"])
    per_client: dict[str, int] = defaultdict(int)
    for c in clients:
        per_client["admin" if c.sees is None else "user"] += c.frames
    print(f"{args.devices} devices at {args.rate}/s for {args.duration:.0f} s, {len(clients)}"
          f" clients ({args.clients // 2} administrators, {users} users with"
          f" {args.devices // max(1, users)} devices each)")  # fmt: skip
    print(f"positions ACKed {len(acked):,} ({summary.get('records_per_s', 0):,.0f}/s);"
          f" deliveries expected {expected:,}, made {delivered:,}"
          f" ({100 * delivered / max(1, expected):.2f} %); frames received"
          f" {sum(per_client.values()):,}")  # fmt: skip
    ms = [x * 1000 for x in latencies]
    print(f"ACK -> client latency: p50 {pct(ms, 0.5):.0f} ms, p99 {pct(ms, 0.99):.0f} ms,"
          f" max {max(ms, default=float('nan')):.0f} ms")  # fmt: skip
    shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--devices", type=int, default=1000)
    ap.add_argument("--clients", type=int, default=100)
    ap.add_argument("--rate", type=float, default=0.2, help="frames/s per device")
    ap.add_argument("--duration", type=float, default=30.0)
    ap.add_argument("--grace", type=float, default=3.0, help="s to wait for late frames")
    asyncio.run(bench(ap.parse_args()))


if __name__ == "__main__":
    main()
