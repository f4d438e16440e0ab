"""Commands and campaigns on PostgreSQL: the same state machine, columns and SQL as the SQLite
store (store/commands.py, whose module comment describes it), with asyncpg's ``$n`` parameters.
The gateway, the stream workers and the API of the scale-out tier use it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import asyncpg
import orjson

from fleetwire.store.commands import (
    _CAMPAIGN_COLS,
    _COLS,
    OPEN,
    Campaign,
    State,
    StoredCommand,
    _campaign,
    _command,
    default_ttl,
    now_ms,
)


def _pg(sql: str) -> str:
    """``?`` placeholders to ``$1, $2, …``."""
    n = 0

    def number(_: re.Match[str]) -> str:
        nonlocal n
        n += 1
        return f"${n}"

    return re.sub(r"\?", number, sql)


class PgCommands:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def _one(self, sql: str, *args: Any) -> Any:
        return await self.pool.fetchrow(_pg(sql), *args)

    async def _all(self, sql: str, *args: Any) -> list[Any]:
        return list(await self.pool.fetch(_pg(sql), *args))

    async def _exec(self, sql: str, *args: Any) -> int:
        status = await self.pool.execute(_pg(sql), *args)
        return int(status.split()[-1])

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
        if idempotency_key is not None:
            row = await self._one(
                f"SELECT {_COLS} FROM commands WHERE idempotency_key = ?", idempotency_key
            )
            if row:
                return _command(tuple(row)), False
        now = now_ms()
        ttl_ms = int((ttl if ttl is not None else default_ttl(type)) * 1000)
        row = await self._one(
            "INSERT INTO commands (device_id, type, attributes, priority, state, idempotency_key,"
            " campaign_id, created, expires) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (idempotency_key) DO NOTHING RETURNING id",
            device_id, type, orjson.dumps(attributes).decode(), priority, State.QUEUED.value,
            idempotency_key, campaign_id, now, now + ttl_ms,
        )  # fmt: skip
        if row is None:  # a concurrent create with the same key won
            return await self.create(device_id, type, attributes, idempotency_key=idempotency_key)
        cmd = await self.get(int(row["id"]))
        assert cmd is not None
        return cmd, True

    async def get(self, command_id: int) -> StoredCommand | None:
        row = await self._one(f"SELECT {_COLS} FROM commands WHERE id = ?", command_id)
        return _command(tuple(row)) if row else None

    async def find(
        self, device_id: int | None = None, state: State | None = None, limit: int = 1000
    ) -> list[StoredCommand]:
        where: list[str] = []
        args: list[object] = []
        if device_id is not None:
            where.append("device_id = ?")
            args.append(device_id)
        if state is not None:
            where.append("state = ?")
            args.append(state.value)
        sql = f"SELECT {_COLS} FROM commands"
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = await self._all(f"{sql} ORDER BY id DESC LIMIT ?", *args, limit)
        return [_command(tuple(r)) for r in rows]

    async def queued_for(
        self, device_ids: Iterable[int], limit: int = 10000
    ) -> list[StoredCommand]:
        rows = await self._all(
            f"SELECT {_COLS} FROM commands WHERE state = ? AND expires > ? AND"
            " device_id = ANY(?::bigint[]) ORDER BY priority DESC, id LIMIT ?",
            State.QUEUED.value, now_ms(), list(device_ids), limit,
        )  # fmt: skip
        return [_command(tuple(r)) for r in rows]

    async def _move(self, command_id: int, frm: Sequence[State], sets: str, *args: Any) -> bool:
        marks = ",".join("?" * len(frm))
        n = await self._exec(
            f"UPDATE commands SET {sets} WHERE id = ? AND state IN ({marks})",
            *args, command_id, *(s.value for s in frm),
        )  # fmt: skip
        return n == 1

    async def cancel(self, command_id: int) -> bool:
        return await self._move(
            command_id, (State.QUEUED,), "state = ?, finished = ?", State.CANCELLED.value, now_ms()
        )

    async def mark_sent(self, command_id: int, await_answer: bool = True) -> bool:
        return await self._move(
            command_id, (State.QUEUED,),
            "state = ?, sent = ?, attempts = attempts + 1, await_answer = ?",
            State.SENT.value, now_ms(), int(await_answer),
        )  # fmt: skip

    async def mark_acknowledged(self, command_id: int) -> bool:
        return await self._move(
            command_id, (State.SENT,), "state = ?, acknowledged = ?",
            State.ACKNOWLEDGED.value, now_ms(),
        )  # fmt: skip

    async def mark_failed(self, command_id: int, error: str) -> bool:
        return await self._move(
            command_id, OPEN, "state = ?, error = ?, finished = ?",
            State.FAILED.value, error, now_ms(),
        )  # fmt: skip

    async def answer(self, device_id: int, result: str, frame_seq: int) -> StoredCommand | None:
        async with self.pool.acquire() as conn, conn.transaction():
            if await conn.fetchval("SELECT 1 FROM commands WHERE answer_frame = $1", frame_seq):
                return None
            cmd_id = await conn.fetchval(
                "SELECT id FROM commands WHERE device_id = $1 AND state IN ($2, $3)"
                " ORDER BY state = $3 DESC, coalesce(acknowledged, sent), id LIMIT 1"
                " FOR UPDATE",
                device_id, State.SENT.value, State.ACKNOWLEDGED.value,
            )  # fmt: skip
            if cmd_id is None:
                return None
            now = now_ms()
            await conn.execute(
                "UPDATE commands SET state = $1, result = $2, answered = $3, finished = $3,"
                " acknowledged = coalesce(acknowledged, $3), answer_frame = $4 WHERE id = $5",
                State.ANSWERED.value, result, now, frame_seq, cmd_id,
            )  # fmt: skip
        return await self.get(int(cmd_id))

    async def expire(self) -> int:
        now = now_ms()
        return await self._exec(
            "UPDATE commands SET state = ?, finished = ? WHERE state = ? AND expires <= ?",
            State.EXPIRED.value, now, State.QUEUED.value, now,
        )  # fmt: skip

    async def fail_unanswered(self, older_than_ms: int) -> int:
        return await self._exec(
            "UPDATE commands SET state = ?, error = 'no answer from the device', finished = ?"
            " WHERE state IN (?, ?) AND await_answer = 1 AND sent <= ?",
            State.FAILED.value, now_ms(), State.SENT.value, State.ACKNOWLEDGED.value,
            now_ms() - older_than_ms,
        )  # fmt: skip

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
        row = await self._one(
            f"INSERT INTO campaigns ({_CAMPAIGN_COLS.replace('id, ', '', 1)}) VALUES"
            " (?, ?, ?, ?, ?, ?, ?, ?, 'running', NULL, ?, NULL) RETURNING id",
            type, orjson.dumps(attributes).decode(), orjson.dumps(list(device_ids)).decode(),
            batch_size, failure_threshold, min_sample, ttl, priority, now_ms(),
        )  # fmt: skip
        campaign = await self.campaign(int(row["id"]))
        assert campaign is not None
        return campaign

    async def campaign(self, campaign_id: int) -> Campaign | None:
        row = await self._one(f"SELECT {_CAMPAIGN_COLS} FROM campaigns WHERE id = ?", campaign_id)
        return _campaign(tuple(row)) if row else None

    async def campaigns(self, state: str | None = None) -> list[Campaign]:
        sql = f"SELECT {_CAMPAIGN_COLS} FROM campaigns"
        rows = await (
            self._all(sql + " WHERE state = ? ORDER BY id", state)
            if state
            else self._all(sql + " ORDER BY id")
        )
        return [_campaign(tuple(r)) for r in rows]

    async def campaign_commands(self, campaign_id: int) -> list[StoredCommand]:
        rows = await self._all(
            f"SELECT {_COLS} FROM commands WHERE campaign_id = ? ORDER BY id", campaign_id
        )
        return [_command(tuple(r)) for r in rows]

    async def stop_campaign(self, campaign_id: int, reason: str) -> bool:
        async with self.pool.acquire() as conn, conn.transaction():
            status = await conn.execute(
                "UPDATE campaigns SET state = 'stopped', reason = $1, finished = $2"
                " WHERE id = $3 AND state = 'running'",
                reason, now_ms(), campaign_id,
            )  # fmt: skip
            await conn.execute(
                "UPDATE commands SET state = $1, finished = $2 WHERE campaign_id = $3"
                " AND state = $4",
                State.CANCELLED.value, now_ms(), campaign_id, State.QUEUED.value,
            )  # fmt: skip
        return status.split()[-1] == "1"

    async def complete_campaign(self, campaign_id: int) -> None:
        await self._exec(
            "UPDATE campaigns SET state = 'completed', finished = ? WHERE id = ?"
            " AND state = 'running'",
            now_ms(), campaign_id,
        )  # fmt: skip
