"""Connection benchmark: idle, logged-in Teltonika devices held by one host's gateway processes,
the memory each connection costs them, how fast they all got in, and the ACK latency of a
handful of devices that send normally meanwhile.

The gateway runs as `fleetwire gateway --processes G` (G processes sharing the ports with
SO_REUSEPORT; each has its own open-file limit, 20,000 here). The idle devices come from
several simulator processes (each has its own open-file limit too) and several 127.0.0.x
source addresses (each has its own ephemeral port range, about 28,000). Memory per connection
is the growth of the gateway processes' summed RSS over their idle RSS, divided by the
connections they hold. Embedded tier (SQLite raw log and registry): every login writes its
online session record, and registers a new device unless `--known` registered the fleet first
(a gateway restart: the devices the operator already has log in again). Loopback only, bounded
in time.

    python bench/connections.py --connections 100000 --gateways 6     # issue 14, target 3
    python bench/connections.py --connections 100000 --gateways 6 --known   # after a restart
    python bench/connections.py --connections 19000 --gateways 1      # one process
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _cluster import children, env_for, free_port, rss_bytes, start_role, stop, wait_port
from fleetwire.store.registry import SqliteRegistry

ACTIVE_FIRST = 356307040000000  # the IMEIs of the devices sending meanwhile count on from it
IDLE_FIRST = 356307050000000  # and the idle ones


def register(data: Path, imeis: list[int]) -> None:
    """The devices as an operator's registry holds them before a restart (the same code the
    gateway registers unknown ones with)."""
    data.mkdir(parents=True, exist_ok=True)
    reg = SqliteRegistry(data / "registry.db")
    try:
        for i in range(0, len(imeis), 10_000):
            reg.resolve([(str(n), "teltonika") for n in imeis[i : i + 10_000]], register=True)
    finally:
        reg.close()


def open_sockets(pid: int) -> int:
    n = 0
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            if os.readlink(fd).startswith("socket:"):
                n += 1
        except OSError:
            pass
    return n


def gateways(supervisor: int, expected: int) -> list[int]:
    """The gateway processes (the supervisor's children), once all of them are up."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        pids = children(supervisor) if expected > 1 else [supervisor]
        if len(pids) >= expected:
            return pids
        time.sleep(0.2)
    raise SystemExit(f"only {len(children(supervisor))} of {expected} gateway processes started")


def held(pids: list[int], base: dict[int, int]) -> int:
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError):  # a process that just died counts nothing
            total += open_sockets(pid) - base[pid]
    return total


