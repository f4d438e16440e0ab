"""Business-logic benchmark on the scale-out tier: records/s decoded and stored by real stream
workers (NATS JetStream raw log, PostgreSQL store) with the rules off and on, over the same
traffic as bench/logic.py (its Teltonika tracks and geofences, imported from it).

Rules on: 100 geofences per device (those of the city its track drives in), a speed limit of
80 km/h, trips and stops, and one notification rule per event type (always, webhook channel,
one administrator) delivered by a real `fleetwire outbox` process to a webhook this script
runs. Each run gets its own database and stream, preloaded before the workers start; the rate
is taken from the moment the first worker is up to the last batch committed (process start-up
left out), the CPU is the workers' own (user + system) from each one's start on.

    python bench/logic_scale.py                        # 200 devices x 50 frames x 10 records
    python bench/logic_scale.py --devices 100 --frames 20 --workers 1
    python bench/logic_scale.py --only on --state-cache 0   # every state read from the store
    python bench/logic_scale.py --batch 25             # live-sized batches

Needs PostgreSQL on 127.0.0.1:5432 and NATS with JetStream on 127.0.0.1:4222 (as in CI).
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import contextlib
import random
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path

import asyncpg
import orjson
from aiohttp import web

sys.path.insert(0, str(Path(__file__).parent))
from _cluster import env_for, free_port, start, stop
from fleetwire.api.traccar.types import EVENT_TYPES
from fleetwire.config import RawLogSettings
from fleetwire.protocols import teltonika
from fleetwire.rawlog import jetstream as rawjs
from fleetwire.rawlog.base import RawFrame
from fleetwire.rawlog.sqlite import SqliteRawLogReader
from fleetwire.simulate.track import _CITIES
from logic import GEOFENCES, KNOT, PER_FRAME, build, geofences
from scale import fresh_scale, pg_admin, tree_cpu

SPEED_LIMIT_KMH = 80
ADMIN = 1


class Receiver:
    """The webhook the notifications go to, on its own thread and event loop."""

    def __init__(self) -> None:
        self.port = free_port()
        self.count = 0
        self.loop = asyncio.new_event_loop()
        ready = threading.Event()
        threading.Thread(target=self._serve, args=(ready,), daemon=True).start()
        ready.wait(10)

    async def _handle(self, request: web.Request) -> web.Response:
        await request.read()
        self.count += 1
        return web.Response(status=204)

    def _serve(self, ready: threading.Event) -> None:
        asyncio.set_event_loop(self.loop)
        app = web.Application()
        app.router.add_post("/{tail:.*}", self._handle)
        runner = web.AppRunner(app, access_log=None)
        self.loop.run_until_complete(runner.setup())
        self.loop.run_until_complete(web.TCPSite(runner, "127.0.0.1", self.port).start())
        ready.set()
        self.loop.run_forever()


def traffic(tmp: Path, devices: int, frames: int) -> tuple[list[RawFrame], dict[int, str]]:
    """bench/logic.py's raw log (its tracks, as Teltonika frames) and registry: the frames and
    each device's unique id by id."""
    src = tmp / "src"
    src.mkdir()
    build(src, devices, frames)
    reader = SqliteRawLogReader(src / "rawlog.db")
    out: list[RawFrame] = []
    while batch := reader.read(out[-1].seq if out else 0, 10_000):
        out.extend(batch)
    reader.close()
    reg = sqlite3.connect(src / "registry.db")
    uids = {int(i): str(u) for i, u in reg.execute("SELECT id, unique_id FROM devices")}
    reg.close()
    return out, uids


async def registry(url: str, uids: dict[int, str]) -> None:
    """The rule set in the PostgreSQL registry: the devices (the ids of the frames), the
    geofences, each device linked to the 100 of the city its track drives in, and a rule per
    event type for one administrator."""
    defs, city_of = geofences(random.Random(1))
    index = {teltonika.Device.nth_id(i): i for i in range(len(uids))}  # track i: city i % 10
    now = int(time.time() * 1000)
    conn = await asyncpg.connect(url)
    try:
        await conn.executemany(
            "INSERT INTO devices (id, unique_id, protocol, created) VALUES ($1, $2, $3, $4)",
            [(d, u, "teltonika", now) for d, u in uids.items()],
        )
        await conn.executemany(
            "INSERT INTO geofences (id, name, area) VALUES ($1, $2, $3)",
            [(g.id, f"g{g.id}", g.area) for g in defs.values()],
        )
        await conn.executemany(
            "INSERT INTO device_geofence (device_id, geofence_id) VALUES ($1, $2)",
            [(d, g) for d, u in uids.items() for g, c in city_of.items()
             if c == index[u] % len(_CITIES)],
        )  # fmt: skip
        await conn.execute(
            "INSERT INTO users (id, name, email, administrator, created)"
            " VALUES ($1, 'bench', 'bench@localhost', true, $2)",
            ADMIN, now,
        )  # fmt: skip
        # an alarm rule matches only the alarms it lists; the tracks raise none
        await conn.executemany(
            "INSERT INTO notifications (id, type, always, notificators, attributes)"
            " VALUES ($1, $2, true, 'webhook', $3)",
            [(i, t, orjson.dumps({"alarms": "sos"} if t == "alarm" else {}).decode())
             for i, t in enumerate(EVENT_TYPES, 1)],
        )  # fmt: skip
        await conn.executemany(
            "INSERT INTO user_notification (user_id, notification_id) VALUES ($1, $2)",
            [(ADMIN, i) for i in range(1, len(EVENT_TYPES) + 1)],
        )
    finally:
        await conn.close()


