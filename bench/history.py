"""History benchmark: one device-day (8,640 positions, one every 10 s) through the Traccar API,
`GET /api/positions?deviceId=&from=&to=` and `GET /api/reports/route`, with 10 million positions
in the store (1,158 devices x 8,640), on the embedded tier (SQLite) and the scale-out tier
(PostgreSQL), each behind a real `fleetwire api` process authenticated with an API token.

The store is built with the fastest bulk path of each backend (one SQLite transaction of
executemany in key order; INSERT ... SELECT from generate_series inside PostgreSQL), and the
build time and size printed.
Everything is removed afterwards (the temporary directory, the PostgreSQL database).

    python bench/history.py                          # both tiers, 10 M positions
    python bench/history.py --positions 1000000 --tiers sqlite --queries 10
    python bench/history.py --positions 100000000 --tiers postgresql --keep   # build once...
    python bench/history.py --tiers postgresql --reuse                        # ...measure again

`--keep` leaves the PostgreSQL database in place; `--reuse` measures the one an earlier `--keep`
run left (its devices and day are read from it, a new token is issued) and leaves it too, so a
large store is built once and the API measured before and after a change with the same data;
drop it at the end (`psql -h 127.0.0.1 -U postgres -c 'drop database fleetwire_traccar_bench'`).
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

sys.path.insert(0, str(Path(__file__).parent))
from _cluster import free_port, stop, wait_port
from fleetwire.config import Settings
from fleetwire.testing import role_env, start_role

PER_DAY = 8640
STEP_MS = 10_000
PG_DB = "fleetwire_traccar_bench"
PG_URL = f"postgresql://postgres@127.0.0.1:5432/{PG_DB}"


def day_start() -> datetime:
    """Yesterday 00:00 UTC: inside the monthly partitions `fleetwire migrate` creates."""
    return (datetime.now(UTC) - timedelta(days=1)).replace(hour=0, minute=0, second=0,
                                                            microsecond=0)  # fmt: skip


def rows(devices: int, t0_ms: int) -> Any:
    """Positions in (device, fix time) order: a slow circle with speed and attributes."""
    attrs = orjson.dumps({"ignition": True, "sat": 9, "odometer": 1000, "batteryLevel": 90})
    attrs_s = attrs.decode()
    seq = 0
    for d in range(1, devices + 1):
        for i in range(PER_DAY):
            seq += 1
            a = i / PER_DAY * 2 * math.pi
            yield (d, "position", t0_ms + i * STEP_MS, t0_ms + i * STEP_MS + 800, 1,
                   54.68 + 0.01 * math.sin(a) + d * 1e-4, 25.28 + 0.01 * math.cos(a), 120.0,
                   36.0 + (i % 20), float(i % 360), 9, attrs_s, seq, seq)  # fmt: skip


async def registry(settings: Settings, devices: int, *, reuse: bool = False) -> str:
    """The devices and an administrator with an API token, in the registry (``reuse``: they are
    there already, only a new token)."""
    from sqlalchemy import insert

    from fleetwire.store.db import open_registry
    from fleetwire.store.schema import devices as devices_t
    from fleetwire.store.sessions import issue_token
    from fleetwire.store.users import create_user, find_user, now_ms

    engine = open_registry(settings)
    try:
        if reuse:
            found = await find_user(engine, "bench@example.org")
            assert found is not None, "the database to reuse has no bench user"
            return await issue_token(engine, found.id, now_ms() + 86_400_000)
        async with engine.begin() as conn:
            await conn.execute(insert(devices_t), [
                {"id": d, "unique_id": f"{860000000000000 + d}", "name": f"Vehicle {d:04d}",
                 "protocol": "teltonika", "created": now_ms(), "disabled": False,
                 "attributes": "{}"} for d in range(1, devices + 1)])  # fmt: skip
        user = await create_user(engine, "bench@example.org", None, administrator=True)
        return await issue_token(engine, user.id, now_ms() + 86_400_000)
    finally:
        await engine.dispose()


def build_sqlite(data_dir: Path, devices: int, t0_ms: int) -> tuple[float, int]:
    from fleetwire.store.telemetry import POSITION_COLUMNS, SqliteTelemetry

    SqliteTelemetry(data_dir / "telemetry.db").close()  # the schema, as the worker makes it
    conn = sqlite3.connect(data_dir / "telemetry.db", isolation_level=None)
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-262144")
    start = time.monotonic()
    conn.execute("BEGIN")
    marks = ",".join("?" * 14)
    conn.executemany(f"INSERT INTO positions ({POSITION_COLUMNS}) VALUES ({marks})",
                     rows(devices, t0_ms))  # fmt: skip
    conn.execute(
        f"INSERT INTO latest ({POSITION_COLUMNS}) SELECT {POSITION_COLUMNS} FROM positions"
        " WHERE id IN (SELECT max(id) FROM positions GROUP BY device_id)"
    )
    conn.execute("COMMIT")
    elapsed = time.monotonic() - start
    conn.close()
    size = sum(p.stat().st_size for p in data_dir.glob("telemetry.db*"))
    return elapsed, size


async def build_postgres(devices: int, t0_ms: int) -> tuple[float, int]:
    """The same rows as `rows`, generated inside PostgreSQL (generate_series, 100 devices a
    statement): no per-row round trip or Python conversion in the way."""
    import asyncpg

    from fleetwire.store.telemetry import POSITION_COLUMNS

    conn = await asyncpg.connect(PG_URL)
    try:
        start = time.monotonic()
        attrs = '{"ignition": true, "sat": 9, "odometer": 1000, "batteryLevel": 90}'
        for first in range(1, devices + 1, 100):
            last = min(devices, first + 99)
            await conn.execute(
                "INSERT INTO positions (device_id, kind, fix_time, server_time, valid, latitude,"
                " longitude, altitude, speed, course, satellites, attributes, frame_seq, dedup)"
                " SELECT d, 'position', to_timestamp(($1::bigint + i * $2) / 1000.0),"
                " to_timestamp(($1::bigint + i * $2 + 800) / 1000.0), true,"
                " 54.68 + 0.01 * sin(i * 2 * pi() / $3) + d * 1e-4,"
                " 25.28 + 0.01 * cos(i * 2 * pi() / $3), 120.0, 36.0 + i % 20, (i % 360)::float,"
                " 9, $4::jsonb, (d - 1) * $3 + i + 1, (d - 1) * $3 + i + 1"
                " FROM generate_series($5::int, $6::int) d, generate_series(0, $3 - 1) i",
                t0_ms, STEP_MS, PER_DAY, attrs, first, last,
            )  # fmt: skip
        # each device's newest row through the primary key: a DISTINCT ON over the whole
        # table sorts every row (at 100 M, some 20 GB of temporary files)
        await conn.execute(
            f"INSERT INTO latest ({POSITION_COLUMNS}) SELECT l.* FROM generate_series(1, $1) d,"
            f" LATERAL (SELECT {POSITION_COLUMNS} FROM positions WHERE device_id = d"
            " ORDER BY fix_time DESC LIMIT 1) l",
            devices,
        )
        await conn.execute("ANALYZE positions")
        elapsed = time.monotonic() - start
        size = await conn.fetchval(
            "SELECT coalesce(sum(pg_total_relation_size(inhrelid)), 0) FROM pg_inherits"
            " WHERE inhparent = 'positions'::regclass"
        )
        return elapsed, int(size)
    finally:
        await conn.close()


async def pg_existing() -> tuple[int, datetime]:
    """Devices and day of the store an earlier `--keep` run left."""
    import asyncpg

    conn = await asyncpg.connect(PG_URL)
    try:
        devices = await conn.fetchval("SELECT max(id) FROM devices")
        first = await conn.fetchval("SELECT min(fix_time) FROM positions")
        return int(devices), first.astimezone(UTC)
    finally:
        await conn.close()


async def pg_admin(sql: str) -> None:
    import asyncpg

    conn = await asyncpg.connect("postgresql://postgres@127.0.0.1:5432/postgres")
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def fetch(url: str, token: str) -> tuple[float, int]:
    req = urllib.request.Request(
        url, headers={"Authorization": f"Bearer {token}", "Accept": "application/json"}
    )
    start = time.perf_counter()
    with urllib.request.urlopen(req, timeout=120) as r:
        body = r.read()
    elapsed = time.perf_counter() - start
    return elapsed * 1000, len(orjson.loads(body))


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(q * (len(s) - 1)))]


def _cpu_ms(pid: int) -> float:
    """User + system CPU a process has used (on this machine, which the bench runs on)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def _cpu_now(api_pid: int, tier: str) -> dict[int, float]:
    """CPU so far of the API process and (PostgreSQL) of the backends serving its database."""
    pids = [api_pid]
    if tier == "postgresql":
        import asyncpg

        async def backends() -> list[int]:
            conn = await asyncpg.connect("postgresql://postgres@127.0.0.1:5432/postgres")
            try:
                rows = await conn.fetch(
                    "SELECT pid FROM pg_stat_activity WHERE datname = $1", PG_DB
                )
                return [int(r[0]) for r in rows]
            finally:
                await conn.close()

        pids += asyncio.run(backends())
    return {pid: _cpu_ms(pid) for pid in pids}


