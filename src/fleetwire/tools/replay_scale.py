"""`fleetwire replay` on the scale-out tier: frames from the JetStream stream, records in
PostgreSQL. Same selection, counting and rules as the embedded replay (tools/replay.py): each
batch swaps its frames' records and dead letters in one transaction, the latest position is
worked out afresh, and a partition's frames past its worker's offset are left to that worker.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable

from fleetwire.config import Settings
from fleetwire.rawlog import jetstream as rawjs
from fleetwire.rawlog.base import SESSION, RawFrame
from fleetwire.store.postgres import schema
from fleetwire.store.postgres.stores import PgRegistry, PgTelemetry, connect_pool
from fleetwire.tools.replay import ReplaySummary, Resolved, Selection, count_changes, resolve
from fleetwire.worker import outbox_seam
from fleetwire.worker.logic_tier import StreamLogic, replay_targets
from fleetwire.worker.loop import device_options
from fleetwire.worker.outbox.enqueue import Outbox
from fleetwire.worker.pipeline import process


async def replay_scale(
    settings: Settings,
    selection: Selection,
    *,
    dry_run: bool = False,
    batch_size: int = 1000,
    progress: Callable[[ReplaySummary], None] | None = None,
) -> ReplaySummary:
    s = settings.rawlog
    nc = await rawjs.connect(s, "fleetwire-replay")
    try:
        await rawjs.check_stream(nc.jetstream(), s)
        pool = await connect_pool(settings.store.url, max_size=2)
        try:
            async with pool.acquire() as conn:
                await schema.check(conn)
            telemetry, registry = PgTelemetry(pool), PgRegistry(pool)
            offsets = await telemetry.offsets("part-")
            upto = {k: offsets.get(rawjs.consumer_name(k), 0) for k in range(s.partitions)}
            found: dict[str, int | None] = {}
            for uid in selection.devices:
                dev = await registry.get(uid)
                found[uid] = None if dev is None else dev.id
            sel = resolve(selection, found)
            summary = ReplaySummary(upto_seq=max(upto.values(), default=0), dry_run=dry_run)
            skew_ms = int(settings.worker.future_skew * 1000)
            options = device_options(settings)
            uids: dict[int, str] = {}
            logic = StreamLogic(settings, pool) if settings.worker.logic else None
            if logic is not None and settings.outbox.sinks:  # changes go out, flagged replayed
                outbox = Outbox(settings.outbox, partitions=s.partitions)
                outbox_seam.install(outbox.enqueue, positions=outbox.forwards_positions)

            async def swap(frames: list[RawFrame]) -> None:
                missing = {f.device_id for f in frames} - uids.keys()
                for dev in (await registry.by_ids(missing)).values():
                    uids[dev.id] = dev.unique_id
                seqs = [f.seq for f in frames if f.transport != SESSION]  # no data in those
                result = process(frames, uids.get, options, skew_ms, int(time.time() * 1000))
                old = await telemetry.frame_records(seqs)
                dead_before = len(await telemetry.dead_letters_of(seqs))
                count_changes(summary, seqs, old, dead_before, result)
                if not dry_run:
                    dead = [(rawjs.consumer_name(rawjs.partition_of(d[1], s.partitions)), d)
                            for d in result.dead]  # fmt: skip
                    positions, write = result.positions, None
                    if logic is not None:  # derived data recomputed for what changed
                        positions, rejected = logic.prefilter(result)
                        write = await logic.replay_writer(replay_targets(old, positions), rejected)
                    await telemetry.replace_frames(seqs, positions, dead, skew_ms, write)
                if progress is not None:
                    progress(summary)

            batch: list[RawFrame] = []
            reader = rawjs.JetStreamRawReader(nc, s)
            async for frame in _selected(reader, telemetry, sel, upto):
                batch.append(frame)
                if len(batch) >= batch_size:
                    await swap(batch)
                    batch = []
            if batch:
                await swap(batch)
            return summary
        finally:
            await pool.close()
    finally:
        await nc.drain()


async def _selected(
    reader: rawjs.JetStreamRawReader, telemetry: PgTelemetry, sel: Resolved, upto: dict[int, int]
) -> AsyncIterator[RawFrame]:
    """The selected frames that their partition's worker has processed."""
    s = reader.s
    top = max(upto.values(), default=0)

    def wanted(f: RawFrame) -> bool:
        return f.seq <= upto[rawjs.partition_of(f.device_id, s.partitions)] and sel.selects(f)

    if sel.sel.dead_letters:
        after = 0
        while seqs := await telemetry.dead_letter_seqs(after, top, 1000):
            for seq in seqs:
                # a dead letter whose frame retention has since removed cannot be replayed
                frame = await reader.frame_at(seq)
                if frame is not None and wanted(frame):
                    yield frame
            after = seqs[-1]
        return
    subjects = [rawjs.raw_subject(s, d) for d in sel.device_ids] or [f"{s.subject_prefix}.raw.>"]
    for subject in subjects:
        async for frame in reader.frames(subject, sel.sel.from_us, top):
            if wanted(frame):
                yield frame