def raw_settings(env: dict[str, str]) -> RawLogSettings:
    return RawLogSettings(url="nats://127.0.0.1:4222", stream=env["FLEETWIRE_RAWLOG__STREAM"],
                          subject_prefix=env["FLEETWIRE_RAWLOG__SUBJECT_PREFIX"],
                          partitions=int(env["FLEETWIRE_RAWLOG__PARTITIONS"]))  # fmt: skip


async def preload(s: RawLogSettings, frames: list[RawFrame]) -> dict[str, list[int]]:
    """Publishes the frames; returns the stream sequence numbers of each partition's consumer."""
    nc = await rawjs.connect(s, "bench-preload")
    js = nc.jetstream()
    seqs: dict[str, list[int]] = {}
    try:
        for i in range(0, len(frames), 500):
            chunk = frames[i : i + 500]
            acks = await asyncio.gather(*(
                js.publish(rawjs.raw_subject(s, f.device_id), f.data, stream=s.stream,
                           headers=rawjs.headers(f.protocol, f.transport, f.received_us,
                                                 f.connection, f.peer))
                for f in chunk
            ))  # fmt: skip
            for f, ack in zip(chunk, acks, strict=True):
                k = rawjs.partition_of(f.device_id, s.partitions)
                seqs.setdefault(rawjs.consumer_name(k), []).append(ack.seq)
    finally:
        await nc.drain()
    return {c: sorted(v) for c, v in seqs.items()}


async def drop_stream(s: RawLogSettings) -> None:
    nc = await rawjs.connect(s, "bench-cleanup")
    js = nc.jetstream()
    try:
        for name in (s.stream, f"{s.stream}_ROUTES"):  # the stream, the downlink routes
            with contextlib.suppress(Exception):
                await (js.delete_stream(name) if name == s.stream else js.delete_key_value(name))
    finally:
        await nc.drain()


async def watch(url: str, seqs: dict[str, list[int]], pids: list[int],
                timeout: float) -> dict[str, float]:  # fmt: skip
    """Polls the partitions' committed offsets until every frame is stored. The window starts
    when the first worker is up (its row in ``workers``, written before it claims partitions);
    each worker's CPU counts from its own row on, so that start-up (imports, connections) is
    left out of both figures."""
    total = sum(len(v) for v in seqs.values())
    conn = await asyncpg.connect(url)
    cpu0: dict[int, float] = {}  # worker pid -> its CPU-seconds when it was up
    t0 = t_end = cpu = 0.0
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            for (wid,) in await conn.fetch("SELECT id FROM workers"):
                pid = int(wid.rsplit("-", 2)[1])  # the id is host-pid-random
                if pid in pids and pid not in cpu0:
                    cpu0[pid] = tree_cpu(pid)
                    t0 = t0 or time.monotonic()
            rows = await conn.fetch("SELECT consumer, seq FROM offsets")
            offsets = {str(c): int(q) for c, q in rows}
            if sum(bisect.bisect_right(v, offsets.get(c, 0)) for c, v in seqs.items()) == total:
                t_end = time.monotonic()
                cpu = sum(tree_cpu(p) - cpu0.get(p, tree_cpu(p)) for p in pids)
                break
            await asyncio.sleep(0.1)
    finally:
        await conn.close()
    if not t_end:
        return {"frames": 0.0, "seconds": 0.0, "cpu": 0.0, "timed_out": 1.0}
    return {"frames": float(total), "seconds": t_end - t0, "cpu": cpu, "timed_out": 0.0}


async def counts(url: str) -> dict[str, int]:
    conn = await asyncpg.connect(url)
    try:
        out = {t: int(await conn.fetchval(f"SELECT count(*) FROM {t}"))
               for t in ("positions", "events", "trips", "stops", "geofence_visits")}  # fmt: skip
        out["notifications"] = int(await conn.fetchval(
            "SELECT count(*) FROM outbox WHERE kind = 'notification'"))  # fmt: skip
        out["undelivered"] = int(await conn.fetchval(
            "SELECT count(*) FROM outbox WHERE kind = 'notification'"
            " AND status IN ('pending', 'failed', 'held')"))  # fmt: skip
        return out
    finally:
        await conn.close()


