"""Ingest benchmark: N Teltonika devices, R records per frame, each waiting for its ACK, against
gateway + worker (+ API) as separate processes on embedded SQLite, load from `fleetwire simulate`
on the same machine.

Prints records/s and frames/s ACKed, records/s stored (and queryable) during the window, the
worker's lag when the load stopped and how long it needed to catch up after it, ACK latency
percentiles, and CPU per record of the gateway, the worker and the simulator (figures that hold
on a loaded machine, where the wall-clock ones do not). A ladder prints the same per step.

    python bench/ingest.py --devices 500 --records 10 --duration 60     # "Ingest", flat out
    python bench/ingest.py --devices 500 --records 10 --rate 4          # 20,000 records/s paced
    python bench/ingest.py --devices 500 --records 1 --duration 60      # "Frames", flat out
    python bench/ingest.py --ladder 10000 --set FLEETWIRE_GATEWAY__COMMIT_INTERVAL=0.002
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import orjson

from fleetwire.config import Settings

sys.path.insert(0, str(Path(__file__).parent))
from _cluster import (
    add_set_option,
    cpu_seconds,
    env_for,
    free_port,
    lag,
    start,
    stop,
    stored_positions,
    wait_port,
    with_settings,
)


def read_metrics(api_port: int) -> str:
    import urllib.request

    wait_port(api_port)
    with urllib.request.urlopen(f"http://127.0.0.1:{api_port}/metrics", timeout=10) as r:
        return str(r.read().decode())


def held_seconds(text: str) -> float:
    """How long the gateway's commits waited for the worker (backpressure), from /metrics."""
    for line in text.splitlines():
        if line.startswith("fleetwire_gateway_worker_lag_held_seconds_total"):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def append_quantiles(text: str) -> dict[str, float]:
    """p50/p99 of fleetwire_rawlog_append_seconds, from /metrics (bucket upper bounds)."""
    buckets = []
    for line in text.splitlines():
        if line.startswith("fleetwire_rawlog_append_seconds_bucket"):
            le = line.split('le="')[1].split('"')[0]
            buckets.append((float(le), float(line.rsplit(" ", 1)[1])))
    buckets.sort()
    total = buckets[-1][1] if buckets else 0.0
    out = {}
    for q in (0.5, 0.99):
        bound = next((le for le, n in buckets if total and n >= q * total), float("nan"))
        out[f"p{int(q * 100)}<="] = round(bound * 1000, 1)
    return out


def simulate(args: argparse.Namespace, port: int, env: dict[str, str], rate: float,
             first_id: int | None = None) -> dict[str, Any]:  # fmt: skip
    """One load run from `fleetwire simulate` (its JSON summary)."""
    fresh = ["--first-id", str(first_id)] if first_id is not None else []
    sim = subprocess.run(
        [sys.executable, "-m", "fleetwire", "simulate", "--json", "-p", args.protocol,
         "--port", str(port), "-n", str(args.devices), "-r", str(args.records),
         "-d", str(args.duration), "-P", str(args.sim_processes), "--rate", str(rate), *fresh],
        env=env, capture_output=True, check=False,
    )  # fmt: skip
    summary: dict[str, Any] = orjson.loads(sim.stdout.splitlines()[-1])
    return summary


Proc = subprocess.Popen[bytes]
FIRST_ID = 356307042441013  # a Teltonika IMEI; the ladder's steps count on from it


def cluster(args: argparse.Namespace) -> tuple[Path, dict[str, int], dict[str, str], Proc,
                                                Proc | None]:  # fmt: skip
    """A gateway and (unless --no-worker) a worker on a fresh data directory, listening."""
    tmp = Path(args.data_dir or tempfile.mkdtemp(prefix="fleetwire-bench-"))
    tmp.mkdir(parents=True, exist_ok=True)
    data = tmp / "data"
    ports = {"api": free_port(), "teltonika": free_port(), "gt06": free_port()}
    env = with_settings(env_for(ports), args.set)
    gw = start("gateway", data, env, tmp / "gateway.log")
    wait_port(ports[args.protocol])
    worker = None
    if not args.no_worker:
        worker = start("worker", data, worker_env(args, env), tmp / "worker.log")
    return tmp, ports, env, gw, worker


