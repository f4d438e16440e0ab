"""Outbox depth and drain rate after a sink outage, and notifications delivered per second.

Positions are written as the worker writes them (SQLite batches, the outbox statements in the
same transaction) at ``--rate`` per second for ``--outage`` seconds while the webhook receiver
is down and a real `fleetwire outbox` process retries; then the receiver comes up and the
writes go on at the same rate: the script prints the depth at the end of the outage, how long
the backlog took to drain and the drain rate (messages delivered per second while new ones keep
arriving), and checks every id arrived (repeats are counted). Then ``--notifications`` alarm
events for a rule with the webhook channel: notifications delivered per second.

    python bench/outbox.py --rate 1000 --outage 60     # the issue's figure is --outage 3600

``--fill fast`` writes the outage's backlog as fast as it can instead of at the rate (the same
depth, minutes sooner). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from aiohttp import web

sys.path.insert(0, str(Path(__file__).parent))

from _cluster import env_for, free_port, start, stop
from fleetwire.config import OutboxSettings, SinkSettings
from fleetwire.store.outbox import run_sqlite
from fleetwire.store.telemetry import SqliteTelemetry
from fleetwire.worker.outbox.enqueue import Outbox, position_items
from fleetwire.worker.outbox.rules import Rule, RuleSet
from fleetwire.worker.outbox_seam import OutboxItem, StatementList

DEVICES = 1000
T0 = 1_780_000_000_000


def positions(start: int, n: int) -> list[tuple[object, ...]]:
    out = []
    for k in range(start, start + n):
        dev, i = k % DEVICES + 1, k // DEVICES
        out.append(
            (
                dev,
                "position",
                T0 + i * 1000,
                T0 + i * 1000 + 40,
                1,
                45.0 + i * 1e-5,
                7.0,
                100.0,
                50.0,
                90.0,
                9,
                '{"ignition":true,"power":12.5}',
                k + 1,
                k,
            )
        )
    return out


def writer(data_dir: Path, url: str, rate: float, seconds: float, start: int,
           fast: bool) -> None:  # fmt: skip
    """A worker's writes: 10 batches a second (or as fast as it goes with ``fast``)."""
    store = SqliteTelemetry(data_dir / "telemetry.db")
    outbox = Outbox(OutboxSettings(sinks={"hook": SinkSettings(type="webhook", url=url)}))
    total, per = int(rate * seconds), max(int(rate / 10), 1)
    t0 = time.monotonic()
    for k in range(0, total, per):
        rows = positions(start + k, min(per, total - k))
        tx = StatementList()
        outbox.enqueue(tx, position_items(rows))
        store.write_batch("worker", start + k + len(rows), rows, [], [],
                          lambda c, t=tx: run_sqlite(c, t.items))  # fmt: skip
        if not fast:
            ahead = t0 + (k + per) / rate - time.monotonic()
            if ahead > 0:
                time.sleep(ahead)
    store.close()


def depth(path: Path, sink: str = "hook") -> int:
    c = sqlite3.connect(path)
    try:
        cur = c.execute("SELECT coalesce(max(seq), 0) FROM outbox_cursors WHERE sink = ?",
                        (sink,)).fetchone()[0]  # fmt: skip
        return int(c.execute("SELECT count(*) FROM outbox WHERE sink = ? AND seq > ?",
                             (sink, cur)).fetchone()[0])  # fmt: skip
    finally:
        c.close()


def pending_notifications(path: Path) -> int:
    c = sqlite3.connect(path)
    try:
        return int(c.execute("SELECT count(*) FROM outbox WHERE sink = 'notify:webhook'"
                             " AND status IN ('pending', 'failed')").fetchone()[0])  # fmt: skip
    finally:
        c.close()


class Receiver:
    def __init__(self) -> None:
        self.ids: list[str] = []
        self.runner: web.AppRunner | None = None

    async def handle(self, request: web.Request) -> web.Response:
        await request.read()
        self.ids.append(request.headers["X-Fleetwire-Id"])
        return web.Response(status=204)

    async def start(self, port: int) -> None:
        app = web.Application()
        app.router.add_post("/{tail:.*}", self.handle)
        self.runner = web.AppRunner(app, access_log=None)
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", port).start()


