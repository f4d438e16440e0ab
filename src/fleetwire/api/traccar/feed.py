"""The live feed behind /api/socket: one poller per API process reads what is new in the
telemetry store (which positions, which events) as soon as a worker commits it
(api/traccar/commit_watch.py wakes it; a slow poll stays as the fallback), so it works on both
tiers and with the API in its own process, and fans the frames out to the subscribed sockets
whose user may see the device. Each frame is serialised once, whatever the number of sockets.
A subscriber's device set (and its `web` notifications, which decide the events it gets) is
worked out again every few seconds, so new links take effect without reconnecting.

Frames: Traccar sends one item per frame; its clients merge whatever keys and items a frame
holds, so the feed sends each socket one frame per poll with everything new for it (thousands
of frames a second cost more than the positions in them).

Which positions: Traccar pushes every stored position not older than its device's latest. On
SQLite the feed reads the positions stored since its last look (by id) and applies that rule;
PostgreSQL ids are not in commit order (concurrent workers draw them), so there it pushes each
device's latest position whenever it changes (a device committing twice between two looks
shows its newest position only).

A socket too slow to take its frames (queue past `MAX_QUEUE`) is dropped rather than letting
memory grow; the client reconnects and re-reads the lists, as Traccar's clients do.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy import select

from fleetwire.api.traccar import derived
from fleetwire.api.traccar.commit_watch import CommitWatch, commit_watch
from fleetwire.api.traccar.context import Context, group_closure
from fleetwire.api.traccar.convert import now_ms
from fleetwire.api.traccar.models import device_json, event_json, position_json
from fleetwire.api.traccar.telemetry import Pos
from fleetwire.store import access
from fleetwire.store import schema as store
from fleetwire.store.users import User

log = logging.getLogger(__name__)

POLL_INTERVAL = 1.0  # s between looks at the store when no commit woke the feed
SCOPE_REFRESH = 5.0  # s between recomputations of a subscriber's devices and notifications
EVENT_WINDOW_MS = 3_600_000  # events are pushed if their time is within the last hour
MAX_QUEUE = 10_000
BATCH = 5_000  # new positions read per query
KEEPALIVE = 55.0  # s between `{}` frames on an otherwise quiet socket (Traccar's)


@dataclass(eq=False)
class Subscriber:
    user: User
    queue: asyncio.Queue[str | None] = field(default_factory=asyncio.Queue)
    devices: set[int] | None = field(default_factory=set)  # None: every device
    web_events: dict[str, set[int] | None] = field(default_factory=dict)  # type -> devices
    refreshed: float = 0.0

    def push(self, frame: str) -> None:
        if self.queue.qsize() >= MAX_QUEUE:
            self.queue.put_nowait(None)  # the socket's sender closes it
            return
        self.queue.put_nowait(frame)

    def sees(self, device_id: int) -> bool:
        return self.devices is None or device_id in self.devices


class LiveFeed:
    def __init__(self, ctx: Context, poll_interval: float = POLL_INTERVAL) -> None:
        self.ctx = ctx
        self.poll_interval = poll_interval
        self.keepalive = KEEPALIVE
        self.subscribers: set[Subscriber] = set()
        self._marks: dict[int, tuple[int, int]] | None = None
        self._head = 0  # newest position id seen (SQLite)
        self._pushed_fix: dict[int, int] = {}  # device -> newest fix time pushed
        self._seen_events: dict[str, int] = {}
        self._watch: CommitWatch | None = None
        self._task: asyncio.Task[None] | None = None
        self._scopes: asyncio.Task[None] | None = None
        self._starting = asyncio.Lock()
        self._stopping = asyncio.Event()

    async def subscribe(self, user: User) -> Subscriber:
        sub = Subscriber(user)
        await self._refresh(sub)
        self.subscribers.add(sub)
        async with self._starting:  # two first subscribers must not start two pollers
            if self._task is None or self._task.done():
                await self._prime()
                self._task = asyncio.create_task(self._run(), name="traccar-live-feed")
                self._scopes = asyncio.create_task(self._refresh_scopes(), name="traccar-scopes")
        return sub

    def unsubscribe(self, sub: Subscriber) -> None:
        self.subscribers.discard(sub)

    async def close(self) -> None:
        """Stop between polls: a poll cancelled inside a query would leave the SQLite driver's
        thread answering a loop that is gone."""
        self._stopping.set()
        for task in (self._task, self._scopes):
            if task is None:
                continue
            try:
                await asyncio.wait_for(asyncio.shield(task), 5.0)
            except TimeoutError:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        if self._watch is not None:
            await self._watch.close()

    async def _refresh(self, sub: Subscriber) -> None:
        engine = await self.ctx.registry()
        sub.devices = await access.visible_device_ids(engine, sub.user)
        sub.web_events = await _web_notifications(engine, sub.user, sub.devices)
        sub.refreshed = time.monotonic()

    async def _refresh_scopes(self) -> None:
        """Every few seconds, each user's devices and notifications once, for all its sockets
        (beside the poll, so a hundred sockets never delay a position)."""
        while not self._stopping.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), SCOPE_REFRESH)
            by_user: dict[int, list[Subscriber]] = {}
            for sub in list(self.subscribers):
                by_user.setdefault(sub.user.id, []).append(sub)
            for subs in by_user.values():
                if self._stopping.is_set():
                    return
                try:
                    await self._refresh(subs[0])
                except Exception:
                    log.exception("event=live_feed_scope_failed")
                    continue
                for other in subs[1:]:
                    other.devices, other.web_events = subs[0].devices, subs[0].web_events

    async def _prime(self) -> None:
        """What exists now is history, not news."""
        reader = await self.ctx.telemetry()
        if self._watch is None:  # before the marks: a commit in between is seen, not lost
            self._watch = commit_watch(self.ctx.settings)
        self._marks = await reader.marks()
        self._head = await reader.head()
        self._pushed_fix = {d: fix for d, (fix, _) in self._marks.items()}
        for e in await derived.events_since(reader.engine, now_ms() - EVENT_WINDOW_MS):
            self._seen_events[e["id"]] = int(e["event_time"])

    async def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                await self.poll()
            except asyncio.CancelledError:
                raise
            except Exception:  # the store may be briefly unavailable: try again next round
                log.exception("event=live_feed_poll_failed")
            assert self._watch is not None  # made by _prime
            await self._watch.wait(self.poll_interval, self._stopping)

    async def poll(self) -> None:
        reader = await self.ctx.telemetry()
        if reader.pg:
            marks = await reader.marks()
            old = self._marks or {}
            changed = [d for d, m in marks.items() if old.get(d) != m]
            self._marks = marks
            if changed:
                await self._push(await reader.latest(changed))
        else:
            while True:
                new = await reader.since(self._head, BATCH)
                if not new:
                    break
                self._head = new[-1].id
                await self._push(new)
                if len(new) < BATCH:
                    break
        await self._events()

    async def _push(self, positions: list[Pos]) -> None:
        """One frame per socket per poll, `{"devices": [...], "positions": [...]}` (clients
        merge the keys of a frame): each device once, in its newest state, and every position
        not older than what was last pushed for its device. Items are serialised once, and each
        frame once per distinct device set (every administrator's, a user's sockets after a
        scope refresh): the same text goes to all the sockets that see that set."""
        fresh: list[Pos] = []
        for p in positions:
            if p.fix_ms >= self._pushed_fix.get(p.device_id, 0):
                self._pushed_fix[p.device_id] = p.fix_ms
                fresh.append(p)
        if not fresh:
            return
        rows = await self.ctx.device_rows({p.device_id for p in fresh})
        now = now_ms()
        newest: dict[int, Pos] = {}
        items: dict[int, list[bytes]] = {}
        for p in fresh:
            row = rows.get(p.device_id)
            if row is None:
                continue
            newest[p.device_id] = p
            items.setdefault(p.device_id, []).append(orjson.dumps(position_json(p, row.protocol)))
        devs = {d: orjson.dumps(device_json(rows[d], p, now)) for d, p in newest.items()}
        # keyed by the set object, not its contents: _refresh_scopes hands one user's sockets
        # the same set, and hashing thousands of ids per socket per poll would cost more
        frames: dict[int, str | None] = {}
        for sub in self.subscribers:
            key = id(sub.devices)
            if key not in frames:
                mine = list(devs) if sub.devices is None else [d for d in devs if d in sub.devices]
                frames[key] = _frame(mine, devs, items) if mine else None
            frame = frames[key]
            if frame is not None:
                sub.push(frame)

    async def _events(self) -> None:
        if not any(sub.web_events for sub in self.subscribers):
            return
        reader = await self.ctx.telemetry()
        horizon = now_ms() - EVENT_WINDOW_MS
        fresh = [e for e in await derived.events_since(reader.engine, horizon)
                 if e["id"] not in self._seen_events]  # fmt: skip
        for e in fresh:
            self._seen_events[e["id"]] = int(e["event_time"])
            device_id = int(e["device_id"])
            body = event_json(e, derived.api_event_id(e["id"]))
            body["attributes"].setdefault("message", _message(body))
            frame = orjson.dumps({"events": [body]}).decode()
            for sub in self.subscribers:
                scope = sub.web_events.get(e["type"], set())
                if sub.sees(device_id) and (scope is None or device_id in scope):
                    sub.push(frame)
        self._seen_events = {k: t for k, t in self._seen_events.items() if t >= horizon}


def _frame(ids: list[int], devs: dict[int, bytes], items: dict[int, list[bytes]]) -> str:
    """The frame's text, decoded here once for all the sockets it goes to (a WebSocket text
    frame is sent from a str)."""
    positions = [item for d in ids for item in items[d]]
    return (b'{"devices":[' + b",".join(devs[d] for d in ids) + b'],"positions":['
            + b",".join(positions) + b"]}").decode()  # fmt: skip


def _message(event: dict[str, Any]) -> str:
    alarm = event["attributes"].get("alarm")
    return f"{event['type']}: {alarm}" if alarm else str(event["type"])


async def _web_notifications(
    engine: Any, user: User, visible: set[int] | None
) -> dict[str, set[int] | None]:
    """Event type -> the devices for which the user has a notification with the `web`
    notificator (None: all of the user's devices, for `always` notifications)."""
    n, un = store.notifications, store.LINKS["user", "notification"]
    dn, gn = store.LINKS["device", "notification"], store.LINKS["group", "notification"]
    out: dict[str, set[int] | None] = {}
    async with engine.connect() as conn:
        rows = list(await conn.execute(
            select(n.c.id, n.c.type, n.c.always, n.c.notificators)
            .join(un, un.c.notification_id == n.c.id).where(un.c.user_id == user.id)))  # fmt: skip
        for nid, type_, always, notificators in rows:
            if "web" not in {s.strip() for s in (notificators or "").split(",")}:
                continue
            if always:
                out[type_] = None
                continue
            devs = {int(r[0]) for r in await conn.execute(
                select(dn.c.device_id).where(dn.c.notification_id == nid))}  # fmt: skip
            groups = {int(r[0]) for r in await conn.execute(
                select(gn.c.group_id).where(gn.c.notification_id == nid))}  # fmt: skip
            if groups:
                closure = await group_closure(conn, groups)
                in_groups = select(store.devices.c.id).where(store.devices.c.group_id.in_(closure))
                devs |= {int(r[0]) for r in await conn.execute(in_groups)}
            have = out.get(type_, set())
            if have is not None:
                out[type_] = have | (devs if visible is None else devs & visible)
    return out