def ladder(args: argparse.Namespace, steps: list[float]) -> None:
    """Paced runs at each load in turn on one cluster: ACK latency, what was stored, CPU."""
    tmp, ports, env, gw, worker = cluster(args)
    data = tmp / "data"
    assert worker is not None
    print(f"{args.protocol}, {args.devices} devices, {args.records} records/frame,"
          f" {args.duration:g} s a step; load average {load_average()}")  # fmt: skip
    print(f"worker nice {args.worker_nice if args.worker_nice is not None else 'default'}"
          f" ({Settings().worker.nice} unless set), gateway max_worker_lag"
          f" {Settings().gateway.max_worker_lag} frames")  # fmt: skip
    print(f"{'target r/s':>10} {'ACKed r/s':>10} {'p50 ms':>7} {'p90 ms':>7} {'p99 ms':>7}"
          f" {'p99.9 ms':>8} {'stored r/s':>10} {'lag frames':>10} {'gw us/rec':>9}"
          f" {'wk us/rec':>9}  load")  # fmt: skip
    wk_start, stored_start = cpu_seconds(worker.pid), stored_positions(data)
    try:
        for step, target in enumerate(steps, 1):
            per_device = target / args.devices / args.records  # frames/s each
            gw0, wk0, stored0 = cpu_seconds(gw.pid), cpu_seconds(worker.pid), stored_positions(data)
            t0 = time.monotonic()
            # fresh devices each step: the same ones would start their tracks again two days
            # back, behind what the worker derived, and every fix would be late data to recompute
            # (Teltonika IMEIs; other protocols' ids have other forms and keep their own)
            first = FIRST_ID + step * 10**6 if args.protocol == "teltonika" else None
            summary = simulate(args, ports[args.protocol], env, per_device, first)
            window = time.monotonic() - t0
            stored, behind = stored_positions(data) - stored0, lag(data)
            gw_cpu, wk_cpu = cpu_seconds(gw.pid) - gw0, cpu_seconds(worker.pid) - wk0
            q = summary["ack_ms"]
            # the worker's figure counts what it stored in the step, a backlog it left excluded
            print(f"{target:>10,.0f} {summary['records_per_s']:>10,.0f} {q['p50']:>7.1f}"
                  f" {q['p90']:>7.1f} {q['p99']:>7.1f} {q['p99.9']:>8.1f}"
                  f" {stored / window:>10,.0f} {behind:>10,}"
                  f" {gw_cpu / max(summary['records_acked'], 1) * 1e6:>9.1f}"
                  f" {wk_cpu / max(stored, 1) * 1e6:>9.1f}  {load_average()}")  # fmt: skip
            while lag(data) > 0 and time.monotonic() - t0 < 600:  # each step starts caught up
                time.sleep(0.2)
        # a step's worker figure depends on where its batches fell; the whole run's does not
        wk_cpu = cpu_seconds(worker.pid) - wk_start
        stored = stored_positions(data) - stored_start
        print(f"worker, all steps: {stored:,} records stored in {wk_cpu:.1f} CPU-s ="
              f" {stored / max(wk_cpu, 1e-9):,.0f} records per CPU-second"
              f" = {wk_cpu / max(stored, 1) * 1e6:.1f} us/record")  # fmt: skip
    finally:
        stop(gw)
        stop(worker)
    print(f"data {tmp}")


def worker_env(args: argparse.Namespace, env: dict[str, str]) -> dict[str, str]:
    """The worker's CPU priority: the config's (nice 10) unless --worker-nice says otherwise
    (19 is the SCHED_IDLE class, which gets no CPU while anything else runs)."""
    if args.worker_nice is None:
        return env
    return dict(env, FLEETWIRE_WORKER__NICE=str(args.worker_nice))