def measure(
    port: int, token: str, devices: int, t0: datetime, queries: int,
    cpu: tuple[int, str] | None = None,
) -> None:  # fmt: skip
    """p50/p99 of each endpoint; with ``cpu`` (the API's pid, the tier) also the CPU per
    answer of the API process and of PostgreSQL: figures a loaded machine does not inflate
    as much as it does the wall-clock ones."""
    frm = t0.isoformat().replace("+00:00", "Z")
    to = (t0 + timedelta(milliseconds=(PER_DAY - 1) * STEP_MS)).isoformat().replace("+00:00", "Z")
    base = f"http://127.0.0.1:{port}/api"
    fetch(f"{base}/positions?deviceId=1&from={frm}&to={to}", token)  # warm the process
    for name, path in (("positions", "positions"), ("reports/route", "reports/route")):
        times, counts = [], set()
        before = _cpu_now(*cpu) if cpu else {}
        for _ in range(queries):
            d = random.randint(1, devices)
            ms, n = fetch(f"{base}/{path}?deviceId={d}&from={frm}&to={to}", token)
            times.append(ms)
            counts.add(n)
        print(f"  {name:14} {queries} device-days: p50 {statistics.median(times):7.1f} ms"
              f"  p99 {pct(times, 0.99):7.1f} ms  (rows per answer: {sorted(counts)})")  # fmt: skip
        if cpu:
            after = _cpu_now(*cpu)
            api = (after[cpu[0]] - before.get(cpu[0], 0.0)) / queries
            db = sum(v - before.get(k, 0.0) for k, v in after.items() if k != cpu[0]) / queries
            print(f"  {'':14} CPU per answer: API {api:6.1f} ms, PostgreSQL {db:6.1f} ms"
                  f" (/proc, {os.getloadavg()[0]:.1f} load average)")  # fmt: skip