async def main(args: argparse.Namespace) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="fw-bench-outbox-"))
    data = tmp / "data"
    data.mkdir()
    port = free_port()
    url = f"http://127.0.0.1:{port}/hook"
    SqliteTelemetry(data / "telemetry.db").close()
    config = tmp / "fleetwire.toml"
    config.write_text(
        f"[outbox]\nbatch = 500\nbackoff_max = {args.backoff_max}\n"
        f'notify = {{ channels = ["webhook"], webhook_url = "{url}" }}\n'
        f'[outbox.sinks.hook]\ntype = "webhook"\nurl = "{url}"\n'
        f"concurrency = {args.concurrency}\n"
    )
    env = env_for({}) | {"FLEETWIRE_CONFIG": str(config)}
    dispatcher = start("outbox", data, env, tmp / "outbox.log")
    ctx = multiprocessing.get_context("spawn")
    receiver = Receiver()
    try:
        # -- the outage: the receiver is down, the writes go on, the dispatcher retries
        t0 = time.monotonic()
        w = ctx.Process(target=writer, args=(data, url, args.rate, args.outage, 0,
                                             args.fill == "fast"))  # fmt: skip
        w.start()
        while w.is_alive():
            await asyncio.sleep(0.2)
        fill_s = time.monotonic() - t0
        backlog = depth(data / "telemetry.db")
        print(
            f"outage: {args.outage:.0f} s at {args.rate:.0f} positions/s "
            f"(written in {fill_s:.1f} s, fill={args.fill}) -> outbox depth {backlog}"
        )
        # -- the receiver is back; the writes go on at the rate while the backlog drains
        await receiver.start(port)
        t1 = time.monotonic()
        live = ctx.Process(target=writer, args=(data, url, args.rate, args.after, backlog,
                                                False))  # fmt: skip
        live.start()
        drained_at = None
        peak = backlog
        while True:
            await asyncio.sleep(0.5)
            d = await asyncio.to_thread(depth, data / "telemetry.db")
            peak = max(peak, d)
            if drained_at is None and d <= args.rate:  # caught up: under a second behind
                drained_at = time.monotonic() - t1
            if not live.is_alive() and d == 0:
                break
            if time.monotonic() - t1 > args.outage * 20 + 600:
                print("gave up waiting for the drain")
                break
        total_s = time.monotonic() - t1
        total = backlog + int(args.rate * args.after)
        unique = len(set(receiver.ids))
        print(
            f"drain: caught up in {drained_at:.1f} s; {total} messages delivered in"
            f" {total_s:.1f} s with {args.rate:.0f}/s still arriving"
        )
        if drained_at:
            arrived = args.rate * min(drained_at, args.after)  # writes stop after --after s
            rate = (backlog + arrived) / drained_at
            print(f"  drain rate while catching up: {rate:,.0f} messages/s")
        print(
            f"  received {len(receiver.ids)} requests, {unique} distinct ids of {total}"
            f" ({len(receiver.ids) - unique} repeats)"
        )
        # -- notifications: alarm events, one rule, the webhook channel
        n = args.notifications
        store = SqliteTelemetry(data / "telemetry.db")
        outbox = Outbox(OutboxSettings(), clock=lambda: T0 / 1000)
        outbox.rules = RuleSet(
            rules={1: Rule(1, "alarm", ("webhook",), alarms=frozenset({"sos"}))},
            device_rules={d: frozenset({1}) for d in range(1, DEVICES + 1)},
            rule_users={1: frozenset({1})},
            device_users={d: frozenset({1}) for d in range(1, DEVICES + 1)},
        )
        items = [OutboxItem("event", f"sos{k}", k % DEVICES + 1, T0, {
            "id": f"sos{k}", "deviceId": k % DEVICES + 1, "type": "alarm", "eventTime": T0,
            "attributes": {"alarm": "sos"}}) for k in range(n)]  # fmt: skip
        before = len(receiver.ids)
        t2 = time.monotonic()
        for k in range(0, n, 1000):
            tx = StatementList()
            outbox.enqueue(tx, items[k : k + 1000])
            store.write_batch("worker", 10**9 + k, [], [], [],
                              lambda c, t=tx: run_sqlite(c, t.items))  # fmt: skip
        enq_s = time.monotonic() - t2
        store.close()
        while await asyncio.to_thread(pending_notifications, data / "telemetry.db"):
            await asyncio.sleep(0.2)
        note_s = time.monotonic() - t2
        got = len(receiver.ids) - before
        print(
            f"notifications: {n} enqueued in {enq_s:.1f} s ({n / enq_s:,.0f}/s);"
            f" {got} delivered to the webhook in {note_s:.1f} s ({got / note_s:,.0f}/s)"
        )
    finally:
        stop(dispatcher)
        if receiver.runner is not None:
            await receiver.runner.cleanup()


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--rate", type=float, default=1000.0, help="positions/s")
    p.add_argument("--outage", type=float, default=60.0, help="s the sink is down (issue: 3600)")
    p.add_argument("--after", type=float, default=30.0, help="s of writes after it is back")
    p.add_argument("--fill", choices=["rate", "fast"], default="rate")
    p.add_argument(
        "--backoff-max",
        type=float,
        default=5.0,
        help="s between retries at most (how soon a dispatcher sees the sink back)",
    )
    p.add_argument("--notifications", type=int, default=5000)
    p.add_argument("--concurrency", type=int, default=16, help="webhook devices at once")
    asyncio.run(main(p.parse_args()))
