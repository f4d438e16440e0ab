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
    python bench/websocket.py --client-procs 4 --stages --deflate  # clients as browsers are
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import shutil
import sqlite3
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
from _cluster import children, cpu_seconds, free_port, stop, wait_port
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
        self._raw: list[tuple[float, str]] = []

    async def run(
        self, url: str, ready: asyncio.Event, stop_at: asyncio.Event, compress: int
    ) -> None:
        """Timestamp each frame as it arrives and parse nothing until the end: parsing a
        hundred clients' frames as they come would delay the receipt of the next ones and
        count the bench's own CPU in the latency."""
        async with (
            aiohttp.ClientSession() as s,
            s.ws_connect(f"{url}?token={self.token}", compress=compress) as ws,
        ):
            ready.set()
            while not stop_at.is_set():
                try:
                    msg = await asyncio.wait_for(ws.receive(), 0.5)
                except TimeoutError:
                    continue
                if msg.type != aiohttp.WSMsgType.TEXT:
                    break
                self._raw.append((time.time(), msg.data))
        self.frames = len(self._raw)
        for now, data in self._raw:
            for p in orjson.loads(data).get("positions") or []:
                self.got.setdefault((p["deviceId"], ms_of(p["fixTime"])), now)
        self._raw = []


def run_clients(
    url: str, share: int, tokens: list[str], compress: int, ready: Any, stop_at: Any, out: Any
) -> None:
    """One client process: its share of the clients on one event loop; reports `ready` once
    they are all connected, runs until `stop_at` is set, then sends back (frames, receipt
    times) per client."""

    async def main() -> None:
        clients = [Client(t, None) for t in tokens]
        done = asyncio.Event()
        readies = [asyncio.Event() for _ in clients]
        tasks = [
            asyncio.create_task(c.run(url, r, done, compress))
            for c, r in zip(clients, readies, strict=True)
        ]
        await asyncio.wait_for(asyncio.gather(*(r.wait() for r in readies)), 60)
        ready.put(len(clients))
        await asyncio.to_thread(stop_at.wait)
        done.set()
        await asyncio.gather(*tasks, return_exceptions=True)
        out.put((share, [(c.frames, c.got) for c in clients]))

    asyncio.run(main())


