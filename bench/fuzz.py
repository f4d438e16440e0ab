"""Fuzzing at scale: random and mutated frames through framing, inspect and decode, per protocol.

Each protocol's real frames (its test vectors, which name their sources, and its simulated
device's handshake, heartbeat and reports) are mutated: bit flips, interesting bytes, bytes
inserted or deleted, truncations, length-field tweaks, splices of two frames, repeated slices,
and some inputs are plain random bytes. Each input goes through the generic Framer with the
protocol's frame_length, fed in random chunk sizes; every frame that comes out, and for a UDP
protocol the input as one datagram, goes through inspect and decode. A crash is any exception
other than the protocol's own DeviceError family, or a decoded record that fails the worker's
sanity check (fleetwire.sanity, against a receive time far ahead as in the fuzz tests: devices
may send any date 2000-2099). Hypothesis stays in the tests; this is the million-frame run.

    python bench/fuzz.py --frames 20000                 # quick, every protocol
    python bench/fuzz.py --protocol calamp --frames 1000000 --seed 7
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import sys
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from fleetwire.errors import DeviceError
from fleetwire.model import Record
from fleetwire.protocols import NAMES, device_class, get
from fleetwire.protocols.base import DecodeContext, Session, TrackerProtocol, Transport
from fleetwire.protocols.framing import Framer, frame_starts, start_pattern
from fleetwire.sanity import ERA_END, insane
from fleetwire.simulate.track import Track, start_time

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.protocols.*.vectors

RECEIVED = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
FAR = ERA_END  # the fuzz tests' "now": any date up to 2099 is sane
CHUNK = 5000  # frames per task handed to a process
INTERESTING = (0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF, 0x2C, 0x2E, 0x2D, 0x30, 0x39, 0x3B, 0x0D)
TEXT = b"0123456789,.-;:|#*$ABCDEFNSWE\r\n"
MAX_CRASH_KINDS = 12


@dataclass(slots=True)
class Tally:
    tried: int = 0
    framed: int = 0
    inspected: int = 0
    decoded: int = 0
    crashes: int = 0
    # crash signature -> (count, hex of the first input, traceback or reason)
    kinds: dict[str, list[object]] = field(default_factory=dict)

    def merge(self, other: Tally) -> None:
        self.tried += other.tried
        self.framed += other.framed
        self.inspected += other.inspected
        self.decoded += other.decoded
        self.crashes += other.crashes
        for sig, (n, hx, tb) in other.kinds.items():
            if sig in self.kinds:
                self.kinds[sig][0] = int(self.kinds[sig][0]) + int(n)  # type: ignore[call-overload]
            elif len(self.kinds) < MAX_CRASH_KINDS:
                self.kinds[sig] = [n, hx, tb]


def golden_frames(name: str) -> list[bytes]:
    """The protocol's real frames: every bytes value of its test vectors module, and what its
    simulated device sends (handshake, heartbeat, reports of one and several records)."""
    frames: list[bytes] = []
    try:
        vectors = __import__(f"tests.protocols.{name}.vectors", fromlist=["_"])
    except ImportError:
        vectors = None
    for value in vars(vectors).values() if vectors else ():
        items = value.values() if isinstance(value, dict) else value
        if isinstance(value, bytes):
            items = [value]
        elif not isinstance(value, list | tuple | dict):
            continue
        frames += [b for b in items if isinstance(b, bytes) and b]
    cls = device_class(name)
    proto = get(name)
    for transport in proto.transports & {Transport.TCP, Transport.UDP}:
        dev = cls(cls.example_id, transport)
        track = Track(0, start_time())
        sends = [*dev.handshake()]
        for k in (0, 1, 5):
            try:
                sends.append(dev.report([track.next() for _ in range(k)]) if k else dev.heartbeat())
            except Exception:  # a device without heartbeats or multi-record reports
                continue
        frames += [f for f, _ in sends if f]
    return list(dict.fromkeys(frames))


def mutate(rng: random.Random, frames: list[bytes]) -> bytes:
    """One fuzz input: a real frame under 1-4 mutations, or (1 in 16) random bytes."""
    if rng.random() < 1 / 16:
        return rng.randbytes(rng.randint(0, 300))
    data = bytearray(rng.choice(frames))
    text = all(32 <= b < 127 or b in b"\r\n" for b in data[:64])
    for _ in range(rng.randint(1, 4)):
        n = len(data)
        op = rng.randrange(9)
        if n == 0:
            data += rng.randbytes(rng.randint(1, 16))
        elif op == 0:  # bit flips
            for _ in range(rng.randint(1, 3)):
                data[rng.randrange(n)] ^= 1 << rng.randrange(8)
        elif op == 1:  # an interesting byte (a field character for text protocols)
            data[rng.randrange(n)] = rng.choice(TEXT) if text else rng.choice(INTERESTING)
        elif op == 2:  # insert
            i = rng.randrange(n + 1)
            data[i:i] = bytes([rng.choice(TEXT)]) if text else rng.randbytes(rng.randint(1, 4))
        elif op == 3:  # delete
            i = rng.randrange(n)
            del data[i : i + rng.randint(1, 4)]
        elif op == 4:  # truncate
            del data[rng.randrange(n) :]
        elif op == 5:  # a length field: a small change to a byte or big-endian word near the head
            i = rng.randrange(min(n, 16))
            if i + 1 < n and rng.random() < 0.5:
                v = (int.from_bytes(data[i : i + 2], "big") + rng.choice((-2, -1, 1, 2))) % 65536
                data[i : i + 2] = v.to_bytes(2, "big")
            else:
                data[i] = (data[i] + rng.choice((-2, -1, 1, 2, 128))) % 256
        elif op == 6:  # splice: this frame's head, another frame's tail
            other = rng.choice(frames)
            data = data[: rng.randrange(n + 1)] + other[rng.randrange(len(other) + 1) :]
        elif op == 7:  # a slice repeated
            i = rng.randrange(n)
            j = min(n, i + rng.randint(1, 16))
            data[j:j] = data[i:j] * rng.randint(1, 3)
        else:  # a random byte
            data[rng.randrange(n)] = rng.randrange(256)
    return bytes(data)


def chunks(rng: random.Random, data: bytes) -> Iterator[bytes]:
    """Half the inputs whole, the others in reads of 1 to 128 bytes."""
    if rng.random() < 0.5:
        yield data
        return
    i = 0
    while i < len(data):
        n = rng.randint(1, 128)
        yield data[i : i + n]
        i += n


class Harness:
    """One protocol's golden frames and sessions, in one process."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.proto: TrackerProtocol = get(name)
        self.frames = golden_frames(name)
        self.udp = Transport.UDP in self.proto.transports
        # a session that went through the device's handshake (Navtelecom FLEX negotiates its
        # record layout there: without it no report frames at all)
        cls = device_class(name)
        self.session = Session(Transport.TCP)
        self.context = b""
        for f, _ in cls(cls.example_id).handshake():
            try:
                up = self.proto.inspect(f, self.session)
            except DeviceError:
                continue
            self.session.unique_id = up.unique_id or self.session.unique_id
            self.context = up.context or self.context
        self.uid = self.session.unique_id or cls.example_id

    def _session(self, transport: Transport) -> Session:
        s = self.session
        return Session(transport, s.unique_id, dict(s.state), received_us=1_795_000_000_000_000)

    def one(self, data: bytes, transport: Transport, t: Tally) -> None:
        """inspect and decode one frame; a crash raises, with its kind in the message."""
        up = None
        try:
            up = self.proto.inspect(data, self._session(transport))
            t.inspected += 1
        except DeviceError:
            pass
        ctx = DecodeContext(self.uid, RECEIVED, transport, {}, up.context if up else self.context)
        try:
            records = self.proto.decode(data, ctx)
        except DeviceError:
            return
        t.decoded += 1
        for r in records:
            if not isinstance(r, Record):
                raise AssertionError(f"decode returned {type(r).__name__}, not a Record")
            why = insane(r, FAR)
            if why is not None:
                raise Insane(why.field, f"{why.reason}: {r}")

    def run(self, seed: str, n: int) -> Tally:
        rng = random.Random(seed)
        t = Tally()
        framing = self.proto.session_framing(self._session(Transport.TCP))
        starts = start_pattern(frame_starts(framing))  # learnt once, as the gateway does
        for _ in range(n):
            data = mutate(rng, self.frames)
            t.tried += 1
            try:
                framed: list[bytes] = []
                fr = Framer(framing, self.proto.max_frame_size, starts)
                try:
                    for part in chunks(rng, data):
                        framed += fr.feed(part)
                        while fr.more:  # the step budget the gateway yields the loop on
                            framed += fr.feed()
                except DeviceError:
                    pass
                if framed:
                    t.framed += 1
                for frame in framed:
                    self.one(frame, Transport.TCP, t)
                if self.udp:
                    self.one(data, Transport.UDP, t)
            except Exception as e:
                t.crashes += 1
                sig = signature(e)
                if sig in t.kinds:
                    t.kinds[sig][0] = int(t.kinds[sig][0]) + 1  # type: ignore[call-overload]
                elif len(t.kinds) < MAX_CRASH_KINDS:
                    tb = str(e) if isinstance(e, Insane) else traceback.format_exc()
                    t.kinds[sig] = [1, data.hex(), tb]
        return t