def run(
    a: argparse.Namespace, tmp: Path, base: dict[str, str], name: str, logic: bool,
    frames: list[RawFrame], uids: dict[int, str], hook: Receiver,
) -> dict[str, float]:  # fmt: skip
    env = dict(
        base, FLEETWIRE_WORKER__LOGIC=str(logic).lower(),
        FLEETWIRE_LOGIC=orjson.dumps({"speedLimit": SPEED_LIMIT_KMH / KNOT}).decode(),
        FLEETWIRE_OUTBOX__NOTIFY__CHANNELS='["webhook"]',
        FLEETWIRE_OUTBOX__NOTIFY__WEBHOOK_URL=f"http://127.0.0.1:{hook.port}/notify",
    )  # fmt: skip
    if a.state_cache is not None:
        env["FLEETWIRE_WORKER__STATE_CACHE"] = str(a.state_cache)
    if a.batch:
        env["FLEETWIRE_WORKER__BATCH_SIZE"] = str(a.batch)
    data = tmp / name
    data.mkdir()
    env, db = fresh_scale(data, env, a.partitions)
    url, s = env["FLEETWIRE_STORE__URL"], raw_settings(env)
    procs = []
    try:
        asyncio.run(registry(url, uids))
        seqs = asyncio.run(preload(s, frames))
        delivered0 = hook.count
        procs.append(start("outbox", data / "outbox", env, data / "outbox.log"))
        workers = [start("worker", data / f"w{i}", env, data / f"w{i}.log")
                   for i in range(a.workers)]  # fmt: skip
        procs.extend(workers)
        r = asyncio.run(watch(url, seqs, [w.pid for w in workers], a.timeout))
        for w in workers:
            stop(w)
        c = asyncio.run(counts(url))
        t0 = time.monotonic()
        while c["undelivered"] and time.monotonic() - t0 < a.timeout:
            time.sleep(0.5)
            c = asyncio.run(counts(url))
        r.update(c, delivered=hook.count - delivered0)
        records = c["positions"]  # every frame is in the window
        r["rate"] = records / r["seconds"] if r["seconds"] else 0.0
        r["cpu_rate"] = records / r["cpu"] if r["cpu"] else 0.0
        return r
    finally:
        for p in procs:
            stop(p)
        asyncio.run(drop_stream(s))
        asyncio.run(pg_admin(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)"))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    p.add_argument("--devices", type=int, default=200)
    p.add_argument("--frames", type=int, default=50, help="frames per device, 10 records each")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--partitions", type=int, default=8)
    p.add_argument("--only", choices=("on", "off"))
    p.add_argument("--repeat", type=int, default=1, help="runs of each, best kept")
    p.add_argument("--timeout", type=float, default=300.0, help="s to wait for one drain")
    p.add_argument("--batch", type=int, help="frames per worker batch (default: the worker's;"
                   " 25 for 200 devices, 8 partitions: a frame per device each)")  # fmt: skip
    p.add_argument("--state-cache", type=int, help="devices whose state each worker keeps in"
                   " memory between batches (default: the worker's; 0: none)")  # fmt: skip
    a = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="fleetwire-logic-scale-") as tmp:
        report(a, Path(tmp))


def report(a: argparse.Namespace, tmp: Path) -> None:
    base = env_for({"api": free_port(), "teltonika": free_port()})
    frames, uids = traffic(tmp, a.devices, a.frames)
    hook = Receiver()
    print(f"{a.devices} devices, {len(frames) * PER_FRAME:,} records, {GEOFENCES} geofences per"
          f" device, speed limit {SPEED_LIMIT_KMH} km/h, {len(EVENT_TYPES)} notification rules"
          f" (webhook); {a.workers} stream worker(s), {a.partitions} partitions")  # fmt: skip
    names = [n for n in ("off", "on") if a.only in (None, n)]
    results: dict[str, dict[str, float]] = {}
    for i in range(a.repeat):  # alternating, best of each (by CPU): the host is shared
        for name in names:
            r = run(a, tmp, base, f"{name}{i}", name == "on", frames, uids, hook)
            if r["timed_out"]:
                print(f"rules {name}: not drained within {a.timeout:g} s")
            elif r["cpu_rate"] > results.get(name, {}).get("cpu_rate", -1.0):
                results[name] = r
    for name, r in results.items():
        print(f"rules {name:<3} {r['rate']:>9,.0f} records/s stored (wall),"
              f" {r['cpu_rate']:>9,.0f} per worker CPU-second  ({r['positions']:,} records;"
              f" events {r['events']:,}, trips {r['trips']:,}, stops {r['stops']:,},"
              f" visits {r['geofence_visits']:,}; notifications {r['notifications']:,},"
              f" {r['delivered']:,} delivered to the webhook)")  # fmt: skip
    if len(results) == 2 and results["off"]["rate"] and results["off"]["cpu_rate"]:
        loss = 1 - results["on"]["rate"] / results["off"]["rate"]
        cpu_loss = 1 - results["on"]["cpu_rate"] / results["off"]["cpu_rate"]
        print(f"loss with rules on: {loss:.0%} wall, {cpu_loss:.0%} CPU")
    print(f"load average {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")


if __name__ == "__main__":
    main()