def simulate(env: dict[str, str], port: int, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "fleetwire", "simulate", "--json", "-p", "teltonika",
         "--port", str(port), *args],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        start_new_session=True,  # its own group: its -P children are killed with it
    )  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--connections", type=int, default=19000, help="idle logged-in devices")
    ap.add_argument("--gateways", type=int, default=1, help="gateway processes")
    ap.add_argument("--processes", type=int, default=0,
                    help="idle devices' simulator processes (default: one per 12,500)")  # fmt: skip
    ap.add_argument("--source-ips", default="", help="default: one 127.0.0.x per 20,000")
    ap.add_argument("--connect-rate", type=float, default=6000.0, help="per second, in all")
    ap.add_argument("--active", type=int, default=20, help="devices sending meanwhile")
    ap.add_argument("--hold", type=float, default=20.0, help="seconds to hold once all are in")
    ap.add_argument(
        "--known",
        action="store_true",
        help="register the devices before they log in (a restart, not a new fleet)",
    )
    args = ap.parse_args()

    procs = args.processes or max(1, -(-args.connections // 12500))
    ips = args.source_ips or f"127.0.0.2-127.0.0.{2 + max(1, -(-args.connections // 20000))}"
    tmp = Path(tempfile.mkdtemp(prefix="fleetwire-conn-"))
    data = tmp / "data"
    ports = {"api": free_port(), "teltonika": free_port(), "gt06": free_port()}
    env = env_for(ports)
    if args.known:
        register(data, [IDLE_FIRST + i for i in range(args.connections)]
                 + [ACTIVE_FIRST + i for i in range(args.active)])  # fmt: skip
    gw_args = ["--data-dir", str(data)]
    if args.gateways > 1:
        gw_args += ["--processes", str(args.gateways)]
    supervisor = start_role("gateway", gw_args, dict(env, FLEETWIRE_LOG_LEVEL="INFO"),
                            tmp / "gateway.log")  # fmt: skip
    wait_port(ports["teltonika"], supervisor, tmp / "gateway.log")
    pids = gateways(supervisor.pid, args.gateways)
    time.sleep(1.5)
    base = {pid: open_sockets(pid) for pid in pids}
    rss0 = sum(rss_bytes(pid) for pid in pids)

    ramp_budget = args.connections / args.connect_rate * 3 + 30
    active = simulate(
        env, ports["teltonika"], "-n", str(args.active), "--rate", "1",
        "--first-id", str(ACTIVE_FIRST), "-d", str(ramp_budget + args.hold),
    )  # fmt: skip
    time.sleep(1.0)
    idle = simulate(
        env, ports["teltonika"], "--idle", "-n", str(args.connections), "-P", str(procs),
        "--source-ips", ips, "--connect-rate", str(args.connect_rate / procs),
        "--first-id", str(IDLE_FIRST), "-d", str(ramp_budget + args.hold),
    )  # fmt: skip
    t0 = time.monotonic()
    peak, ramp = 0, None
    goal = args.connections + args.active
    while idle.poll() is None and time.monotonic() - t0 < ramp_budget:
        n = held(pids, base)
        peak = max(peak, n)
        if n >= goal:
            ramp = time.monotonic() - t0
            break
        time.sleep(0.25)
    if ramp is not None:
        time.sleep(args.hold / 2)
    now_held = held(pids, base)
    rss1 = sum(rss_bytes(pid) for pid in pids)
    per_proc = [open_sockets(pid) - base[pid] for pid in pids]
    idle.terminate()
    active_out, _ = active.communicate(timeout=ramp_budget + args.hold + 120)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(idle.pid, signal.SIGKILL)  # and its children, which would hold their sockets
    idle.communicate()
    log = (tmp / "gateway.log").read_text()
    stop(supervisor)

    limit_line = next((line for line in log.splitlines() if "open_files_limit" in line), "")
    print(f"gateway processes   {args.gateways} ({limit_line.split(' role=gateway ')[-1]} each)")
    print(f"connections held    {now_held:,} (peak {peak:,}; per process {per_proc})")
    print(f"                    {args.connections:,} idle from {procs} simulator processes over "
          f"{ips}, {args.active} sending 1 frame/s")  # fmt: skip
    if ramp is not None:
        print(f"ramp                {ramp:.1f} s until all were connected and logged in")
    else:
        print(f"ramp                not all in within {ramp_budget:.0f} s")
    print(f"gateway RSS         {rss0 / 2**20:.1f} MiB idle -> {rss1 / 2**20:.1f} MiB (sum)")
    if now_held:
        print(f"memory/connection   {(rss1 - rss0) / now_held:,.0f} bytes")
    try:
        summary = json.loads(active_out.decode().strip().splitlines()[-1])
        ack = summary["ack_ms"]
        print(f"active devices      sent {summary['sent']:,}, ACKed {summary['acked']:,}, "
              f"failed {summary['failed']}; ACK p50 {ack['p50']:.1f} ms, p99 {ack['p99']:.1f} "
              f"ms, p99.9 {ack['p99.9']:.1f} ms")  # fmt: skip
    except (ValueError, IndexError, KeyError):
        print(f"active devices      no summary: {active_out.decode()[-300:]}")
    print(f"load average        {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