def children_cpu() -> float:
    """CPU seconds of the waited-for children (the simulator runs)."""
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--protocol", default="teltonika")
    ap.add_argument("--devices", type=int, default=500)
    ap.add_argument("--records", type=int, default=10)
    ap.add_argument("--duration", type=float, default=60.0)
    ap.add_argument("--sim-processes", type=int, default=1)
    ap.add_argument("--rate", type=float, default=0.0, help="frames/s per device; 0: flat out")
    ap.add_argument("--ladder", default="", help="records/s steps, e.g. 5000,10000,20000,40000")
    ap.add_argument("--worker-nice", type=int, default=None, help="default: the config's (10)")
    ap.add_argument("--data-dir", type=Path, default=None)
    add_set_option(ap)
    ap.add_argument("--no-worker", action="store_true", help="gateway alone (ACK path only)")
    args = ap.parse_args()
    if args.ladder:
        ladder(args, [float(x) for x in args.ladder.split(",")])
        return

    tmp, ports, env, gw, worker = cluster(args)
    data = tmp / "data"
    api = start("api", data, env, tmp / "api.log")  # for the gateway's own latency histogram
    try:
        load0 = load_average()
        cpu0 = cpu_seconds(gw.pid)
        wk0 = cpu_seconds(worker.pid) if worker else 0.0
        stored0 = stored_positions(data)
        sim0 = children_cpu()
        t0 = time.monotonic()
        summary = simulate(args, ports[args.protocol], env, args.rate)
        window = time.monotonic() - t0
        stored_in_window = stored_positions(data) - stored0
        lag_end = lag(data)
        gw_cpu = cpu_seconds(gw.pid) - cpu0
        wk_window = cpu_seconds(worker.pid) - wk0 if worker else 0.0
        sim_cpu = children_cpu() - sim0
        t1 = time.monotonic()
        while worker and lag(data) != 0 and time.monotonic() - t1 < 600:
            time.sleep(0.2)
        catch_up = time.monotonic() - t1
        total_stored = stored_positions(data) - stored0
        wk_cpu = cpu_seconds(worker.pid) - wk0 if worker else 0.0
        text = read_metrics(ports["api"])
        server, held = append_quantiles(text), held_seconds(text)
    finally:
        stop(api)
        stop(gw)
        if worker:
            stop(worker)
    frames = summary["acked"]
    pace = f"{args.rate:g} frames/s each" if args.rate else "as fast as ACKs come back"
    print(f"protocol            {args.protocol}, {args.devices} devices, "
          f"{args.records} records/frame, {pace}, {summary['elapsed_s']} s")  # fmt: skip
    print(f"load average        {load0} before, {load_average()} after")
    print(f"ACKed               {summary['records_per_s']:,.0f} records/s, "
          f"{summary['frames_per_s']:,.0f} frames/s ({summary['failed']} failed)")  # fmt: skip
    print(f"stored in window    {stored_in_window / window:,.0f} records/s "
          f"({stored_in_window:,} of {summary['records_acked']:,})")  # fmt: skip
    print(f"worker lag at end   {lag_end:,} frames (~{lag_end * args.records:,} records)"
          f" behind the raw log when the load stopped")  # fmt: skip
    print(f"backpressure        commits waited {held:.1f} s in all for the worker"
          f" (gateway.max_worker_lag)")  # fmt: skip
    print(f"worker caught up    {catch_up:.1f} s after the load stopped "
          f"(all {total_stored:,} stored)")  # fmt: skip
    if worker:
        print(f"worker CPU          {wk_cpu:.1f} s = {total_stored / max(wk_cpu, 1e-9):,.0f}"
              f" records per CPU-second = {wk_cpu / max(total_stored, 1) * 1e6:.1f} us/record;"
              f" {wk_window / window * 100:.0f}% of one core during the load")  # fmt: skip
    print(f"ACK latency ms      {summary['ack_ms']}  (at the simulator)")
    print(f"append latency ms   {server}  (in the gateway: arrival to durable, histogram)")
    records = max(summary["records_acked"], 1)
    print(f"gateway CPU         {gw_cpu:.1f} s = {gw_cpu / max(frames, 1) * 1e6:.1f} us/frame,"
          f" {gw_cpu / records * 1e6:.1f} us/record,"
          f" {gw_cpu / window * 100:.0f}% of one core")  # fmt: skip
    print(f"simulator CPU       {sim_cpu:.1f} s = {sim_cpu / records * 1e6:.1f} us/record,"
          f" {sim_cpu / window * 100:.0f}% of one core (load, not Fleetwire)")  # fmt: skip
    print(f"data                {tmp}")


if __name__ == "__main__":
    main()
