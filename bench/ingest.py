"""Ingest benchmark: N Teltonika devices, R records per frame, each waiting for its ACK, against
gateway + worker (+ API) as separate processes on embedded SQLite, load from `fleetwire simulate`
on the same machine.

Prints records/s and frames/s ACKed, records/s stored (and queryable) during the window, how long
the worker needed to catch up after it, ACK latency percentiles, and gateway CPU per frame.

    python bench/ingest.py --devices 500 --records 10 --duration 60     # "Ingest", flat out
    python bench/ingest.py --devices 500 --records 10 --rate 4          # 20,000 records/s paced
    python bench/ingest.py --devices 500 --records 1 --duration 60      # "Frames", flat out
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).parent))
from _cluster import (
    cpu_seconds,
    env_for,
    free_port,
    lag,
    start,
    stop,
    stored_positions,
    wait_port,
)


def append_quantiles(api_port: int) -> dict[str, float]:
    """p50/p99 of fleetwire_rawlog_append_seconds, read from /metrics (bucket upper bounds)."""
    import urllib.request

    wait_port(api_port)
    with urllib.request.urlopen(f"http://127.0.0.1:{api_port}/metrics", timeout=10) as r:
        text = r.read().decode()
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--protocol", default="teltonika")
    ap.add_argument("--devices", type=int, default=500)
    ap.add_argument("--records", type=int, default=10)
    ap.add_argument("--duration", type=float, default=60.0)
    ap.add_argument("--sim-processes", type=int, default=1)
    ap.add_argument("--rate", type=float, default=0.0, help="frames/s per device; 0: flat out")
    ap.add_argument("--data-dir", type=Path, default=None)
    ap.add_argument("--no-worker", action="store_true", help="gateway alone (ACK path only)")
    args = ap.parse_args()

    tmp = Path(args.data_dir or tempfile.mkdtemp(prefix="fleetwire-bench-"))
    data = tmp / "data"
    ports = {"api": free_port(), "teltonika": free_port(), "gt06": free_port()}
    env = env_for(ports)
    gw = start("gateway", data, env, tmp / "gateway.log")
    wait_port(ports[args.protocol])
    worker = None if args.no_worker else start("worker", data, env, tmp / "worker.log")
    api = start("api", data, env, tmp / "api.log")  # for the gateway's own latency histogram
    try:
        cpu0 = cpu_seconds(gw.pid)
        stored0 = stored_positions(data)
        t0 = time.monotonic()
        sim = subprocess.run(
            [sys.executable, "-m", "fleetwire", "simulate", "--json", "-p", args.protocol,
             "--port", str(ports[args.protocol]), "-n", str(args.devices),
             "-r", str(args.records), "-d", str(args.duration),
             "-P", str(args.sim_processes), "--rate", str(args.rate)],
            env=env, capture_output=True, check=False,
        )  # fmt: skip
        window = time.monotonic() - t0
        stored_in_window = stored_positions(data) - stored0
        gw_cpu = cpu_seconds(gw.pid) - cpu0
        summary = orjson.loads(sim.stdout.splitlines()[-1])
        t1 = time.monotonic()
        while worker and lag(data) != 0 and time.monotonic() - t1 < 600:
            time.sleep(0.2)
        catch_up = time.monotonic() - t1
        total_stored = stored_positions(data) - stored0
        server = append_quantiles(ports["api"])
    finally:
        stop(api)
        stop(gw)
        if worker:
            stop(worker)
    frames = summary["acked"]
    pace = f"{args.rate:g} frames/s each" if args.rate else "as fast as ACKs come back"
    print(f"protocol            {args.protocol}, {args.devices} devices, "
          f"{args.records} records/frame, {pace}, {summary['elapsed_s']} s")  # fmt: skip
    print(f"ACKed               {summary['records_per_s']:,.0f} records/s, "
          f"{summary['frames_per_s']:,.0f} frames/s ({summary['failed']} failed)")  # fmt: skip
    print(f"stored in window    {stored_in_window / window:,.0f} records/s "
          f"({stored_in_window:,} of {summary['records_acked']:,})")  # fmt: skip
    print(f"worker caught up    {catch_up:.1f} s after the load stopped "
          f"(all {total_stored:,} stored)")  # fmt: skip
    print(f"ACK latency ms      {summary['ack_ms']}  (at the simulator)")
    print(f"append latency ms   {server}  (in the gateway: arrival to durable, histogram)")
    print(f"gateway CPU         {gw_cpu:.1f} s = {gw_cpu / max(frames, 1) * 1e6:.1f} us/frame, "
          f"{gw_cpu / window * 100:.0f}% of one core")  # fmt: skip
    print(f"data                {tmp}")


if __name__ == "__main__":
    main()