def run_tier(
    tier: str, devices: int, queries: int, *, keep: bool = False, reuse: bool = False,
    cpu: bool = False,
) -> None:  # fmt: skip
    tmp = Path(tempfile.mkdtemp(prefix=f"fw-history-{tier}-"))
    data = tmp / "data"
    data.mkdir()
    port = free_port()
    env = role_env({"api": port}, FLEETWIRE_LOG_LEVEL="WARNING")
    t0 = day_start()
    t0_ms = int(t0.timestamp() * 1000)
    proc = None
    try:
        if tier == "postgresql" and reuse:
            env["FLEETWIRE_STORE__URL"] = PG_URL
            os.environ["FLEETWIRE_STORE__URL"] = PG_URL
            settings = Settings(data_dir=data)
            devices, t0 = asyncio.run(pg_existing())
            token = asyncio.run(registry(settings, devices, reuse=True))
            print(f"{tier}: reusing {devices * PER_DAY:,} positions ({devices:,} devices)")
        elif tier == "postgresql":
            asyncio.run(pg_admin(f"DROP DATABASE IF EXISTS {PG_DB}"))
            asyncio.run(pg_admin(f"CREATE DATABASE {PG_DB}"))
            env["FLEETWIRE_STORE__URL"] = PG_URL
            os.environ["FLEETWIRE_STORE__URL"] = PG_URL
            import subprocess

            subprocess.run([sys.executable, "-m", "fleetwire", "migrate", "--data-dir", str(data)],
                           env=env, check=True, capture_output=True)  # fmt: skip
            settings = Settings(data_dir=data)
            build, size = asyncio.run(build_postgres(devices, t0_ms))
        else:
            settings = Settings(data_dir=data)
            from fleetwire.store.migrate import migrate_embedded

            migrate_embedded(settings)
            build, size = build_sqlite(data, devices, t0_ms)
        if not (tier == "postgresql" and reuse):
            token = asyncio.run(registry(settings, devices))
            n = devices * PER_DAY
            print(f"{tier}: {n:,} positions built in {build:.1f} s ({n / build:,.0f}/s),"
                  f" {size / 2**20:,.0f} MiB")  # fmt: skip
        proc = start_role("api", ["--data-dir", str(data)], env, tmp / "api.log")
        wait_port(port, proc, tmp / "api.log", timeout=60)
        measure(port, token, devices, t0, queries, (proc.pid, tier) if cpu else None)
    finally:
        if proc is not None:
            stop(proc)
        os.environ.pop("FLEETWIRE_STORE__URL", None)
        shutil.rmtree(tmp, ignore_errors=True)
        if tier == "postgresql" and not (keep or reuse):  # a reused store is measured again
            asyncio.run(pg_admin(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)"))


def main() -> None:
    global PG_DB, PG_URL
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--positions", type=int, default=10_000_000)
    ap.add_argument("--queries", type=int, default=30, help="device-days per endpoint")
    ap.add_argument("--tiers", default="sqlite,postgresql", help="sqlite, postgresql (or postgres)")
    ap.add_argument("--keep", action="store_true", help="leave the PostgreSQL database in place")
    ap.add_argument("--reuse", action="store_true",
                    help="measure what a --keep run left (and leave it)")  # fmt: skip
    ap.add_argument("--database", default=PG_DB, help="the PostgreSQL database's name")
    ap.add_argument("--cpu", action="store_true", help="also CPU per answer: API, PostgreSQL")
    args = ap.parse_args()
    PG_DB, PG_URL = args.database, PG_URL.replace(PG_DB, args.database)
    devices = max(1, math.ceil(args.positions / PER_DAY))
    tiers = [{"postgres": "postgresql"}.get(t.strip(), t.strip()) for t in args.tiers.split(",")]
    for tier in tiers:  # an unknown name must not quietly measure SQLite under its label
        if tier not in ("sqlite", "postgresql"):
            ap.error(f"unknown tier {tier!r}")
    for tier in tiers:
        run_tier(tier, devices, args.queries, keep=args.keep, reuse=args.reuse, cpu=args.cpu)


if __name__ == "__main__":
    main()
