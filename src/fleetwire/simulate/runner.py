"""Orchestrates a simulation: devices spread over processes (each one loop, its own open-file
budget), a progress line on a terminal, and one summary with rates and ACK latency percentiles."""

from __future__ import annotations

import asyncio
import ipaddress
import multiprocessing as mp
import os
import resource
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import orjson

from fleetwire.model import Record
from fleetwire.protocols import device_class, get
from fleetwire.protocols.base import Transport
from fleetwire.simulate.client import Stats, run_device, run_udp_device
from fleetwire.simulate.track import Track, start_time


@dataclass
class SimulateOptions:
    protocol: str = "teltonika"
    host: str = "127.0.0.1"
    port: int | None = None
    udp: bool = False
    devices: int = 10
    records: int = 1
    frames: int = 0
    duration: float = 10.0
    rate: float = 0.0
    idle: bool = False
    processes: int = 1
    source_ips: str = ""
    first_id: int | None = None  # None: the protocol's example id
    connect_rate: float = 2000.0
    record_file: Path | None = None
    reconnect: bool = False
    ack_timeout: float = 10.0  # s, TCP devices
    as_json: bool = False


def parse_ips(spec: str) -> list[str]:
    """``127.0.0.2-127.0.0.9`` or ``127.0.0.2,127.0.0.3`` to a list of addresses."""
    out: list[str] = []
    for part in filter(None, (p.strip() for p in spec.split(","))):
        if "-" in part:
            a, b = (ipaddress.ip_address(x) for x in part.split("-", 1))
            out += [str(ipaddress.ip_address(i)) for i in range(int(a), int(b) + 1)]
        else:
            out.append(str(ipaddress.ip_address(part)))
    return out


def percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return 0.0
    k = min(round(p / 100 * (len(sorted_values) - 1)), len(sorted_values) - 1)
    return sorted_values[k]


def _raise_nofile() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


async def _run_slice(
    opts: SimulateOptions, indices: range, progress: Any, record_path: Path | None
) -> Stats:
    proto = get(opts.protocol)
    port = opts.port or proto.default_port
    cls = device_class(opts.protocol)
    ips = parse_ips(opts.source_ips)
    stats = Stats()
    start = start_time()
    deadline = time.monotonic() + opts.duration
    out = record_path.open("ab") if record_path else None

    def sink(uid: str, r: Record, acked: bool) -> None:
        """One line per record sent: "acked" is false where the protocol gives the frame no
        reply (GT06 locations), so the device cannot know whether it was stored; "at" is the
        wall-clock time of the ACK (or of the send, without one), for end-to-end latencies."""
        assert out is not None
        out.write(
            orjson.dumps(
                {"device": uid, "time": r.fix_time.isoformat(), "latitude": r.latitude,
                 "longitude": r.longitude, "speed": r.speed, "course": r.course,
                 "acked": acked, "at": time.time()}
            ) + b"\n"
        )  # fmt: skip

    tasks = []
    gap = 1.0 / opts.connect_rate if opts.connect_rate > 0 else 0.0
    # paced against the clock, a few devices at a time: a sleep per device would cap the rate
    # near 1,000/s whatever was asked, since the event loop's timers tick in milliseconds
    paced_from = time.monotonic()
    transport = Transport.UDP if opts.udp else Transport.TCP
    for i in indices:
        uid = cls.nth_id(i) if opts.first_id is None else str(opts.first_id + i)
        device = cls(uid, transport)
        track = Track(i, start)
        common: dict[str, Any] = {
            "host": opts.host, "port": port, "records_per_frame": opts.records,
            "frames": opts.frames,
            "deadline": deadline, "rate": opts.rate, "sink": sink if out else None,
        }  # fmt: skip
        if opts.udp:
            coro = run_udp_device(device, track, stats, **common)
        else:
            local = ips[i % len(ips)] if ips else None
            coro = run_device(
                device,
                track,
                stats,
                idle=opts.idle,
                local_ip=local,
                reconnect=opts.reconnect,
                timeout=opts.ack_timeout,
                **common,
            )
        tasks.append(asyncio.create_task(coro))
        if gap:
            ahead = paced_from + len(tasks) * gap - time.monotonic()
            if ahead >= 0.002:
                await asyncio.sleep(ahead)
            elif len(tasks) % 64 == 0:
                await asyncio.sleep(0)  # let the started ones connect meanwhile

    async def report() -> None:
        while True:
            progress[0] = stats.acked
            progress[1] = stats.connected
            await asyncio.sleep(0.25)

    reporter = asyncio.create_task(report())
    await asyncio.gather(*tasks)
    reporter.cancel()
    progress[0], progress[1] = stats.acked, stats.connected
    if out:
        out.close()
    return stats


