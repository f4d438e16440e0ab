"""The worker process: read the raw log in batches, decode, store, commit the position.

At-least-once in, idempotent writes out: the batch's rows and the consumer offset commit in one
store transaction, so a worker killed at any point resumes from the last committed batch and
re-decoding the frames after it stores nothing twice.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import time
from collections.abc import Callable
from types import FrameType
from typing import Any

from fleetwire import metrics
from fleetwire.config import Settings
from fleetwire.logs import kv
from fleetwire.rawlog.sqlite import SqliteRawLogReader
from fleetwire.sqlite import connect
from fleetwire.store.commands import BlockingCommands
from fleetwire.store.outbox import run_sqlite
from fleetwire.store.registry import SqliteRegistry
from fleetwire.store.telemetry import SqliteTelemetry
from fleetwire.worker import campaigns, outbox_seam
from fleetwire.worker.logic_tier import EmbeddedLogic
from fleetwire.worker.outbox.enqueue import Outbox, position_items
from fleetwire.worker.outbox.loader import load_sqlite
from fleetwire.worker.outbox.rules import RuleSet
from fleetwire.worker.pipeline import BatchResult, process

log = logging.getLogger("worker")

CONSUMER = "worker"


def report_batch(result: BatchResult, stored: int, seconds: float) -> None:
    """A processed batch into the metrics, its dead letters into the log (both worker kinds)."""
    metrics.WORKER_BATCH_SECONDS.observe(seconds)
    metrics.WORKER_STORED.inc(stored)
    for name, n in result.frames.items():
        metrics.WORKER_FRAMES.labels(name).inc(n)
    for name, n in result.records.items():
        metrics.WORKER_RECORDS.labels(name).inc(n)
    for name, n in result.errors.items():
        metrics.DECODE_ERRORS.labels(name).inc(n)
    for (name, fld), n in result.invalid.items():
        metrics.RECORDS_INVALID.labels(name, fld).inc(n)
    for seq, _dev, name, error, _at in result.dead:
        log.warning(kv("dead_letter", seq=seq, protocol=name, error=error))


def device_options(settings: Settings) -> Callable[[int, str], dict[str, Any]]:
    """What a decoder may know of a device besides its frames: its protocol's time zone and
    the decode options configured for it. Worked out once per protocol (this runs per frame);
    decoders only read the dict they are given."""
    by_protocol: dict[str, dict[str, Any]] = {}

    def options(device_id: int, protocol: str) -> dict[str, Any]:
        found = by_protocol.get(protocol)
        if found is None:
            p = settings.protocol(protocol)
            found = dict(p.decode)
            if p.timezone is not None:
                found["timezone"] = p.timezone
            by_protocol[protocol] = found
        return found

    return options


class Worker:
    def __init__(self, settings: Settings, consumer: str = CONSUMER) -> None:
        self.settings = settings
        self.consumer = consumer
        self.reader = SqliteRawLogReader(settings.rawlog_path)
        self.store = SqliteTelemetry(settings.telemetry_path)
        self.registry = SqliteRegistry(settings.registry_path)
        self.commands = BlockingCommands.of(settings)  # registry.db migrated first
        self._housekept = 0.0
        self._uids: dict[int, str] = {}
        self.stopping = False
        self._options = device_options(settings)
        self.logic = EmbeddedLogic(settings, self.store.conn) if settings.worker.logic else None
        self._swept = 0.0
        self._info: dict[int, tuple[str | None, str | None, str | None]] = {}
        self.outbox = Outbox(settings.outbox, devices=self._device_info)
        outbox_seam.install(self.outbox.enqueue, positions=self.outbox.forwards_positions)
        self._rules_loaded = -1e9

    def _device_info(self, device_id: int) -> tuple[str | None, str | None, str | None]:
        info = self._info.get(device_id)
        if info is None:
            info = (None, None, None)
            for dev in self.registry.by_ids([device_id]).values():
                info = (dev.unique_id, dev.name, dev.protocol)
            self._info[device_id] = info
        return info

    def pin_rules(self, rules: RuleSet) -> None:
        """Use these notification rules instead of the registry's (tests and benchmarks)."""
        self.outbox.rules = rules
        self._rules_loaded = float("inf")

    def refresh_rules(self) -> None:
        """Notification rules change in the registry at any time: reread them now and then."""
        now = time.monotonic()
        if now - self._rules_loaded < self.settings.outbox.rules_refresh:
            return
        self._rules_loaded = now
        reg = connect(self.settings.registry_path, readonly=True)
        try:
            self.outbox.rules = load_sqlite(reg)
        finally:
            reg.close()
        self._info.clear()  # names may have changed too

    def _unique_id(self, device_id: int) -> str | None:
        uid = self._uids.get(device_id)
        if uid is None:
            for dev in self.registry.by_ids([device_id]).values():
                uid = self._uids[dev.id] = dev.unique_id
        return uid

    def step(self) -> int:
        """Process one batch; return the number of frames it held (0: caught up)."""
        offset = self.store.offset(self.consumer)
        frames = self.reader.read(offset, self.settings.worker.batch_size)
        if not frames:
            return 0
        t0 = time.perf_counter()
        now_ms = int(time.time() * 1000)
        result = process(
            frames, self._unique_id, self._options,
            int(self.settings.worker.future_skew * 1000), now_ms, latest=self.logic is None,
        )  # fmt: skip
        for device_id, text, seq in result.replies:
            # before the offset commit: answer() ignores a frame already attached, so a crash
            # between the two attaches the reply on replay, exactly once
            cmd = self.commands.answer(device_id, text, seq)
            if cmd is not None:
                log.info(kv("command_answered", id=cmd.id, type=cmd.type, result=text[:200]))
        positions, latest = result.positions, list(result.latest.values())
        write = None
        self.refresh_rules()
        if self.logic is not None:
            positions, latest, write = self.logic.batch(frames, result, now_ms)
        elif self.outbox.forwards_positions:  # no business logic: positions still go out
            tx = outbox_seam.StatementList()
            self.outbox.enqueue(tx, position_items(positions))
            write = lambda c: run_sqlite(c, tx.items)  # noqa: E731
        stored = self.store.write_batch(
            self.consumer, frames[-1].seq, positions, latest, result.dead, write
        )
        report_batch(result, stored, time.perf_counter() - t0)
        return len(frames)

    def housekeeping(self) -> None:
        """Once a second: expire queued commands, fail unanswered ones, roll campaigns on."""
        now = time.monotonic()
        if now - self._housekept < 1.0:
            return
        self._housekept = now
        if self.logic is not None and now - self._swept >= 10.0:
            self._swept = now
            self.logic.sweep(int(time.time() * 1000))
        self.commands.expire()
        self.commands.fail_unanswered(int(self.settings.gateway.command_reply_timeout * 1000))
        self.commands.run(campaigns.tick(self.commands.store))

    def run(self) -> None:
        log.info(
            kv("worker_started", consumer=self.consumer, offset=self.store.offset(self.consumer))
        )
        while not self.stopping:
            try:
                self.housekeeping()
                n = self.step()
            except Exception as e:  # storage trouble: back off and retry, never skip
                log.error(kv("worker_batch_failed", error=repr(e)))
                time.sleep(1.0)
                continue
            if n < self.settings.worker.batch_size:
                # caught up: let frames gather before the next batch. Read again at once, it
                # would take the few frames that came in meanwhile, and a batch costs much the
                # same for ten frames as for a thousand (a state per device, a commit): the
                # worker would spend a core on its per-batch work while the gateway wants it
                time.sleep(self.settings.worker.poll_interval)
        log.info(kv("worker_stopped", offset=self.store.offset(self.consumer)))

    def close(self) -> None:
        self.reader.close()
        self.store.close()
        self.registry.close()
        self.commands.close()


def lower_priority(nice: int) -> None:
    """Below the gateway: an ACK waiting behind a decode batch costs a device its data window,
    a position stored a few ms later costs nothing. At 10 (the default) a waking gateway
    preempts the worker and gets some 90% of a core they share (CFS weights 1024 and 110),
    while the worker still gets a share on a host where other loads run. At 19 the worker also
    takes Linux's SCHED_IDLE class, which yields the CPU to any normal process at once and gets
    none while one runs."""
    if nice:
        os.nice(nice)
    if nice >= 19 and hasattr(os, "SCHED_IDLE"):
        with contextlib.suppress(OSError):
            os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))


def run(settings: Settings) -> None:
    lower_priority(settings.worker.nice)
    worker = Worker(settings)

    def stop(signum: int, frame: FrameType | None) -> None:
        worker.stopping = True  # finish the batch in hand, then exit

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        worker.run()
    finally:
        worker.close()
