"""Connection benchmark: idle, logged-in Teltonika devices held by ONE gateway process, and the
gateway's memory per connection.

The client side runs in several processes (each has its own open-file limit) and several
127.0.0.x source addresses (each has its own ephemeral port range).

    python bench/connections.py --connections 19000
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _cluster import env_for, free_port, rss_bytes, start, stop, wait_port


def open_sockets(pid: int) -> int:
    n = 0
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            if os.readlink(fd).startswith("socket:"):
                n += 1
        except OSError:
            pass
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--connections", type=int, default=19000)
    ap.add_argument("--processes", type=int, default=4)
    ap.add_argument("--source-ips", default="127.0.0.2-127.0.0.9")
    ap.add_argument("--hold", type=float, default=20.0, help="seconds to hold once all are in")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="fleetwire-conn-"))
    data = tmp / "data"
    ports = {"api": free_port(), "teltonika": free_port(), "gt06": free_port()}
    env = env_for(ports)
    gw = start("gateway", data, dict(env, FLEETWIRE_LOG_LEVEL="INFO"), tmp / "gateway.log")
    wait_port(ports["teltonika"])
    time.sleep(1.0)
    base_sockets = open_sockets(gw.pid)
    rss0 = rss_bytes(gw.pid)
    sim = subprocess.Popen(
        [sys.executable, "-m", "fleetwire", "simulate", "--json", "--idle", "-p", "teltonika",
         "--port", str(ports["teltonika"]), "-n", str(args.connections),
         "-P", str(args.processes), "--source-ips", args.source_ips,
         "--connect-rate", "3000", "-d", str(args.connections / 3000 / args.processes * 4
                                              + args.hold + 10)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    t0 = time.monotonic()
    peak = 0
    held_since = None
    while sim.poll() is None:
        n = open_sockets(gw.pid) - base_sockets
        peak = max(peak, n)
        if n >= args.connections and held_since is None:
            held_since = time.monotonic()
            ramp = held_since - t0
        if held_since and time.monotonic() - held_since > args.hold / 2:
            break
        time.sleep(0.5)
    held = open_sockets(gw.pid) - base_sockets
    rss1 = rss_bytes(gw.pid)
    out, err = sim.communicate(timeout=600)
    log = (tmp / "gateway.log").read_text()
    stop(gw)
    limit_line = next((line for line in log.splitlines() if "open_files_limit" in line), "")
    print(f"gateway log         {limit_line.split(' role=gateway ')[-1]}")
    print(f"connections held    {held:,} (peak {peak:,}) by one gateway process")
    if held_since:
        print(f"ramp                {ramp:.1f} s to connect and log in all")
    print(f"gateway RSS         {rss0 / 2**20:.1f} MiB idle -> {rss1 / 2**20:.1f} MiB")
    if held:
        print(f"memory/connection   {(rss1 - rss0) / held:,.0f} bytes")
    tail = out.decode().strip().splitlines()
    print(f"simulator           {tail[-1] if tail else err.decode()[-500:]}")


if __name__ == "__main__":
    main()
