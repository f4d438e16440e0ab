"""Hostile-traffic benchmark: legitimate devices of several protocols send at a steady rate while
hostile connections hit every listening port, TCP and UDP, of a real gateway + worker (separate
processes, embedded SQLite). Loopback only; every loop is bounded in count and time.

Three phases, the same legitimate load in each:
  quiet     no hostile traffic: the reference ACK latency
  hostile   --hostile connections spread over every TCP port (random bytes, mutated real
            frames, slowloris, connect-and-close storms, 64 KiB floods) plus UDP garbage
  floods    --flooders connections sending random 64 KiB writes flat out, one port at a time

Prints, per phase, the legitimate devices' errors and ACK latency percentiles against the quiet
run; at the end records lost or doubled (every ACKed record looked up in the telemetry store),
whether a role restarted or died, the gateway's peak RSS and CPU, and how each hostile
connection ended.

    python bench/hostile.py                                  # the issue's acceptance run
    python bench/hostile.py --phase-seconds 10 --flood-seconds 1   # a quicker look
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import random
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).parent))
from _cluster import cpu_seconds, env_for, free_port, lag, rss_bytes, start, stop, wait_port
from fleetwire.protocols import NAMES, device_class, get
from fleetwire.protocols.base import Transport
from fleetwire.simulate.track import Track, start_time

LEGIT = ("teltonika", "jt808", "ruptela", "wialon", "galileo")  # binary and text, all ACKed
PHASES = ("quiet", "hostile", "floods")


# -- the legitimate load ---------------------------------------------------------------------
def simulate(
    protocol: str, port: int, devices: int, first: int, seconds: float, rate: float,
    env: dict[str, str], records: Path,
) -> subprocess.Popen[bytes]:  # fmt: skip
    return subprocess.Popen(
        [sys.executable, "-m", "fleetwire", "simulate", "--json", "-p", protocol,
         "--port", str(port), "-n", str(devices), "-r", "5", "-d", str(seconds),
         "--rate", str(rate), "--first-id", str(first), "--record-file", str(records)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def legit_phase(
    ports: dict[str, int], env: dict[str, str], tmp: Path, phase: str, args: argparse.Namespace,
    seconds: float,
) -> dict[str, dict[str, object]]:  # fmt: skip
    procs = {}
    for i, name in enumerate(LEGIT):
        # distinct devices per phase: each phase's track starts at the same device time
        first = 860000000000000 + i * 1_000_000 + PHASES.index(phase) * 10_000
        procs[name] = simulate(
            name, ports[name], args.devices, first, seconds, args.rate, env,
            tmp / f"records-{phase}-{name}.jsonl",
        )  # fmt: skip
    out = {}
    for name, p in procs.items():
        stdout, _ = p.communicate(timeout=seconds + 120)
        out[name] = orjson.loads(stdout.splitlines()[-1]) if stdout else {"error": "no summary"}
    return out


# -- hostile connections ---------------------------------------------------------------------
Ends = collections.Counter[str]


def real_frames(name: str) -> list[bytes]:
    cls = device_class(name)
    dev = cls(cls.example_id)
    track = Track(1, start_time())
    frames = [f for f, _ in dev.handshake() if f]
    frames += [dev.report([track.next()])[0], dev.heartbeat()[0]]
    return [f for f in frames if f]


def mutate(rng: random.Random, frame: bytes) -> bytes:
    b = bytearray(frame)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(4)
        if op == 0 and b:
            b[rng.randrange(len(b))] ^= 1 << rng.randrange(8)
        elif op == 1:
            b.insert(rng.randrange(len(b) + 1), rng.randrange(256))
        elif op == 2 and len(b) > 1:
            del b[rng.randrange(len(b))]
        else:
            b = b[: rng.randrange(len(b) + 1)]
    return bytes(b)


async def hostile(kind: str, port: int, name: str, seed: int, until: float, ends: Ends) -> None:
    """One hostile connection (or, for storms, a series of them) until ``until``."""
    rng = random.Random(seed)
    source = f"127.0.{rng.randrange(1, 250)}.{rng.randrange(1, 250)}"
    loop = asyncio.get_running_loop()
    try:
        if kind == "storm":
            n = 0
            while loop.time() < until and n < 2000:
                _, w = await asyncio.open_connection("127.0.0.1", port, local_addr=(source, 0))
                w.close()
                n += 1
                await asyncio.sleep(0.01)
            ends["storm: connect-and-close done"] += 1
            return
        r, w = await asyncio.open_connection("127.0.0.1", port, local_addr=(source, 0))
        frames = real_frames(name)
        while loop.time() < until:
            if kind == "random":
                w.write(rng.randbytes(rng.randrange(1, 2048)))
                pause = 0.05
            elif kind == "mutated":
                w.write(mutate(rng, rng.choice(frames)))
                pause = 0.05
            elif kind == "slowloris":
                w.write(rng.choice(frames)[:1])  # one byte a second, never a whole frame
                pause = 1.0
            else:  # flood
                w.write(rng.randbytes(65536))
                pause = 0.0
            await asyncio.wait_for(w.drain(), max(until - loop.time(), 0.1))
            if r.at_eof():
                break
            try:  # the gateway's answer, if any, or its close
                data = await asyncio.wait_for(r.read(65536), pause) if pause else b"x"
                if not data:
                    break
            except TimeoutError:
                pass
        if r.at_eof() or loop.time() < until:
            ends[f"{kind}: closed by the gateway"] += 1
        else:
            ends[f"{kind}: still open at the end"] += 1
        w.close()
    except (ConnectionError, OSError, asyncio.IncompleteReadError):
        ends[f"{kind}: closed by the gateway"] += 1
    except TimeoutError:
        ends[f"{kind}: still open at the end (writes blocked)"] += 1
    except Exception as e:  # the bench's own failure: shown, never hidden
        ends[f"{kind}: bench error {type(e).__name__}: {e}"] += 1


async def udp_garbage(port: int, seed: int, until: float, ends: Ends) -> None:
    rng = random.Random(seed)
    loop = asyncio.get_running_loop()
    transport, _ = await loop.create_datagram_endpoint(
        asyncio.DatagramProtocol, remote_addr=("127.0.0.1", port)
    )
    n = 0
    while loop.time() < until and n < 20000:
        transport.sendto(rng.randbytes(rng.randrange(1, 1400)))
        n += 1
        await asyncio.sleep(0.002)
    transport.close()
    ends[f"udp garbage: {n} datagrams"] += 1


async def hostile_mix(ports: dict[str, int], count: int, seconds: float, ends: Ends) -> None:
    loop = asyncio.get_running_loop()
    until = loop.time() + seconds
    tcp = [n for n in NAMES if Transport.TCP in get(n).transports]
    kinds = ["random", "mutated", "slowloris", "storm", "random", "mutated", "slowloris"]
    tasks = [
        hostile(kinds[i % len(kinds)], ports[tcp[i % len(tcp)]], tcp[i % len(tcp)], i, until, ends)
        for i in range(count)
    ]
    tasks += [udp_garbage(ports[n], i, until, ends) for i, n in enumerate(NAMES)
              if Transport.UDP in get(n).transports]  # fmt: skip
    await asyncio.gather(*tasks)


async def floods(ports: dict[str, int], flooders: int, seconds: float, ends: Ends) -> None:
    loop = asyncio.get_running_loop()
    for i, name in enumerate(n for n in NAMES if Transport.TCP in get(n).transports):
        until = loop.time() + seconds
        await asyncio.gather(*(
            hostile("flood", ports[name], name, 1000 * i + k, until, ends)
            for k in range(flooders)
        ))  # fmt: skip


def in_thread(coro_fn: object, *args: object) -> threading.Thread:
    t = threading.Thread(target=lambda: asyncio.run(coro_fn(*args)), daemon=True)  # type: ignore[operator]
    t.start()
    return t


# -- the checks ------------------------------------------------------------------------------
def lost_and_doubled(data: Path, tmp: Path) -> tuple[int, int, int]:
    """(ACKed records, ACKed records not stored, records stored more than once)."""
    acked: set[tuple[str, str]] = set()
    legit: set[str] = set()  # mutated hostile frames register devices of their own: not these
    for f in tmp.glob("records-*.jsonl"):
        for line in f.read_bytes().splitlines():
            r = orjson.loads(line)
            legit.add(r["device"])
            if r["acked"]:
                acked.add((r["device"], r["time"]))
    tel = sqlite3.connect(data / "telemetry.db")
    tel.execute(f"ATTACH '{data / 'registry.db'}' AS reg")
    rows = tel.execute(
        "SELECT d.unique_id, p.fix_time, count(*) FROM positions p"
        " JOIN reg.devices d ON d.id = p.device_id GROUP BY p.device_id, p.fix_time"
    ).fetchall()
    tel.close()
    from datetime import UTC, datetime

    stored = {
        (uid, datetime.fromtimestamp(ms / 1000, UTC).isoformat()): n
        for uid, ms, n in rows
        if uid in legit
    }
    lost = sum(1 for key in acked if key not in stored)
    doubled = sum(n - 1 for n in stored.values() if n > 1)
    return len(acked), lost, doubled


def summary_line(phase: str, results: dict[str, dict[str, object]]) -> str:
    parts = []
    for name, s in results.items():
        parts.append(f"{name}: {s.get('acked')} ACKed, {s.get('failed')} failed, "
                     f"errors {s.get('errors')}, ack ms {s.get('ack_ms')}")  # fmt: skip
    return f"[{phase}]\n  " + "\n  ".join(parts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--devices", type=int, default=40, help="legitimate devices per protocol")
    ap.add_argument("--rate", type=float, default=1.0, help="frames/s per legitimate device")
    ap.add_argument("--hostile", type=int, default=400, help="hostile connections (phase 2)")
    ap.add_argument("--flooders", type=int, default=5, help="flooders per port (phase 3)")
    ap.add_argument("--phase-seconds", type=float, default=30.0)
    ap.add_argument("--flood-seconds", type=float, default=2.0, help="per port")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="fleetwire-hostile-"))
    data = tmp / "data"
    ports = {"api": free_port(), **{n: free_port() for n in NAMES}}
    env = env_for(ports)
    env["FLEETWIRE_GATEWAY__IDENTIFY_TIMEOUT"] = "10"  # slowloris lasts longer than this
    gw = start("gateway", data, env, tmp / "gateway.log")
    wait_port(ports["teltonika"], gw, tmp / "gateway.log")
    worker = start("worker", data, env, tmp / "worker.log")
    peak_rss = rss_bytes(gw.pid)
    sampling = True

    def sample() -> None:
        nonlocal peak_rss
        while sampling:
            peak_rss = max(peak_rss, rss_bytes(gw.pid))
            time.sleep(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    ends: Ends = collections.Counter()
    phases: dict[str, dict[str, dict[str, object]]] = {}
    cpu: dict[str, float] = {}
    try:
        rss0 = rss_bytes(gw.pid)
        c0 = cpu_seconds(gw.pid)
        phases["quiet"] = legit_phase(ports, env, tmp, "quiet", args, args.phase_seconds)
        cpu["quiet"] = cpu_seconds(gw.pid) - c0

        c0 = cpu_seconds(gw.pid)
        attack = in_thread(hostile_mix, ports, args.hostile, args.phase_seconds + 5, ends)
        time.sleep(2)  # the attack is on before the devices come
        phases["hostile"] = legit_phase(ports, env, tmp, "hostile", args, args.phase_seconds)
        attack.join(args.phase_seconds + 60)
        cpu["hostile"] = cpu_seconds(gw.pid) - c0

        tcp_ports = sum(1 for n in NAMES if Transport.TCP in get(n).transports)
        flood_total = tcp_ports * args.flood_seconds
        c0 = cpu_seconds(gw.pid)
        attack = in_thread(floods, ports, args.flooders, args.flood_seconds, ends)
        phases["floods"] = legit_phase(ports, env, tmp, "floods", args, flood_total)
        attack.join(flood_total + 60)
        cpu["floods"] = cpu_seconds(gw.pid) - c0

        t1 = time.monotonic()
        while lag(data) != 0 and time.monotonic() - t1 < 300:
            time.sleep(0.2)
        alive = {"gateway": gw.poll() is None, "worker": worker.poll() is None}
    finally:
        sampling = False
        stop(gw)
        stop(worker)
    acked, lost, doubled = lost_and_doubled(data, tmp)

    print(f"legitimate load     {len(LEGIT)} protocols x {args.devices} devices, "
          f"{args.rate:g} frames/s each (5 records a frame)")  # fmt: skip
    for phase, results in phases.items():
        print(summary_line(phase, results))
    quiet99 = max(float(s["ack_ms"]["p99"]) for s in phases["quiet"].values()  # type: ignore[index]
                  if s.get("ack_ms"))  # fmt: skip
    for phase in ("hostile", "floods"):
        p99 = max(float(s["ack_ms"]["p99"]) for s in phases[phase].values()  # type: ignore[index]
                  if s.get("ack_ms"))  # fmt: skip
        errors = sum(int(s.get("failed", 0)) for s in phases[phase].values())  # type: ignore[call-overload]
        ratio = p99 / quiet99 if quiet99 else float("nan")
        print(f"{phase:<10} p99 ACK {p99:.1f} ms vs quiet {quiet99:.1f} ms ({ratio:.2f}x), "
              f"legitimate failures {errors}")  # fmt: skip
    print(f"records             {acked} ACKed, {lost} lost, {doubled} doubled")
    print(f"roles alive         {alive} (run without the supervisor: a death is not hidden)")
    print(f"gateway memory      {rss0 / 2**20:.0f} MiB before, peak {peak_rss / 2**20:.0f} MiB")
    for phase, c in cpu.items():
        print(f"gateway CPU         {phase}: {c:.1f} s")
    print("hostile connections, how each ended:")
    for k, n in sorted(ends.items()):
        print(f"  {k:<48} {n}")
    print(f"data                {tmp}")


if __name__ == "__main__":
    main()