class CommitSeen:
    """When each position became visible in the telemetry store (polled every few ms from
    the bench process), to split the latency into ACK -> commit and commit -> client."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.at: dict[tuple[int, int], float] = {}

    async def run(self, stop_at: asyncio.Event) -> None:
        conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=5)
        try:
            head = int(conn.execute("SELECT coalesce(max(id), 0) FROM positions").fetchone()[0])
            version = None
            while not stop_at.is_set():
                v = conn.execute("PRAGMA data_version").fetchone()[0]
                if v != version:
                    version = v
                    now = time.time()
                    rows = conn.execute(
                        "SELECT id, device_id, fix_time FROM positions WHERE id > ?", (head,)
                    ).fetchall()
                    for pid, dev, fix in rows:
                        self.at.setdefault((int(dev), int(fix)), now)
                        head = max(head, int(pid))
                await asyncio.sleep(0.005)
        finally:
            conn.close()


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(q * (len(s) - 1)))] if s else float("nan")


def role_cpu(run_pid: int) -> dict[str, float]:
    """CPU seconds so far of each role `fleetwire run` supervises, by role name."""
    out: dict[str, float] = {}
    for pid in children(run_pid):
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            role = argv[argv.index(b"fleetwire") + 1].decode()
            out[role] = out.get(role, 0.0) + cpu_seconds(pid)
        except (OSError, ValueError, IndexError):  # exited, or not a role
            continue
    return out


def spread(seconds: list[float]) -> str:
    ms = [x * 1000 for x in seconds]
    return (f"p50 {pct(ms, 0.5):.0f} ms, p99 {pct(ms, 0.99):.0f} ms,"
            f" max {max(ms, default=float('nan')):.0f} ms")  # fmt: skip


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
        procs = max(1, min(args.client_procs, len(clients)))
        mp = multiprocessing.get_context("spawn")
        ready, results, stop_at = mp.Queue(), mp.Queue(), mp.Event()
        shares = [list(range(i, len(clients), procs)) for i in range(procs)]
        compress = 15 if args.deflate else 0
        workers = [
            mp.Process(
                target=run_clients,
                args=(url, n, [clients[i].token for i in share], compress, ready, stop_at, results),
                daemon=True,
            )
            for n, share in enumerate(shares)
        ]
        for w in workers:
            w.start()
        for _ in workers:
            await asyncio.to_thread(ready.get, True, 90)
        seen = CommitSeen(data / "telemetry.db")
        seen_stop = asyncio.Event()
        observer = asyncio.create_task(seen.run(seen_stop)) if args.stages else None
        rec = tmp / "records.jsonl"
        load0 = os.getloadavg()
        cpu0 = role_cpu(proc.pid)
        sim = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "fleetwire", "simulate", "-p", "teltonika",
            "--port", str(ports["teltonika"]), "-n", str(args.devices),
            "--first-id", str(FIRST_ID), "--rate", str(args.rate), "-d", str(args.duration),
            "--record-file", str(rec), "--json", env=env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL,
        )  # fmt: skip
        out, _ = await sim.communicate()
        load1 = os.getloadavg()
        cpu1 = role_cpu(proc.pid)
        await asyncio.sleep(args.grace)
        stop_at.set()
        seen_stop.set()
        if observer is not None:
            await observer
        by_share = [await asyncio.to_thread(results.get, True, 120) for _ in workers]
        for w in workers:
            await asyncio.to_thread(w.join, 30)
    finally:
        stop(proc)
    for n, result in by_share:
        for i, (frames, got) in zip(shares[n], result, strict=True):
            clients[i].frames, clients[i].got = frames, got
    summary: dict[str, Any] = orjson.loads(out.splitlines()[-1])
    acked = [orjson.loads(line) for line in rec.read_bytes().splitlines() if line]
    expected = delivered = 0
    latencies: list[float] = []
    to_commit: list[float] = []  # ACK -> visible in the store, once per position
    to_client: list[float] = []  # visible in the store -> client, per delivery
    for r in acked:
        device_id = int(r["device"]) - FIRST_ID + 1
        key = (device_id, ms_of(r["time"]))
        committed = seen.at.get(key)
        if committed is not None:
            to_commit.append(committed - r["at"])
        for c in clients:
            if c.sees is not None and device_id not in c.sees:
                continue
            expected += 1
            at = c.got.get(key)
            if at is not None:
                delivered += 1
                latencies.append(at - r["at"])
                if committed is not None:
                    to_client.append(at - committed)
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
    print(f"ACK -> client latency: {spread(latencies)}")
    if args.stages:
        print(f"  ACK -> committed (seen in the store): {spread(to_commit)}")
        print(f"  committed -> client: {spread(to_client)}")
    used = ", ".join(f"{r} {cpu1[r] - cpu0.get(r, 0.0):.1f}" for r in sorted(cpu1))
    print(f"CPU seconds while the devices sent: {used}")
    print(f"{procs} client process(es); load average {load0[0]:.2f} before the devices,"
          f" {load1[0]:.2f} after ({os.cpu_count()} CPUs)")  # fmt: skip
    shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--devices", type=int, default=1000)
    ap.add_argument("--clients", type=int, default=100)
    ap.add_argument("--rate", type=float, default=0.2, help="frames/s per device")
    ap.add_argument("--duration", type=float, default=30.0)
    ap.add_argument("--grace", type=float, default=3.0, help="s to wait for late frames")
    ap.add_argument(
        "--client-procs",
        type=int,
        default=1,
        help="processes the clients are spread over (their CPU is not the server's)",
    )
    ap.add_argument(
        "--deflate",
        action="store_true",
        help="clients offer permessage-deflate, as browsers do (aiohttp does not by default)",
    )
    ap.add_argument(
        "--stages",
        action="store_true",
        help="also watch the telemetry store: ACK -> commit and commit -> client",
    )
    asyncio.run(bench(ap.parse_args()))


if __name__ == "__main__":
    main()
