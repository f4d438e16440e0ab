"""`fleetwire replay`: decode frames of the raw log again with today's decoders and settings.

After a decoder fix, a wrong time zone or a dead-lettered protocol variant, the records that
frames produced are replaced by what those frames decode to now: the raw log is the system of
record and the telemetry store is derived from it. Each batch swaps the old records of its frames
for the new ones in one transaction (dead letters included, the latest position worked out
afresh), so a replay interrupted at any point can simply be run again.

Only frames the worker has already processed are replayed; the ones after its position are its
own to decode, with the same decoders.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from fleetwire.config import Settings
from fleetwire.rawlog.base import SESSION, RawFrame
from fleetwire.rawlog.sqlite import SqliteRawLogReader
from fleetwire.store.registry import SqliteRegistry
from fleetwire.store.telemetry import SqliteTelemetry
from fleetwire.worker import outbox_seam
from fleetwire.worker.logic_tier import EmbeddedLogic, replay_targets
from fleetwire.worker.loop import CONSUMER, device_options
from fleetwire.worker.outbox.enqueue import Outbox
from fleetwire.worker.pipeline import BatchResult, process


class UnknownDevice(LookupError):
    pass


@dataclass(frozen=True, slots=True)
class Selection:
    """Which frames to replay; an empty field does not narrow."""

    devices: Sequence[str] = ()  # unique ids (IMEI)
    protocols: Sequence[str] = ()
    from_us: int | None = None
    to_us: int | None = None
    dead_letters: bool = False  # only frames that are dead letters now


@dataclass(frozen=True, slots=True)
class Resolved:
    """A selection with its devices looked up in the registry."""

    sel: Selection
    device_ids: Sequence[int]

    def selects(self, f: RawFrame) -> bool:
        sel = self.sel
        return (
            (not self.device_ids or f.device_id in self.device_ids)
            and (not sel.protocols or f.protocol in sel.protocols)
            and (sel.from_us is None or f.received_us >= sel.from_us)
            and (sel.to_us is None or f.received_us < sel.to_us)
        )


def resolve(selection: Selection, found: dict[str, int | None]) -> Resolved:
    """``found``: each selected unique id and its device id (None: not in the registry)."""
    if missing := [uid for uid, dev in found.items() if dev is None]:
        raise UnknownDevice(f"no device {', '.join(missing)}")
    return Resolved(selection, [dev for dev in found.values() if dev is not None])


@dataclass(slots=True)
class ReplaySummary:
    frames: int = 0
    unchanged: int = 0  # records the frames decode to as before
    removed: int = 0  # records that were stored and are no longer produced
    added: int = 0  # records produced now that were not stored
    dead_before: int = 0
    dead_after: int = 0
    upto_seq: int = 0  # the worker's position: frames after it were left to the worker
    errors: dict[str, int] = field(default_factory=dict)  # dead letters now, by protocol
    dry_run: bool = False


def replay(
    settings: Settings,
    selection: Selection,
    *,
    dry_run: bool = False,
    batch_size: int = 1000,
    progress: Callable[[ReplaySummary], None] | None = None,
) -> ReplaySummary:
    reader = SqliteRawLogReader(settings.rawlog_path)
    store = SqliteTelemetry(settings.telemetry_path)
    registry = SqliteRegistry(settings.registry_path, readonly=True)
    skew_ms = int(settings.worker.future_skew * 1000)
    options = device_options(settings)
    uids: dict[int, str] = {}

    def unique_id(device_id: int) -> str | None:
        if device_id not in uids:
            for dev in registry.by_ids([device_id]).values():
                uids[dev.id] = dev.unique_id
        return uids.get(device_id)

    summary = ReplaySummary(upto_seq=store.offset(CONSUMER), dry_run=dry_run)
    logic = EmbeddedLogic(settings, store.conn) if settings.worker.logic else None
    if logic is not None and settings.outbox.sinks:
        # what a recompute changed goes out to the forwarding sinks, flagged replayed (the
        # outbox never notifies people of replayed records)
        def info(d: int) -> tuple[str | None, str | None, str | None]:
            dev = registry.by_ids([d]).get(d)
            return (dev.unique_id, dev.name, dev.protocol) if dev else (None, None, None)

        outbox = Outbox(settings.outbox, devices=info)
        outbox_seam.install(outbox.enqueue, positions=outbox.forwards_positions)
    try:
        found: dict[str, int | None] = {}
        for uid in selection.devices:
            dev = registry.get(uid)
            found[uid] = None if dev is None else dev.id
        sel = resolve(selection, found)
        after = 0
        while frames := _next_batch(reader, store, sel, after, summary.upto_seq, batch_size):
            after = frames[-1].seq
            seqs = [f.seq for f in frames if f.transport != SESSION]  # session records: no data
            result = process(frames, unique_id, options, skew_ms, int(time.time() * 1000))
            old = store.frame_records(seqs)
            count_changes(summary, seqs, old, len(store.dead_letters_of(seqs)), result)
            if not dry_run:
                positions, write = result.positions, None
                if logic is not None:  # derived data recomputed for what changed underneath
                    positions, rejected = logic.prefilter(result)
                    write = logic.replay_writer(replay_targets(old, positions), rejected)
                store.replace_frames(seqs, positions, result.dead, skew_ms, write)
            if progress is not None:
                progress(summary)
    finally:
        reader.close()
        store.close()
        registry.close()
    return summary


def _next_batch(
    reader: SqliteRawLogReader,
    store: SqliteTelemetry,
    sel: Resolved,
    after: int,
    upto: int,
    limit: int,
) -> list[RawFrame]:
    if not sel.sel.dead_letters:
        return reader.select(
            after, upto, limit, device_ids=sel.device_ids, protocols=sel.sel.protocols,
            from_us=sel.sel.from_us, to_us=sel.sel.to_us,
        )  # fmt: skip
    while seqs := store.dead_letter_seqs(after, upto, limit):
        # a dead letter whose frame retention has since removed cannot be replayed: skip it
        frames = [f for f in reader.by_seqs(seqs) if sel.selects(f)]
        if frames:
            return frames
        after = seqs[-1]
    return []


def count_changes(
    summary: ReplaySummary,
    seqs: Sequence[int],
    old: set[tuple[int, int, int]],
    dead_before: int,
    result: BatchResult,
) -> None:
    """What the swap changes, record by record; a record is (device, fix time, content hash),
    the store's own identity, so a record a device resent in two frames counts once."""
    new = {(r[0], r[2], r[13]) for r in result.positions}
    summary.frames += len(seqs)
    summary.unchanged += len(old & new)
    summary.removed += len(old - new)
    summary.added += len(new - old)
    summary.dead_before += dead_before
    summary.dead_after += len(result.dead)
    for name, n in result.errors.items():
        summary.errors[name] = summary.errors.get(name, 0) + n
