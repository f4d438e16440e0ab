"""A batch's positions through the business logic, per device, in fix-time order: the bridge
between the decoded rows of worker.pipeline and the derived tables (store/derived_sql.py).

Sans-I/O towards the store: ``derive`` is a generator that yields the reads it needs
(``Read``) and receives their answers, then returns the writes (``Derived``); a small driver per
backend (store/derived_io.py) answers the reads, sync for SQLite, async for PostgreSQL, and
executes the writes in the batch's transaction with the positions and the raw-log offset.

Per device: fixes newer than the state's watermark run on from the stored state; a fix older
than it that is not already stored (a backlog, newest first, or a resend in another frame) makes
the device recompute from the last checkpoint before it (an hourly snapshot of its state) over
its stored positions, and every derived row emitted since that checkpoint that the recompute does
not produce again is marked superseded.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Generator, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson

from fleetwire.protocols import get as get_protocol
from fleetwire.protocols.base import Transport
from fleetwire.rawlog.base import SESSION, RawFrame
from fleetwire.store.telemetry import PositionRow
from fleetwire.worker import outbox_seam
from fleetwire.worker.logic import engine, filters, status
from fleetwire.worker.logic.engine import DeviceContext
from fleetwire.worker.logic.model import NUMBER, Event, Fix, Outputs, Stop, Trip, Visit, position_id
from fleetwire.worker.outbox_seam import Change, OutboxItem
from fleetwire.worker.state_cache import State, new_stamp

HOUR_MS = 3_600_000
LOGIC_KEYS = ("distance", "totalDistance", "motion", "hours", "geofenceIds")
COMPUTED = "computed"  # the attribute listing which of LOGIC_KEYS the logic set on a position
STATUS_TYPES = ("deviceOnline", "deviceOffline", "deviceUnknown")
_JSON = orjson.OPT_NON_STR_KEYS


@dataclass(frozen=True, slots=True)
class Read:
    """A question to the store: ``kind`` is one of states, statuses, existing, checkpoint,
    positions, emitted (see worker/derive_io.py for the answers' shapes)."""

    kind: str
    args: tuple[Any, ...]


@dataclass(slots=True)
class Derived:
    """What one batch writes besides positions, in statement order."""

    positions: list[PositionRow] = field(default_factory=list)  # kept, with logic attributes
    rejected: list[tuple[Any, ...]] = field(default_factory=list)
    updates: list[tuple[str, int, int, int]] = field(default_factory=list)  # attrs, dev, t, dedup
    rows: dict[str, list[tuple[Any, ...]]] = field(
        default_factory=lambda: {"events": [], "trips": [], "stops": [], "geofence_visits": []}
    )
    superseded: dict[str, list[str]] = field(
        default_factory=lambda: {"events": [], "trips": [], "stops": [], "geofence_visits": []}
    )
    states: list[tuple[int, str, str, int]] = field(default_factory=list)  # dev, state, status,
    # the stamp of this batch's state writes (worker/state_cache.py)
    stamp: int = field(default_factory=new_stamp)
    # each device's state as stored once this batch commits: (device, its stamp, the state)
    cache: list[tuple[int, int, State]] = field(default_factory=list)
    status_updates: list[tuple[str, int]] = field(default_factory=list)  # status json, device
    checkpoints: list[tuple[int, int, str]] = field(default_factory=list)
    drop_checkpoints: list[tuple[int, int]] = field(default_factory=list)
    prune_checkpoints: list[tuple[int, int, int]] = field(default_factory=list)  # dev, dev, t
    items: list[OutboxItem] = field(default_factory=list)
    recomputed: int = 0  # devices recomputed for late data
    too_late: int = 0  # fixes stored without the logic (older than late.maxAge)


Contexts = Callable[[int], DeviceContext]


@functools.cache
def _over_http(protocol: str) -> bool:
    """Whether the protocol rides on HTTP: a new connection per request is no reconnection."""
    try:
        return Transport.HTTP in get_protocol(protocol).transports
    except Exception:  # an unknown protocol name in an old log: not one we know to be HTTP
        return False


# -- rows ------------------------------------------------------------------------------------
def _event_row(e: Event, emitted: int) -> tuple[Any, ...]:
    return (e.id, e.device_id, e.type, e.time, e.position_id, e.geofence_id, e.maintenance_id,
            orjson.dumps(e.attributes, option=_JSON).decode(), 0, emitted)  # fmt: skip


def _trip_row(t: Trip, emitted: int) -> tuple[Any, ...]:
    return (t.id, t.device_id, t.start_time, t.end_time, t.start_position_id, t.end_position_id,
            t.start_lat, t.start_lon, t.end_lat, t.end_lon, t.distance, t.average_speed,
            t.max_speed, t.duration, t.start_odometer, t.end_odometer, t.spent_fuel,
            t.driver_unique_id, 0, emitted)  # fmt: skip


def _stop_row(s: Stop, emitted: int) -> tuple[Any, ...]:
    return (s.id, s.device_id, s.start_time, s.end_time, s.position_id, s.latitude, s.longitude,
            s.duration, s.engine_hours, s.start_odometer, s.end_odometer, s.spent_fuel, 0,
            emitted)  # fmt: skip


def _visit_row(v: Visit, emitted: int) -> tuple[Any, ...]:
    return (v.id, v.device_id, v.geofence_id, v.enter_time, v.exit_time, v.enter_position_id,
            v.exit_position_id, 0, emitted)  # fmt: skip


def collect(out: Outputs, emitted: int, rows: dict[str, list[tuple[Any, ...]]]) -> None:
    rows["events"].extend(_event_row(e, emitted) for e in out.events)
    rows["trips"].extend(_trip_row(t, emitted) for t in out.trips)
    rows["stops"].extend(_stop_row(s, emitted) for s in out.stops)
    rows["geofence_visits"].extend(_visit_row(v, emitted) for v in out.visits)


# -- fixes -----------------------------------------------------------------------------------
def to_fix(row: PositionRow, attrs: dict[str, Any]) -> Fix:
    dev, kind, t, srv, valid, lat, lon, alt, speed, _, _, _, _, dedup = row
    acc = attrs.get("accuracy")
    accuracy = float(acc) if acc is not None and isinstance(acc, NUMBER) else None
    return Fix(dev, t, dedup, srv, bool(valid), lat, lon, speed, attrs, kind, alt, accuracy)


def stored_fix(device_id: int, r: Sequence[Any]) -> Fix:
    """A stored position (fix_time, dedup, server_time, valid, lat, lon, speed, attributes as
    JSON text or a dict) with the logic's own attributes taken off, ready to be run again."""
    attrs = r[7] if isinstance(r[7], dict) else orjson.loads(r[7])
    for key in attrs.pop(COMPUTED, ()):
        attrs.pop(key, None)
    fix = Fix(device_id, r[0], r[1], r[2], bool(r[3]), r[4], r[5], r[6], attrs)
    fix.json = r[7] if isinstance(r[7], str) else orjson.dumps(r[7]).decode()
    return fix


def _run(
    dev: int,
    state: dict[str, Any],
    fixes: Sequence[Fix],
    ctx: DeviceContext,
    out: Derived,
    *,
    check: bool | Collection[tuple[int, int]] = True,
) -> tuple[list[str | None], Outputs]:
    """Fixes through the engine (each output knows the fix that emitted it), an hourly
    checkpoint of the state taken before the first fix of each new hour that the filters keep
    (a recompute runs only kept fixes: a rejected one must not decide where checkpoints are)."""
    o = Outputs()
    marks = [0, 0, 0, 0]  # outputs already collected: events, trips, stops, visits
    missing: list[list[str]] = [[]]  # the logic's keys the fix did not have before
    key = state.get("key")
    hour = [None if key is None else key[0] // HOUR_MS]  # of the last fix the state includes
    keep_ms = int(ctx.config.late_max_age * 1000)
    pending: list[str | None] = [None]  # the state before this fix, if it opens a new hour
    events, trips, stops, visits = o.events, o.trips, o.stops, o.visits

    def before(fix: Fix) -> None:
        h = hour[0]
        pending[0] = None
        if h is not None and fix.time // HOUR_MS > h:
            pending[0] = orjson.dumps(state).decode()
        a = fix.attrs
        missing[0] = [k for k in LOGIC_KEYS if k not in a]

    def after(fix: Fix, reason: str | None) -> None:
        if reason is None:
            if pending[0] is not None:
                out.checkpoints.append((dev, fix.time, pending[0]))
                out.prune_checkpoints.append((dev, dev, fix.time - keep_ms))
            a = fix.attrs
            added = [k for k in missing[0] if k in a]
            if added:
                a[COMPUTED] = added
            fix.json = orjson.dumps(a, option=_JSON).decode()
            hour[0] = fix.time // HOUR_MS  # the engine moved the state's key to this fix
        if (len(events) > marks[0] or len(trips) > marks[1] or len(stops) > marks[2]
                or len(visits) > marks[3]):  # fmt: skip
            collect(Outputs(events[marks[0]:], trips[marks[1]:], stops[marks[2]:],
                            visits[marks[3]:]), fix.time, out.rows)  # fmt: skip
            marks[:] = [len(events), len(trips), len(stops), len(visits)]

    reasons = engine.run(state, fixes, ctx, o, check=check, before=before, after=after)
    return reasons, o


# -- the batch -------------------------------------------------------------------------------
def derive(
    positions: Sequence[PositionRow],
    attrs: Sequence[dict[str, Any]],
    frames: Sequence[RawFrame],
    contexts: Contexts,
    *,
    now_ms: int,
) -> Generator[Read, Any, Derived]:
    out = Derived()
    rows_of: dict[int, list[int]] = {}
    for i, row in enumerate(positions):
        rows_of.setdefault(row[0], []).append(i)
    frames_of: dict[int, list[RawFrame]] = {}
    for f in frames:
        frames_of.setdefault(f.device_id, []).append(f)
    devices = sorted(rows_of.keys() | frames_of.keys())
    if not devices:
        return out
    # device -> (its state, parsed and the caller's to change; its status JSON; its stamp)
    states: dict[int, tuple[State, str, int]] = yield Read("states", (tuple(devices),))
    kept: dict[int, Fix] = {}  # row index -> its fix, run through the logic
    rejected: set[int] = set()  # rows not to insert
    for dev in devices:
        state, status_json, stamp = states.get(dev) or (engine.new_state(), "{}", None)
        ctx = contexts(dev)
        stat = orjson.loads(status_json) if status_json else {}
        if ctx.config.status_enable and dev in frames_of:
            so = Outputs()
            for f in frames_of[dev]:
                if f.transport == SESSION:
                    status.session(stat, dev, f.received_us // 1000, f.connection, f.data, so)
                else:
                    status.frame(stat, dev, f.received_us // 1000, f.connection, so,
                                 switch=not _over_http(f.protocol))  # fmt: skip
            collect(so, now_ms, out.rows)
            out.items.extend(items(so.events, "new", late=False))
        by_key: dict[tuple[int, int], int] = {}
        for i in rows_of.get(dev, ()):
            key = (positions[i][2], positions[i][13])
            if key in by_key:
                rejected.add(i)  # a resend within the batch: stored once, from its first row
            else:
                by_key[key] = i
        order = sorted(by_key)
        wm = engine.watermark(state)
        new = [k for k in order if wm is None or k > wm]
        old = [k for k in order if wm is not None and k <= wm]
        late: list[tuple[int, int]] = []
        if old:
            existing: set[tuple[int, int]] = yield Read("existing", (dev, old[0][0], old[-1][0]))
            late = [k for k in old if k not in existing]
            assert wm is not None
            horizon = wm[0] - int(ctx.config.late_max_age * 1000)
            if late and late[0][0] < horizon:
                # older than `late.maxAge` behind the device's state (a clock reset to 2000, a
                # very old backlog): stored as it is, not worth recomputing all history for
                for k in late:
                    if k[0] < horizon:
                        kept[by_key[k]] = to_fix(positions[by_key[k]], attrs[by_key[k]])
                        out.too_late += 1
                late = [k for k in late if k[0] >= horizon]
        if not late:  # the common case: every fix after the state, in order
            if new or stamp is None:
                run = [to_fix(positions[i], attrs[i]) for i in [by_key[k] for k in new]]
                _run_new(dev, state, new, run, by_key, positions, ctx, out, kept, rejected)
                stamp = None  # the state changed
            _write_state(out, dev, state, stat, status_json, stamp)
            continue
        fixes = {k: to_fix(positions[by_key[k]], attrs[by_key[k]]) for k in [*late, *new]}
        recomputed = False
        if late:
            for k in late:  # what a fix alone can fail; the predecessor's filters need order
                reason = filters.check(fixes[k], None, ctx.config)
                if reason is not None:
                    out.rejected.append(rejected_row(positions[by_key[k]], reason))
                    rejected.add(by_key[k])
                    del fixes[k]
            if any(k in fixes for k in late):
                state, refused = yield from _recompute(
                    dev, min(k for k in late if k in fixes), list(fixes.values()), ctx, out
                )
                for k, reason in refused.items():
                    out.rejected.append(rejected_row(positions[by_key[k]], reason))
                    rejected.add(by_key[k])
                    del fixes[k]
                kept.update((by_key[k], f) for k, f in fixes.items())
                recomputed = True  # the new fixes with the late ones
        if not recomputed:
            run = [fixes[k] for k in new]
            _run_new(dev, state, new, run, by_key, positions, ctx, out, kept, rejected)
        _write_state(out, dev, state, stat, status_json, None)
    forward = outbox_seam.POSITIONS
    stored = out.positions
    for i, row in enumerate(positions):
        fix = kept.get(i)
        if fix is not None:
            js = fix.json
            stored.append(row if js is None else (*row[:11], js, *row[12:]))
            if js is not None and forward:
                out.items.append(_position_item(row, js))
        elif i not in rejected:
            stored.append(row)  # already stored (a resend): the insert ignores it
    return out


def _write_state(
    out: Derived, dev: int, state: State, stat: dict[str, Any], status_was: str, stamp: int | None
) -> None:
    """The device's state and status into the batch's writes. ``stamp``: the stored state's,
    when the batch left the state as it was (no fix ran: frames without positions, resends),
    which then is not serialised and written again, nor is the status if it did not change;
    None when the state changed or none is stored yet."""
    status_json = orjson.dumps(stat).decode()
    if stamp is None:
        out.states.append((dev, orjson.dumps(state).decode(), status_json, out.stamp))
        out.cache.append((dev, out.stamp, state))
        return
    if status_json != status_was:
        out.status_updates.append((status_json, dev))
    out.cache.append((dev, stamp, state))


def _run_new(
    dev: int,
    state: dict[str, Any],
    keys: Sequence[tuple[int, int]],
    run: list[Fix],
    by_key: dict[tuple[int, int], int],
    positions: Sequence[PositionRow],
    ctx: DeviceContext,
    out: Derived,
    kept: dict[int, Fix],
    rejected: set[int],
) -> None:
    """Fixes after the state's watermark (``keys`` their order keys) through the engine: kept
    or rejected by row index."""
    reasons, o = _run(dev, state, run, ctx, out)
    out.items.extend(items(o.events, "new", late=False))
    for k, fx, reason in zip(keys, run, reasons, strict=True):
        if reason is None:
            kept[by_key[k]] = fx
        else:
            out.rejected.append(rejected_row(positions[by_key[k]], reason))
            rejected.add(by_key[k])


def rejected_row(row: PositionRow, reason: str) -> tuple[Any, ...]:
    return (row[0], row[2], row[13], row[3], row[12], row[5], row[6], row[8], row[11], reason)


def _position_item(row: PositionRow, attrs_json: str) -> OutboxItem:
    payload = {"deviceId": row[0], "fixTime": row[2], "serverTime": row[3], "valid": bool(row[4]),
               "latitude": row[5], "longitude": row[6], "altitude": row[7], "speed": row[8],
               "course": row[9], "attributes": attrs_json}  # fmt: skip
    return OutboxItem("position", str(position_id(row[0], row[2], row[13])), row[0], row[2],
                      payload)  # fmt: skip


def items(events: Sequence[Event], change: Change, *, late: bool,
           replayed: bool = False) -> list[OutboxItem]:  # fmt: skip
    return [
        OutboxItem("event", e.id, e.device_id, e.time, _event_payload(e), change, late, replayed)
        for e in events
    ]


def _event_payload(e: Event) -> dict[str, Any]:
    return {"id": e.id, "deviceId": e.device_id, "type": e.type, "eventTime": e.time,
            "positionId": e.position_id, "geofenceId": e.geofence_id,
            "maintenanceId": e.maintenance_id, "attributes": e.attributes}  # fmt: skip


# -- late data -------------------------------------------------------------------------------
def _recompute(
    dev: int,
    t_late: tuple[int, int] | int,
    incoming: Sequence[Fix],
    ctx: DeviceContext,
    out: Derived,
    *,
    replayed: bool = False,
) -> Generator[Read, Any, tuple[dict[str, Any], dict[tuple[int, int], str]]]:
    """Run the device again from the last checkpoint before ``t_late`` over its stored
    positions plus ``incoming`` (not stored yet); returns the new state and the incoming fixes
    the filters refused (order key -> reason). Incoming fixes go through the filters against
    their time predecessor, as in an in-order run; stored ones were accepted already and stay."""
    t = t_late[0] if isinstance(t_late, tuple) else t_late
    cp: tuple[int, str] | None = yield Read("checkpoint", (dev, t))
    start = cp[0] if cp else -(2**62)
    state = orjson.loads(cp[1]) if cp else engine.new_state()
    stored: list[Fix] = yield Read("positions", (dev, start))
    prior: dict[str, dict[str, tuple[Any, ...]]] = yield Read("emitted", (dev, start))
    incoming_keys = {f.order for f in incoming}
    fixes = sorted([*incoming, *(f for f in stored if f.order not in incoming_keys)],
                   key=lambda f: f.order)  # fmt: skip
    stored_json = {f.order: f.json for f in stored}  # as read, with the logic's keys
    out.recomputed += 1
    out.drop_checkpoints.append((dev, start + 1))
    n0 = {t: len(r) for t, r in out.rows.items()}
    reasons, o = _run(dev, state, fixes, ctx, out, check=incoming_keys)
    refused = {f.order: r for f, r in zip(fixes, reasons, strict=True) if r is not None}
    # the records still open at the end hold (not superseded) but are not written again: each
    # keeps the row and `emitted` of the step that last wrote it, as in an in-order run
    still_open: dict[str, list[tuple[Any, ...]]] = {t: [] for t in out.rows}
    if fixes:
        collect(engine.open_outputs(state, dev), 0, still_open)
    for f in fixes:  # stored rows whose attributes the recompute changed (incoming: inserted)
        if f.json is not None and f.order not in incoming_keys:
            as_read = stored_json.get(f.order)
            if as_read is None or orjson.loads(as_read) != f.attrs:
                out.updates.append((f.json, dev, f.time, f.dedup))
    # what changed, for the outbox; what no longer holds, superseded
    new_rows = {t: {r[0]: r for r in rows[n0[t] :]} for t, rows in out.rows.items()}
    held = {t: {r[0] for r in rows} for t, rows in still_open.items()}
    gone: dict[str, list[str]] = {t: [] for t in prior}
    for table, before in prior.items():
        for rid, old in before.items():
            if rid not in new_rows[table] and rid not in held[table] and not old[-1]:
                gone[table].append(rid)
        out.superseded[table].extend(gone[table])
    events = {e.id: e for e in o.events}
    for rid, row in new_rows["events"].items():
        was = prior.get("events", {}).get(rid)
        if was is None:
            change: Change = "new"
        elif was[:-1] != row[:8] or was[-1]:
            change = "changed"
        else:
            continue
        out.items.extend(items([events[rid]], change, late=True, replayed=replayed))
    for rid in gone.get("events", ()):
        old = prior["events"][rid]
        e = Event(old[0], old[1], old[2], old[3], old[4], old[5], old[6], orjson.loads(old[7]))
        out.items.extend(items([e], "superseded", late=True, replayed=replayed))
    return state, refused


def recompute(
    targets: Sequence[tuple[int, int]], contexts: Contexts, *, replayed: bool = True
) -> Generator[Read, Any, Derived]:
    """For ``fleetwire replay``: each (device, earliest fix time touched) recomputed from the
    stored positions; only records that changed go to the outbox, flagged ``replayed``."""
    out = Derived()
    if not targets:
        return out
    statuses: dict[int, str] = yield Read("statuses", (tuple(d for d, _ in targets),))
    for dev, t in targets:
        state, _ = yield from _recompute(dev, t, [], contexts(dev), out, replayed=replayed)
        status_json = statuses.get(dev, "{}")
        out.states.append((dev, orjson.dumps(state).decode(), status_json, out.stamp))
    return out
