"""Commands and campaigns in the registry: one state machine per command, kept durable so that a
command survives restarts of every process and is never sent twice.

    queued -> sent -> acknowledged -> answered
       |        |           |
       +--------+-----------+--> failed | expired | cancelled

"acknowledged" is the transport-level answer (the device's reply frame arrived); "answered" is
that reply decoded and attached. Lives next to the devices table in the registry (store/schema.py),
one implementation for SQLite and PostgreSQL; knows nothing of sockets or protocols.

``Commands`` is the store, async, on the registry engine (store/db.py). Synchronous callers (the
embedded worker's loop, tests) use ``BlockingCommands``: the same store on a private event loop.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Coroutine, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

import orjson
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.pool import NullPool

from fleetwire.config import Settings
from fleetwire.store.blocking import LoopThread, SyncProxy
from fleetwire.store.db import create_engine, registry_url, writing
from fleetwire.store.schema import campaigns, commands

T = TypeVar("T")


class State(StrEnum):
    QUEUED = "queued"
    SENT = "sent"
    ACKNOWLEDGED = "acknowledged"
    ANSWERED = "answered"
    FAILED = "failed"
    EXPIRED = "expired"
    CANCELLED = "cancelled"


OPEN = (State.QUEUED, State.SENT, State.ACKNOWLEDGED)
FINAL = (State.ANSWERED, State.FAILED, State.EXPIRED, State.CANCELLED)

# an immobiliser must never fire hours after the operator pressed the button
SAFETY_TTL_S = 300.0
DEFAULT_TTL_S = 86400.0
SAFETY_CRITICAL = frozenset({"engineStop", "engineResume", "outputControl"})


def default_ttl(command_type: str) -> float:
    return SAFETY_TTL_S if command_type in SAFETY_CRITICAL else DEFAULT_TTL_S


def now_ms() -> int:
    return int(time.time() * 1000)


@dataclass(slots=True)
class StoredCommand:
    id: int
    device_id: int
    type: str
    attributes: dict[str, Any]
    priority: int
    state: State
    idempotency_key: str | None
    campaign_id: int | None
    created: int
    expires: int
    sent: int | None
    acknowledged: int | None
    answered: int | None
    finished: int | None
    attempts: int
    result: str | None
    error: str | None


_COLS = (
    "id, device_id, type, attributes, priority, state, idempotency_key, campaign_id, created,"
    " expires, sent, acknowledged, answered, finished, attempts, result, error"
)


def _command(row: Sequence[Any]) -> StoredCommand:
    r = list(row)
    r[3] = orjson.loads(r[3])
    r[5] = State(r[5])
    return StoredCommand(*r)


@dataclass(slots=True)
class Campaign:
    id: int
    type: str
    attributes: dict[str, Any]
    device_ids: list[int]
    batch_size: int
    failure_threshold: float
    min_sample: int
    ttl: float
    priority: int
    state: str
    reason: str | None
    created: int
    finished: int | None


_CAMPAIGN_COLS = (
    "id, type, attributes, device_ids, batch_size, failure_threshold, min_sample, ttl, priority,"
    " state, reason, created, finished"
)


def _campaign(row: Sequence[Any]) -> Campaign:
    r = list(row)
    r[2] = orjson.loads(r[2])
    r[3] = orjson.loads(r[3])
    return Campaign(*r)


_COLUMNS = [getattr(commands.c, c.strip()) for c in _COLS.split(",")]
_CAMPAIGN_COLUMNS = [getattr(campaigns.c, c.strip()) for c in _CAMPAIGN_COLS.split(",")]
_CHUNK = 5000  # device ids per IN list: under every backend's parameter limit


class Commands:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    async def _one(self, query: Any) -> Any:
        async with self.engine.connect() as conn:
            return (await conn.execute(query)).first()

    async def _all(self, query: Any) -> list[Any]:
        async with self.engine.connect() as conn:
            return list(await conn.execute(query))

    async def _write(self, query: Any) -> int:
        async with writing(self.engine) as conn:
            return int((await conn.execute(query)).rowcount)

    # -- creation and reading --------------------------------------------------------------
    async def create(
        self,
        device_id: int,
        type: str,
        attributes: dict[str, Any],
        *,
        priority: int = 0,
        ttl: float | None = None,
        idempotency_key: str | None = None,
        campaign_id: int | None = None,
    ) -> tuple[StoredCommand, bool]:
        """Queue a command; with an idempotency key already used, return that command instead.
        Returns (command, created)."""
        by_key = select(*_COLUMNS).where(commands.c.idempotency_key == idempotency_key)
        if idempotency_key is not None and (row := await self._one(by_key)):
            return _command(row), False
        now = now_ms()
        ttl_ms = int((ttl if ttl is not None else default_ttl(type)) * 1000)
        insert = commands.insert().values(
            device_id=device_id, type=type, attributes=orjson.dumps(attributes).decode(),
            priority=priority, state=State.QUEUED.value, idempotency_key=idempotency_key,
            campaign_id=campaign_id, created=now, expires=now + ttl_ms,
        )  # fmt: skip
        try:
            async with writing(self.engine) as conn:
                new_id = (await conn.execute(insert)).inserted_primary_key[0]  # type: ignore[index]
        except IntegrityError:
            row = await self._one(by_key)  # a concurrent create with the same key won
            if row is None:
                raise
            return _command(row), False
        cmd = await self.get(int(new_id))
        assert cmd is not None
        return cmd, True

    async def get(self, command_id: int) -> StoredCommand | None:
        row = await self._one(select(*_COLUMNS).where(commands.c.id == command_id))
        return _command(row) if row else None

    async def find(
        self,
        device_id: int | None = None,
        state: State | None = None,
        limit: int = 1000,
        device_ids: Collection[int] | None = None,
    ) -> list[StoredCommand]:
        """Newest first; ``device_ids``: only these devices' (a caller's visible devices)."""
        q = select(*_COLUMNS).order_by(commands.c.id.desc()).limit(limit)
        if device_id is not None:
            q = q.where(commands.c.device_id == device_id)
        if state is not None:
            q = q.where(commands.c.state == State(state).value)
        if device_ids is not None:
            q = q.where(commands.c.device_id.in_(list(device_ids)))
        return [_command(r) for r in await self._all(q)]

    async def queued_devices(self) -> set[int]:
        """The devices with a queued, unexpired command: usually a handful, however many devices
        are connected, so a gateway asks this before it asks for any device's commands."""
        now = now_ms()
        q = (
            select(commands.c.device_id)
            .where(commands.c.state == State.QUEUED.value, commands.c.expires > now)
            .distinct()
        )
        return {r[0] for r in await self._all(q)}

    async def queued_for(
        self, device_ids: Iterable[int], limit: int = 10000
    ) -> list[StoredCommand]:
        """Queued, unexpired commands of these devices in delivery order: priority (high
        first), then creation."""
        # filtered in SQL, not after the LIMIT: queued commands of offline devices must not
        # crowd out those of the devices connected now
        ids = list(device_ids)
        now = now_ms()
        out: list[StoredCommand] = []
        for i in range(0, len(ids), _CHUNK):
            q = (
                select(*_COLUMNS)
                .where(
                    commands.c.state == State.QUEUED.value,
                    commands.c.expires > now,
                    commands.c.device_id.in_(ids[i : i + _CHUNK]),
                )
                .order_by(commands.c.priority.desc(), commands.c.id)
                .limit(limit)
            )
            out.extend(_command(r) for r in await self._all(q))
        if len(ids) > _CHUNK:
            out.sort(key=lambda c: (-c.priority, c.id))
        return out[:limit]

    # -- transitions -----------------------------------------------------------------------
    async def _move(self, command_id: int, frm: Sequence[State], **values: Any) -> bool:
        q = (
            update(commands)
            .where(commands.c.id == command_id, commands.c.state.in_([s.value for s in frm]))
            .values(**values)
        )
        return await self._write(q) == 1

    async def cancel(self, command_id: int) -> bool:
        """Only a command not yet sent can be cancelled."""
        return await self._move(
            command_id, (State.QUEUED,), state=State.CANCELLED.value, finished=now_ms()
        )

    async def mark_sent(self, command_id: int, await_answer: bool = True) -> bool:
        return await self._move(
            command_id, (State.QUEUED,), state=State.SENT.value, sent=now_ms(),
            attempts=commands.c.attempts + 1, await_answer=int(await_answer),
        )  # fmt: skip

    async def mark_acknowledged(self, command_id: int) -> bool:
        return await self._move(
            command_id, (State.SENT,), state=State.ACKNOWLEDGED.value, acknowledged=now_ms()
        )

    async def mark_failed(self, command_id: int, error: str) -> bool:
        return await self._move(
            command_id, OPEN, state=State.FAILED.value, error=error, finished=now_ms()
        )

    async def answer(self, device_id: int, result: str, frame_seq: int) -> StoredCommand | None:
        """Attach a decoded reply to the device's oldest command awaiting one. A reply frame
        attaches once only (replays of the raw log change nothing)."""
        c = commands.c
        async with writing(self.engine) as conn:
            seen = await conn.execute(select(c.id).where(c.answer_frame == frame_seq))
            if seen.first() is not None:
                return None
            # the gateway marked "acknowledged" the command in flight when this reply arrived;
            # only without one (the worker won the race) does the oldest sent command take it
            pick = (
                select(c.id)
                .where(
                    c.device_id == device_id,
                    c.state.in_([State.SENT.value, State.ACKNOWLEDGED.value]),
                )
                .order_by(
                    (c.state == State.ACKNOWLEDGED.value).desc(),
                    func.coalesce(c.acknowledged, c.sent),
                    c.id,
                )
                .limit(1)
                .with_for_update()
            )
            cmd_id = (await conn.execute(pick)).scalar()
            if cmd_id is None:
                return None
            now = now_ms()
            await conn.execute(
                update(commands).where(c.id == cmd_id).values(
                    state=State.ANSWERED.value, result=result, answered=now, finished=now,
                    acknowledged=func.coalesce(c.acknowledged, now), answer_frame=frame_seq,
                )
            )  # fmt: skip
        return await self.get(int(cmd_id))

    async def expire(self) -> int:
        """Queued commands past their expiry can no longer be sent."""
        now = now_ms()
        return await self._write(
            update(commands)
            .where(commands.c.state == State.QUEUED.value, commands.c.expires <= now)
            .values(state=State.EXPIRED.value, finished=now)
        )

    async def fail_unanswered(self, older_than_ms: int) -> int:
        """Commands sent longer ago than the reply timeout without an answer have failed."""
        now = now_ms()
        c = commands.c
        return await self._write(
            update(commands)
            .where(
                c.state.in_([State.SENT.value, State.ACKNOWLEDGED.value]),
                c.await_answer == 1,
                c.sent <= now - older_than_ms,
            )
            .values(state=State.FAILED.value, error="no answer from the device", finished=now)
        )

    # -- campaigns -------------------------------------------------------------------------
    async def create_campaign(
        self,
        type: str,
        attributes: dict[str, Any],
        device_ids: Sequence[int],
        *,
        batch_size: int,
        failure_threshold: float,
        min_sample: int,
        ttl: float,
        priority: int = 0,
    ) -> Campaign:
        insert = campaigns.insert().values(
            type=type, attributes=orjson.dumps(attributes).decode(),
            device_ids=orjson.dumps(list(device_ids)).decode(), batch_size=batch_size,
            failure_threshold=failure_threshold, min_sample=min_sample, ttl=ttl,
            priority=priority, state="running", created=now_ms(),
        )  # fmt: skip
        async with writing(self.engine) as conn:
            new_id = (await conn.execute(insert)).inserted_primary_key[0]  # type: ignore[index]
        campaign = await self.campaign(int(new_id))
        assert campaign is not None
        return campaign

    async def campaign(self, campaign_id: int) -> Campaign | None:
        row = await self._one(select(*_CAMPAIGN_COLUMNS).where(campaigns.c.id == campaign_id))
        return _campaign(row) if row else None

    async def campaigns(self, state: str | None = None) -> list[Campaign]:
        q = select(*_CAMPAIGN_COLUMNS).order_by(campaigns.c.id)
        if state:
            q = q.where(campaigns.c.state == state)
        return [_campaign(r) for r in await self._all(q)]

    async def campaign_commands(self, campaign_id: int) -> list[StoredCommand]:
        q = select(*_COLUMNS).where(commands.c.campaign_id == campaign_id).order_by(commands.c.id)
        return [_command(r) for r in await self._all(q)]

    async def stop_campaign(self, campaign_id: int, reason: str) -> bool:
        now = now_ms()
        async with writing(self.engine) as conn:
            done = await conn.execute(
                update(campaigns)
                .where(campaigns.c.id == campaign_id, campaigns.c.state == "running")
                .values(state="stopped", reason=reason, finished=now)
            )
            await conn.execute(
                update(commands)
                .where(
                    commands.c.campaign_id == campaign_id, commands.c.state == State.QUEUED.value
                )
                .values(state=State.CANCELLED.value, finished=now)
            )
        return int(done.rowcount) == 1

    async def complete_campaign(self, campaign_id: int) -> None:
        await self._write(
            update(campaigns)
            .where(campaigns.c.id == campaign_id, campaigns.c.state == "running")
            .values(state="completed", finished=now_ms())
        )


class BlockingCommands(SyncProxy):
    """``Commands`` for synchronous callers: every method blocks until the store's coroutine,
    run on a private event loop in a thread, is done (the engine stays on that loop)."""

    def __init__(self, url: str) -> None:
        self._loop_thread = LoopThread("commands-io")
        # no pool: a connection per call, closed after it, so that an owner who never calls
        # close() (a test, a short script) leaves nothing open behind
        self.store = Commands(create_engine(url, poolclass=NullPool))
        super().__init__(self.store, self._loop_thread)

    @classmethod
    def of(cls, settings: Settings) -> BlockingCommands:
        """The registry's commands for these settings (registry.db migrated first)."""
        if not settings.store.postgres:
            from fleetwire.store.migrate import migrate_embedded

            migrate_embedded(settings)
        return cls(registry_url(settings))

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        return self._loop_thread.run(coro)

    def close(self) -> None:
        self._loop_thread.run(self.store.engine.dispose())
        self._loop_thread.close()