class Insane(Exception):
    """A decoded record that fails the sanity check."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def signature(e: Exception) -> str:
    if isinstance(e, Insane):
        return f"insane {e.field}"
    tb = traceback.extract_tb(e.__traceback__)
    where = tb[-1] if tb else None
    at = f"{Path(where.filename).name}:{where.lineno}" if where else "?"
    return f"{type(e).__name__} at {at}"


_HARNESS: dict[str, Harness] = {}


def task(args: tuple[str, str, int]) -> tuple[str, Tally]:
    name, seed, n = args
    h = _HARNESS.get(name)
    if h is None:
        h = _HARNESS[name] = Harness(name)
    return name, h.run(seed, n)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--protocol", action="append", choices=NAMES, metavar="NAME",
                        help="one protocol (repeatable); default: all 35")  # fmt: skip
    parser.add_argument("--frames", type=int, default=1_000_000, help="inputs per protocol")
    parser.add_argument("--seed", default="1")
    parser.add_argument("--procs", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--show", type=int, default=1, help="crash kinds shown per protocol, on stderr"
    )
    a = parser.parse_args()
    names = a.protocol or list(NAMES)
    tasks = [
        (name, f"{a.seed}:{name}:{i}", min(CHUNK, a.frames - i * CHUNK))
        for name in names
        for i in range((a.frames + CHUNK - 1) // CHUNK)
    ]
    totals = {name: Tally() for name in names}
    left = {name: sum(1 for t in tasks if t[0] == name) for name in names}
    print(f"{'protocol':<12} {'tried':>10} {'framed':>10} {'inspect ok':>11} {'decode ok':>10}"
          f" {'crashes':>8} {'done at':>8}  crash kinds", flush=True)  # fmt: skip
    t0 = time.perf_counter()
    with multiprocessing.Pool(a.procs) as pool:
        # each protocol's row as soon as its last task is in: a run cut short keeps its rows
        for name, t in pool.imap_unordered(task, tasks, chunksize=1):
            totals[name].merge(t)
            left[name] -= 1
            if not left[name]:
                row(name, totals[name], time.perf_counter() - t0)
                for sig, (_, hx, tb) in list(totals[name].kinds.items())[: a.show]:
                    print(f"== {name}: first {sig}\nhex {hx}\n{tb}", file=sys.stderr, flush=True)
    elapsed = time.perf_counter() - t0
    total = sum(t.tried for t in totals.values())
    crashes = sum(t.crashes for t in totals.values())
    print(f"\n{total:,} inputs, {crashes:,} crashes, {elapsed:,.1f} s"
          f" ({total / elapsed:,.0f} inputs/s on {a.procs} processes)")  # fmt: skip
    sys.exit(1 if crashes else 0)


def row(name: str, t: Tally, at: float) -> None:
    kinds = ", ".join(f"{sig} x{n}" for sig, (n, _, _) in t.kinds.items())
    print(f"{name:<12} {t.tried:>10,} {t.framed:>10,} {t.inspected:>11,} {t.decoded:>10,}"
          f" {t.crashes:>8,} {at:>7.0f}s  {kinds}", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
