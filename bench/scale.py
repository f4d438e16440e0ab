"""Scale-out benchmark, on this machine, everything in one run:

1. end to end, embedded (SQLite, 1 gateway + 1 worker) versus the scale-out tier (NATS JetStream
   + PostgreSQL, 2 gateway processes on SO_REUSEPORT + 2 workers), same load;
2. worker throughput on the scale-out tier with 1 worker, then 2 (a stream preloaded with the
   same frames, drained from scratch each time);
3. gateway CPU per frame with decoding in the workers (Fleetwire) versus decoding and storing
   inline in the gateway before the ACK (what servers without a raw log do).

    python bench/scale.py --devices 500 --records 10 --rate 2 --duration 30

Needs PostgreSQL on 127.0.0.1:5432 and NATS with JetStream on 127.0.0.1:4222 (as in CI).
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import asyncpg
import orjson

sys.path.insert(0, str(Path(__file__).parent))
from _cluster import (
    add_set_option,
    children,
    cpu_seconds,
    env_for,
    free_port,
    lag,
    raw_head,
    start,
    stop,
    stored_positions,
    wait_port,
    with_settings,
)

PG = "postgresql://postgres@127.0.0.1:5432/postgres"


def simulate(env: dict[str, str], port: int, a: argparse.Namespace, **kw: Any) -> dict[str, Any]:
    args = [sys.executable, "-m", "fleetwire", "simulate", "--json", "-p", "teltonika",
            "--port", str(port), "-n", str(kw.get("devices", a.devices)), "-r", str(a.records),
            "-d", str(kw.get("duration", a.duration)), "--rate", str(kw.get("rate", a.rate)),
            "-P", "2"]  # fmt: skip
    out = subprocess.run(args, env=env, capture_output=True, check=False)
    return orjson.loads(out.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def tree_cpu(pid: int) -> float:
    return cpu_seconds(pid) + sum(tree_cpu(c) for c in children(pid))


async def pg_admin(sql: str) -> None:
    conn = await asyncpg.connect(PG)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def pg_count(url: str) -> int:
    conn = await asyncpg.connect(url)
    try:
        return int(await conn.fetchval("SELECT count(*) FROM positions"))
    finally:
        await conn.close()


def scale_env(base: dict[str, str], tag: str, url: str, partitions: int) -> dict[str, str]:
    return dict(
        base, FLEETWIRE_RAWLOG__URL="nats://127.0.0.1:4222", FLEETWIRE_RAWLOG__STREAM=f"B_{tag}",
        FLEETWIRE_RAWLOG__SUBJECT_PREFIX=f"b{tag}", FLEETWIRE_RAWLOG__PARTITIONS=str(partitions),
        FLEETWIRE_STORE__URL=url, FLEETWIRE_WORKER__NICE="0",
    )  # fmt: skip


def fresh_scale(tmp: Path, base: dict[str, str], partitions: int = 8) -> tuple[dict[str, str], str]:
    tag = uuid.uuid4().hex[:8]
    db = f"bench_{tag}"
    asyncio.run(pg_admin(f"CREATE DATABASE {db}"))
    env = scale_env(base, tag, f"postgresql://postgres@127.0.0.1:5432/{db}", partitions)
    subprocess.run([sys.executable, "-m", "fleetwire", "migrate", "--data-dir", str(tmp)],
                   env=env, check=True, capture_output=True)  # fmt: skip
    return env, db


def wait_drained(check: Any, timeout: float = 600) -> float:
    t0 = time.monotonic()
    while not check() and time.monotonic() - t0 < timeout:
        time.sleep(0.2)
    return time.monotonic() - t0


def stream_lag(env: dict[str, str]) -> int:
    from fleetwire.config import RawLogSettings
    from fleetwire.rawlog import jetstream as rawjs

    s = RawLogSettings(url="nats://127.0.0.1:4222", stream=env["FLEETWIRE_RAWLOG__STREAM"],
                       subject_prefix=env["FLEETWIRE_RAWLOG__SUBJECT_PREFIX"],
                       partitions=int(env["FLEETWIRE_RAWLOG__PARTITIONS"]))  # fmt: skip

    async def go() -> int:
        nc = await rawjs.connect(s, "bench")
        try:
            return await rawjs.JetStreamRawReader(nc, s).lag()
        finally:
            await nc.drain()

    return asyncio.run(go())


def end_to_end(a: argparse.Namespace, tmp: Path, base: dict[str, str], port: int) -> None:
    load = f"{a.devices} devices x {a.rate:g} frames/s x {a.records} records, {a.duration:g} s"
    print(f"1. end to end, same load ({load})")
    data = tmp / "embedded"
    gw = start("gateway", data, base, tmp / "e-gw.log")
    wait_port(port)
    wk = start("worker", data, base, tmp / "e-wk.log")
    s = simulate(base, port, a)
    caught = wait_drained(lambda: lag(data) == 0)
    stored = stored_positions(data)
    stop(gw)
    stop(wk)
    print(
        f"   embedded    ACKed {s['records_per_s']:>9,.0f} rec/s  p99 ACK"
        f" {s['ack_ms']['p99']:>7} ms  stored {stored:,} (caught up {caught:.1f} s after)"
    )
    env, db = fresh_scale(tmp, base)
    gw = subprocess.Popen([sys.executable, "-m", "fleetwire", "gateway", "-P", "2",
                           "--data-dir", str(tmp / "s-gw")], env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    wait_port(port)
    time.sleep(1.0)
    workers = [start("worker", tmp / f"s-w{i}", env, tmp / f"s-w{i}.log") for i in (1, 2)]
    s = simulate(env, port, a)
    caught = wait_drained(lambda: stream_lag(env) == 0)
    stored = asyncio.run(pg_count(env["FLEETWIRE_STORE__URL"]))
    for p in (*workers, gw):
        stop(p)
    print(
        f"   NATS+PG     ACKed {s['records_per_s']:>9,.0f} rec/s  p99 ACK"
        f" {s['ack_ms']['p99']:>7} ms  stored {stored:,} (caught up {caught:.1f} s after)"
        "  [2 gateways, 2 workers]"
    )
    asyncio.run(pg_admin(f"DROP DATABASE {db} WITH (FORCE)"))


def workers_scaling(a: argparse.Namespace, tmp: Path, base: dict[str, str], port: int) -> None:
    print("2. scale-out worker throughput, stream preloaded, drained from scratch")
    for n in (1, 2):
        env, db = fresh_scale(tmp, base)
        gw = start("gateway", tmp / f"p{n}", env, tmp / f"p{n}.log")
        wait_port(port)
        s = simulate(env, port, a, rate=0, duration=a.duration / 2)
        stop(gw)
        records = s["records_acked"]
        t0 = time.monotonic()
        workers = [start("worker", tmp / f"p{n}w{i}", env, tmp / f"p{n}w{i}.log") for i in range(n)]
        url = env["FLEETWIRE_STORE__URL"]
        wait_drained(lambda: stream_lag(env) == 0)  # noqa: B023
        took = time.monotonic() - t0
        stored = asyncio.run(pg_count(url))
        if stored < records:
            print(f"   LOST: {records - stored:,} ACKed records not stored")
        for p in workers:
            stop(p)
        print(f"   {n} worker{'s' if n > 1 else ' '}  {records:,} records in {took:.1f} s ="
              f" {records / took:,.0f} records/s decoded and stored")  # fmt: skip
        asyncio.run(pg_admin(f"DROP DATABASE {db} WITH (FORCE)"))


def gateway_cpu(a: argparse.Namespace, tmp: Path, base: dict[str, str], port: int) -> None:
    """CPU per frame in the steady state: gateway CPU over frames appended to the raw log between
    a quarter into the run and a second before its end, so that connecting the devices (a
    per-connection cost) is not spread over the frames of a short run."""
    print("3. gateway CPU per frame at the same paced load (embedded raw log, steady state)")
    warm = a.duration / 4
    for inline in (False, True):
        env = dict(base, FLEETWIRE_GATEWAY__INLINE_DECODE=str(inline).lower())
        data = tmp / f"cpu-{inline}"
        gw = start("gateway", data, env, tmp / f"cpu-{inline}.log")
        wait_port(port)
        with ThreadPoolExecutor(1) as pool:
            run = pool.submit(simulate, env, port, a)
            time.sleep(warm)
            c0, f0 = cpu_seconds(gw.pid), raw_head(data)
            time.sleep(a.duration - warm - 1.0)
            used, frames = cpu_seconds(gw.pid) - c0, raw_head(data) - f0
            s = run.result()
        stop(gw)
        label = "decode+store inline" if inline else "decode in workers  "
        print(f"   {label}  {used / max(frames, 1) * 1e6:6.1f} us/frame,"
              f" p99 ACK {s['ack_ms']['p99']} ms, {s['frames_per_s']:,.0f} frames/s;"
              f" load {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--devices", type=int, default=500)
    ap.add_argument("--records", type=int, default=10)
    ap.add_argument("--rate", type=float, default=2.0)
    ap.add_argument("--duration", type=float, default=30.0)
    ap.add_argument("--only", type=int, choices=(1, 2, 3), help="run one section")
    add_set_option(ap)
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="fleetwire-scale-"))
    ports = {"api": free_port(), "teltonika": free_port()}
    base = with_settings(env_for(ports), a.set)
    sections = (end_to_end, workers_scaling, gateway_cpu)
    for i, section in enumerate(sections, 1):
        if a.only in (None, i):
            section(a, tmp, base, ports["teltonika"])


if __name__ == "__main__":
    main()