def _child(opts: SimulateOptions, indices: range, progress: Any, q: Any, rec: Path | None) -> None:
    _raise_nofile()
    try:
        import uvloop

        stats = uvloop.run(_run_slice(opts, indices, progress, rec))
    except ImportError:  # pragma: no cover
        stats = asyncio.run(_run_slice(opts, indices, progress, rec))
    q.put(asdict(stats))


def run_simulation(opts: SimulateOptions) -> int:
    get(opts.protocol)
    if opts.udp and Transport.UDP not in get(opts.protocol).transports:
        print(f"{opts.protocol} has no UDP transport", file=sys.stderr)
        return 2
    nproc = max(1, min(opts.processes, opts.devices))
    per = -(-opts.devices // nproc)
    ctx = mp.get_context("fork")
    q = ctx.Queue()
    procs = []
    progress = []
    parts: list[Path] = []
    if opts.record_file:
        opts.record_file.unlink(missing_ok=True)
    for k in range(nproc):
        indices = range(k * per, min((k + 1) * per, opts.devices))
        arr = ctx.Array("q", 2, lock=False)
        rec = None
        if opts.record_file:
            rec = opts.record_file.with_name(f"{opts.record_file.name}.{k}")
            rec.unlink(missing_ok=True)
            parts.append(rec)
        p = ctx.Process(target=_child, args=(opts, indices, arr, q, rec), daemon=True)
        p.start()
        procs.append(p)
        progress.append(arr)
    t0 = time.monotonic()
    tty = sys.stderr.isatty() and not opts.as_json
    results: list[dict[str, Any]] = []
    while len(results) < nproc:
        try:
            results.append(q.get(timeout=1.0))
        except Exception:
            if not any(p.is_alive() for p in procs) and q.empty():
                break
        if tty:
            acked = sum(a[0] for a in progress)
            conns = sum(a[1] for a in progress)
            el = time.monotonic() - t0
            sys.stderr.write(
                f"\r{el:6.1f}s connected {conns:>7} acked {acked:>9}"
                f" ({acked / max(el, 1e-9):,.0f}/s)"
            )
            sys.stderr.flush()
    elapsed = time.monotonic() - t0
    if tty:
        sys.stderr.write("\n")
    for p in procs:
        p.join(timeout=5)
    total = Stats()
    for r in results:
        total.merge(Stats(**r))
    if opts.record_file:
        with opts.record_file.open("wb") as out:
            for part in parts:
                if part.exists():
                    out.write(part.read_bytes())
                    part.unlink()
    lat = sorted(total.latencies)
    summary: dict[str, Any] = {
        "protocol": opts.protocol,
        "transport": "udp" if opts.udp else "tcp",
        "devices": opts.devices,
        "connected": total.connected,
        "sent": total.sent,
        "acked": total.acked,
        "failed": total.failed,
        "errors": total.errors,
        "records_acked": total.records_acked,
        "resent": total.resent,
        "resent_acked": total.resent_acked,
        "elapsed_s": round(elapsed, 2),
        "frames_per_s": round(total.acked / elapsed, 1) if elapsed else 0.0,
        "records_per_s": round(total.records_acked / elapsed, 1) if elapsed else 0.0,
        "ack_ms": {f"p{p}": round(percentile(lat, p) * 1000, 2) for p in (50, 90, 99, 99.9)},
        "processes": nproc,
        "pid": os.getpid(),
    }
    if opts.as_json:
        print(orjson.dumps(summary).decode())
    else:
        for key, v in summary.items():
            print(f"{key:>14}: {v}")
    lost = len(results) < nproc
    failed = total.failed and not opts.idle and not opts.reconnect
    return 1 if lost or failed else 0
