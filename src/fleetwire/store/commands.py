"""Commands and campaigns in the registry: one state machine per command, kept durable so that a
command survives restarts of every process and is never sent twice.

    queued -> sent -> acknowledged -> answered
       |        |           |
       +--------+-----------+--> failed | expired | cancelled

"acknowledged" is the transport-level answer (the device's reply frame arrived); "answered" is
that reply decoded and attached. Lives next to the devices table (registry.db); knows nothing of
sockets or protocols.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import orjson

from fleetwire.sqlite import connect

SCHEMA = """
CREATE TABLE IF NOT EXISTS commands (
    id              INTEGER PRIMARY KEY,
    device_id       INTEGER NOT NULL,
    type            TEXT    NOT NULL,
    attributes      TEXT    NOT NULL,
    priority        INTEGER NOT NULL DEFAULT 0,
    state           TEXT    NOT NULL,
    idempotency_key TEXT    UNIQUE,
    campaign_id     INTEGER,
    created         INTEGER NOT NULL,
    expires         INTEGER NOT NULL,
    sent            INTEGER,
    acknowledged    INTEGER,
    answered        INTEGER,
    finished        INTEGER,
    attempts        INTEGER NOT NULL DEFAULT 0,
    result          TEXT,
    error           TEXT,
    answer_frame    INTEGER UNIQUE,  -- raw-log seq of the reply; a replay attaches nothing twice
    await_answer    INTEGER NOT NULL DEFAULT 1  -- 0: the protocol's devices never answer
);
CREATE INDEX IF NOT EXISTS commands_open ON commands (state, device_id, priority, id);
CREATE INDEX IF NOT EXISTS commands_device ON commands (device_id, id);
CREATE INDEX IF NOT EXISTS commands_campaign ON commands (campaign_id, state);
CREATE TABLE IF NOT EXISTS campaigns (
    id                INTEGER PRIMARY KEY,
    type              TEXT    NOT NULL,
    attributes        TEXT    NOT NULL,
    device_ids        TEXT    NOT NULL,   -- JSON array, in rollout order
    batch_size        INTEGER NOT NULL,
    failure_threshold REAL    NOT NULL,   -- stop when failed/finished exceeds it
    min_sample        INTEGER NOT NULL,   -- finished commands before the threshold applies
    ttl               REAL    NOT NULL,
    priority          INTEGER NOT NULL,
    state             TEXT    NOT NULL,   -- running, completed, stopped
    reason            TEXT,
    created           INTEGER NOT NULL,
    finished          INTEGER
);
"""


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


class SqliteCommands:
    def __init__(self, path: Path) -> None:
        self._conn = connect(path, check_same_thread=False)
        self._conn.executescript(SCHEMA)

    def close(self) -> None:
        self._conn.close()

    # -- creation and reading --------------------------------------------------------------
    def create(
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
        if idempotency_key is not None:
            row = self._conn.execute(
                f"SELECT {_COLS} FROM commands WHERE idempotency_key = ?", (idempotency_key,)
            ).fetchone()
            if row:
                return _command(row), False
        now = now_ms()
        ttl_ms = int((ttl if ttl is not None else default_ttl(type)) * 1000)
        cur = self._conn.execute(
            "INSERT INTO commands (device_id, type, attributes, priority, state, idempotency_key,"
            " campaign_id, created, expires) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (device_id, type, orjson.dumps(attributes).decode(), priority, State.QUEUED,
             idempotency_key, campaign_id, now, now + ttl_ms),
        )  # fmt: skip
        cmd = self.get(int(cur.lastrowid or 0))
        assert cmd is not None
        return cmd, True

    def get(self, command_id: int) -> StoredCommand | None:
        row = self._conn.execute(
            f"SELECT {_COLS} FROM commands WHERE id = ?", (command_id,)
        ).fetchone()
        return _command(row) if row else None

    def find(
        self, device_id: int | None = None, state: State | None = None, limit: int = 1000
    ) -> list[StoredCommand]:
        where: list[str] = []
        args: list[object] = []
        if device_id is not None:
            where.append("device_id = ?")
            args.append(device_id)
        if state is not None:
            where.append("state = ?")
            args.append(state)
        sql = f"SELECT {_COLS} FROM commands"
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = self._conn.execute(f"{sql} ORDER BY id DESC LIMIT ?", (*args, limit)).fetchall()
        return [_command(r) for r in rows]

    def queued_for(self, device_ids: Iterable[int], limit: int = 10000) -> list[StoredCommand]:
        """Queued, unexpired commands of these devices in delivery order: priority (high
        first), then creation."""
        # filtered in SQL, not after the LIMIT: queued commands of offline devices must not
        # crowd out those of the devices connected now
        rows = self._conn.execute(
            f"SELECT {_COLS} FROM commands WHERE state = ? AND expires > ? AND device_id IN"
            " (SELECT value FROM json_each(?)) ORDER BY priority DESC, id LIMIT ?",
            (State.QUEUED, now_ms(), orjson.dumps(list(device_ids)).decode(), limit),
        ).fetchall()
        return [_command(r) for r in rows]

    # -- transitions -----------------------------------------------------------------------
    def _move(self, command_id: int, frm: Sequence[State], sets: str, args: Sequence[Any]) -> bool:
        marks = ",".join("?" * len(frm))
        cur = self._conn.execute(
            f"UPDATE commands SET {sets} WHERE id = ? AND state IN ({marks})",
            (*args, command_id, *frm),
        )
        return cur.rowcount == 1

    def cancel(self, command_id: int) -> bool:
        """Only a command not yet sent can be cancelled."""
        return self._move(
            command_id, (State.QUEUED,), "state = ?, finished = ?", (State.CANCELLED, now_ms())
        )

    def mark_sent(self, command_id: int, await_answer: bool = True) -> bool:
        return self._move(
            command_id, (State.QUEUED,),
            "state = ?, sent = ?, attempts = attempts + 1, await_answer = ?",
            (State.SENT, now_ms(), int(await_answer)),
        )  # fmt: skip

    def mark_acknowledged(self, command_id: int) -> bool:
        return self._move(
            command_id, (State.SENT,), "state = ?, acknowledged = ?",
            (State.ACKNOWLEDGED, now_ms()),
        )  # fmt: skip

    def mark_failed(self, command_id: int, error: str) -> bool:
        return self._move(
            command_id, OPEN, "state = ?, error = ?, finished = ?",
            (State.FAILED, error, now_ms()),
        )  # fmt: skip

    def answer(self, device_id: int, result: str, frame_seq: int) -> StoredCommand | None:
        """Attach a decoded reply to the device's oldest command awaiting one. A reply frame
        attaches once only (replays of the raw log change nothing)."""
        c = self._conn
        if c.execute("SELECT 1 FROM commands WHERE answer_frame = ?", (frame_seq,)).fetchone():
            return None
        # the gateway marked "acknowledged" the command in flight when this reply arrived;
        # only without one (the worker won the race) does the oldest sent command take it
        row = c.execute(
            "SELECT id FROM commands WHERE device_id = ? AND state IN (?, ?)"
            " ORDER BY state = ? DESC, coalesce(acknowledged, sent), id LIMIT 1",
            (device_id, State.SENT, State.ACKNOWLEDGED, State.ACKNOWLEDGED),
        ).fetchone()
        if row is None:
            return None
        now = now_ms()
        c.execute(
            "UPDATE commands SET state = ?, result = ?, answered = ?, finished = ?,"
            " acknowledged = coalesce(acknowledged, ?), answer_frame = ? WHERE id = ?",
            (State.ANSWERED, result, now, now, now, frame_seq, row[0]),
        )
        return self.get(int(row[0]))

    def expire(self) -> int:
        """Queued commands past their expiry can no longer be sent."""
        now = now_ms()
        cur = self._conn.execute(
            "UPDATE commands SET state = ?, finished = ? WHERE state = ? AND expires <= ?",
            (State.EXPIRED, now, State.QUEUED, now),
        )
        return cur.rowcount

    def fail_unanswered(self, older_than_ms: int) -> int:
        """Commands sent longer ago than the reply timeout without an answer have failed."""
        cur = self._conn.execute(
            "UPDATE commands SET state = ?, error = 'no answer from the device', finished = ?"
            " WHERE state IN (?, ?) AND await_answer = 1 AND sent <= ?",
            (State.FAILED, now_ms(), State.SENT, State.ACKNOWLEDGED, now_ms() - older_than_ms),
        )
        return cur.rowcount

    # -- campaigns -------------------------------------------------------------------------
    def create_campaign(
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
        cur = self._conn.execute(
            f"INSERT INTO campaigns ({_CAMPAIGN_COLS.replace('id, ', '', 1)}) VALUES"
            " (?, ?, ?, ?, ?, ?, ?, ?, 'running', NULL, ?, NULL)",
            (type, orjson.dumps(attributes).decode(), orjson.dumps(list(device_ids)).decode(),
             batch_size, failure_threshold, min_sample, ttl, priority, now_ms()),
        )  # fmt: skip
        campaign = self.campaign(int(cur.lastrowid or 0))
        assert campaign is not None
        return campaign

    def campaign(self, campaign_id: int) -> Campaign | None:
        row = self._conn.execute(
            f"SELECT {_CAMPAIGN_COLS} FROM campaigns WHERE id = ?", (campaign_id,)
        ).fetchone()
        return _campaign(row) if row else None

    def campaigns(self, state: str | None = None) -> list[Campaign]:
        sql = f"SELECT {_CAMPAIGN_COLS} FROM campaigns"
        rows = (
            self._conn.execute(sql + " WHERE state = ? ORDER BY id", (state,))
            if state
            else self._conn.execute(sql + " ORDER BY id")
        ).fetchall()
        return [_campaign(r) for r in rows]

    def campaign_commands(self, campaign_id: int) -> list[StoredCommand]:
        rows = self._conn.execute(
            f"SELECT {_COLS} FROM commands WHERE campaign_id = ? ORDER BY id", (campaign_id,)
        ).fetchall()
        return [_command(r) for r in rows]

    def stop_campaign(self, campaign_id: int, reason: str) -> bool:
        c = self._conn
        c.execute("BEGIN IMMEDIATE")
        try:
            cur = c.execute(
                "UPDATE campaigns SET state = 'stopped', reason = ?, finished = ?"
                " WHERE id = ? AND state = 'running'",
                (reason, now_ms(), campaign_id),
            )
            c.execute(
                "UPDATE commands SET state = ?, finished = ? WHERE campaign_id = ? AND state = ?",
                (State.CANCELLED, now_ms(), campaign_id, State.QUEUED),
            )
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise
        return cur.rowcount == 1

    def complete_campaign(self, campaign_id: int) -> None:
        self._conn.execute(
            "UPDATE campaigns SET state = 'completed', finished = ? WHERE id = ? AND state ="
            " 'running'",
            (now_ms(), campaign_id),
        )
