"""Decode benchmark: worker records/s decoded and stored on one core, per protocol.

Frames come from each protocol's simulated device (a moving track) and are appended to a real
raw log; the worker then decodes and stores them with its real batch loop. A second figure is
the decoder alone (no storage), a third `fleetwire replay` of the whole log (decode again, swap
every stored record for the new one).

    python bench/decode.py                  # every registered protocol
    python bench/decode.py teltonika gt06
"""

from __future__ import annotations

import argparse
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from fleetwire.config import Settings
from fleetwire.protocols import NAMES, device_class, get
from fleetwire.protocols.base import DecodeContext, Session, Transport
from fleetwire.protocols.framing import Framer
from fleetwire.rawlog.base import RawEntry
from fleetwire.rawlog.sqlite import SqliteRawLogWriter
from fleetwire.simulate.track import Track, start_time
from fleetwire.store.registry import SqliteRegistry
from fleetwire.tools.replay import Selection, replay
from fleetwire.worker.loop import Worker

FRAMES = 20000
DEVICES = 200


def per_frame(name: str) -> int:
    """Records per frame: 10 where the protocol carries many, else 1."""
    cls = device_class(name)
    try:
        cls(cls.example_id).report([Track(0, start_time()).next()] * 2)
    except Exception:
        return 1
    return 10


def frames_for(name: str) -> tuple[list[tuple[str, bytes, bytes]], int]:
    """(device, frame, context) as the gateway stores them: each device's handshake and reports
    through the framer and inspect() of one session, which gives a frame its context."""
    cls = device_class(name)
    k = per_frame(name)
    devices = [cls(cls.nth_id(i)) for i in range(DEVICES)]
    tracks = [Track(i, start_time()) for i in range(DEVICES)]
    proto = get(name)
    transport = Transport.TCP if Transport.TCP in proto.transports else min(proto.transports)
    sessions = [Session(transport) for _ in range(DEVICES)]
    for dev, session in zip(devices, sessions, strict=True):
        for frame, _ in dev.handshake():
            if frame:
                session.unique_id = proto.inspect(frame, session).unique_id or session.unique_id
    out = []
    for n in range(FRAMES):
        i = n % DEVICES
        frame, _ = devices[i].report([tracks[i].next() for _ in range(k)])
        # what the gateway stores is what its framer cut (a text frame may lose a line end)
        framer = Framer(proto.session_framing(sessions[i]), proto.max_frame_size)
        for framed in framer.feed(frame):
            out.append((devices[i].unique_id, framed, proto.inspect(framed, sessions[i]).context))
    return out, k


def bench(name: str) -> tuple[float, float, float, int]:
    frames, k = frames_for(name)
    proto = get(name)
    transport = Transport.TCP if Transport.TCP in proto.transports else min(proto.transports)
    ctx = DecodeContext(device_class(name).example_id, datetime.now(UTC), transport)
    t0 = time.perf_counter()
    n = sum(len(proto.decode(f, replace(ctx, context=c))) for _, f, c in frames)
    decode_rate = n / (time.perf_counter() - t0)
    k = round(n / len(frames))  # records a frame really carries (OsmAnd: one per request)

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp))
        reg = SqliteRegistry(settings.registry_path)
        ids = {uid: d.id for uid, d in reg.resolve({(u, name) for u, _, _ in frames}, True).items()
               if d is not None}  # fmt: skip
        reg.close()
        w = SqliteRawLogWriter(settings.rawlog_path, "normal")
        now = time.time_ns() // 1000
        w.append([RawEntry(ids[u], name, transport, now, 1, "127.0.0.1:1", f, c)
                  for u, f, c in frames])  # fmt: skip
        w.close()
        worker = Worker(settings)
        t0 = time.perf_counter()
        while worker.step():
            pass
        elapsed = time.perf_counter() - t0
        stored = worker.store.count()
        worker.close()
        t0 = time.perf_counter()
        replay(settings, Selection())
        replay_rate = stored / (time.perf_counter() - t0)
    return decode_rate, stored / elapsed, replay_rate, k


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("protocols", nargs="*", metavar="PROTOCOL",
                        help=f"default: all of {', '.join(NAMES)}")  # fmt: skip
    names = parser.parse_args().protocols or list(NAMES)
    if unknown := [n for n in names if n not in NAMES]:
        parser.error(f"unknown protocol {', '.join(unknown)}")
    print(f"{'protocol':<12} {'rec/frame':>9} {'decode only':>14} {'decode+store':>14}"
          f" {'replay':>14}")  # fmt: skip
    for name in names:
        decode_rate, stored_rate, replay_rate, k = bench(name)
        print(f"{name:<12} {k:>9} {decode_rate:>10,.0f} r/s {stored_rate:>10,.0f} r/s"
              f" {replay_rate:>10,.0f} r/s")  # fmt: skip


if __name__ == "__main__":
    main()
