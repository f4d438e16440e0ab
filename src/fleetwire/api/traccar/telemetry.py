"""Async reads of the positions the worker stores, for the Traccar routes, the reports and the
live feed, on both tiers. The position tables are per-backend hot-path tables (integer ms and
an integer id on SQLite; timestamptz and no id on PostgreSQL), so the SQL differs here and only
here; callers get the same `Pos` rows.

A latest row's position id is found through the positions identity (device, fix time, content
hash: SQLite's unique index, PostgreSQL's primary key). PostgreSQL ids come from a sequence that
concurrent workers draw from, so they are not in commit order: only SQLite can be read "every
position after id N" (`since`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from fleetwire.config import Settings


@dataclass(slots=True)
class Pos:
    id: int
    device_id: int
    fix_ms: int
    server_ms: int
    valid: bool
    latitude: float
    longitude: float
    altitude: float | None
    speed: float | None  # km/h
    course: float | None
    attributes: dict[str, Any]


def telemetry_url(settings: Settings) -> str:
    if settings.store.postgres:
        url = settings.store.url
        return "postgresql+asyncpg://" + url.split("://", 1)[1]
    return f"sqlite+aiosqlite:///{settings.telemetry_path}"


def open_telemetry(settings: Settings) -> AsyncEngine:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return create_async_engine(telemetry_url(settings), pool_size=8, max_overflow=8)


_SQLITE_COLS = (
    "p.id, p.device_id, p.fix_time, p.server_time, p.valid, p.latitude, p.longitude,"
    " p.altitude, p.speed, p.course, p.attributes"
)
_PG_COLS = (
    "p.id, p.device_id, (extract(epoch from p.fix_time) * 1000)::bigint,"
    " (extract(epoch from p.server_time) * 1000)::bigint, p.valid, p.latitude, p.longitude,"
    " p.altitude, p.speed, p.course, p.attributes::text"
)
# a latest row (alias l) with the id of its stored position (alias p, absent when the retention
# dropped its partition)
_PG_LATEST_COLS = "coalesce(p.id, 0)" + _PG_COLS.removeprefix("p.id").replace("p.", "l.")


def pos_from_row(r: Any) -> Pos:
    """A `Pos` from a row whose first eleven columns are `_SQLITE_COLS`' (or `_PG_COLS`'), in
    that order: times in ms, the attributes as stored JSON text (or already decoded)."""
    attrs = r[10]
    return Pos(
        int(r[0] or 0), int(r[1]), int(r[2]), int(r[3]), bool(r[4]), float(r[5]), float(r[6]),
        r[7], r[8], r[9], orjson.loads(attrs) if isinstance(attrs, str | bytes) else attrs,
    )  # fmt: skip


def _ids(values: Iterable[int]) -> str:
    """An IN list of integers (they are ints, so inlining them is safe and keeps one plan)."""
    return ",".join(str(int(v)) for v in values) or "NULL"


class TelemetryReader:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.pg = engine.dialect.name == "postgresql"

    async def latest(self, device_ids: Iterable[int] | None = None) -> list[Pos]:
        """The latest position of these devices (of every device for None)."""
        where = "" if device_ids is None else f" AND l.device_id IN ({_ids(device_ids)})"
        if self.pg:
            sql = (
                f"SELECT {_PG_LATEST_COLS} FROM latest l LEFT JOIN positions p ON p.device_id ="
                " l.device_id AND p.fix_time = l.fix_time AND p.dedup = l.dedup"
                f" WHERE l.latitude IS NOT NULL{where} ORDER BY l.device_id"
            )
        else:
            sql = (
                f"SELECT {_SQLITE_COLS} FROM latest l JOIN positions p ON p.device_id ="
                " l.device_id AND p.fix_time = l.fix_time AND p.dedup = l.dedup"
                f" WHERE p.latitude IS NOT NULL{where} ORDER BY p.device_id"
            )
        async with self.engine.connect() as conn:
            return [pos_from_row(r) for r in await conn.execute(text(sql))]

    async def marks(self) -> dict[int, tuple[int, int]]:
        """(fix time, content hash) of every device's latest position: cheap enough to poll a
        few times a second and see which devices moved on."""
        if self.pg:
            sql = (
                "SELECT device_id, (extract(epoch from fix_time) * 1000)::bigint, dedup FROM latest"
            )
        else:
            sql = "SELECT device_id, fix_time, dedup FROM latest"
        async with self.engine.connect() as conn:
            return {int(r[0]): (int(r[1]), int(r[2])) for r in await conn.execute(text(sql))}

    async def head(self) -> int:
        """The newest position id (SQLite; 0 on PostgreSQL, whose ids are not in commit order:
        module comment)."""
        if self.pg:
            return 0
        async with self.engine.connect() as conn:
            return int((await conn.execute(text("SELECT max(id) FROM positions"))).scalar() or 0)

    async def since(self, after_id: int, limit: int) -> list[Pos]:
        """Positions stored after ``after_id``, by id (SQLite only: the live feed's way of
        seeing every new position, not only each device's latest)."""
        sql = (
            f"SELECT {_SQLITE_COLS} FROM positions p WHERE p.id > :a"
            " AND p.latitude IS NOT NULL ORDER BY p.id LIMIT :n"
        )
        async with self.engine.connect() as conn:
            rows = await conn.execute(text(sql), {"a": after_id, "n": limit})
            return [pos_from_row(r) for r in rows]

    async def history(self, device_id: int, from_ms: int, to_ms: int, limit: int) -> list[Pos]:
        """Positions of a device with from <= fix time <= to, by fix time (Traccar's bounds
        are inclusive)."""
        if self.pg:
            sql = (
                f"SELECT {_PG_COLS} FROM positions p WHERE p.device_id = :d"
                " AND p.fix_time >= to_timestamp(:f / 1000.0)"
                " AND p.fix_time <= to_timestamp(:t / 1000.0) AND p.latitude IS NOT NULL"
                " ORDER BY p.fix_time, p.frame_seq LIMIT :n"
            )
        else:
            sql = (
                f"SELECT {_SQLITE_COLS} FROM positions p WHERE p.device_id = :d"
                " AND p.fix_time >= :f AND p.fix_time <= :t AND p.latitude IS NOT NULL"
                " ORDER BY p.fix_time, p.id LIMIT :n"
            )
        async with self.engine.connect() as conn:
            rows = await conn.execute(
                text(sql), {"d": device_id, "f": from_ms, "t": to_ms, "n": limit}
            )
            return [pos_from_row(r) for r in rows]

    async def by_ids(self, ids: Iterable[int]) -> list[Pos]:
        cols = _PG_COLS if self.pg else _SQLITE_COLS
        sql = f"SELECT {cols} FROM positions p WHERE p.id IN ({_ids(ids)}) ORDER BY p.id"
        async with self.engine.connect() as conn:
            return [pos_from_row(r) for r in await conn.execute(text(sql))]
