"""INTERIM reader of the derived telemetry tables (events, trips, stops, geofence visits) that
the logic helper's worker writes, to CONTRACT.md's columns, until its `fleetwire.store.derived`
lands; then the reports import that instead. One SQLAlchemy Core implementation for both tiers
(the derived tables use integer ms on both). `create_tables` and `insert` exist for tests and
benches, which fill the tables through this same interface.

The tables are the worker's to create (its migrations); until they exist the readers answer
empty lists, so the API never creates them in another shape.

Event ids are hex digests in the store; Traccar clients need JSON integers that JavaScript holds
exactly, so the API's event id is the digest's first 13 hex digits (52 bits), and a lookup by id
is a range scan on the primary key over that prefix.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Float,
    Integer,
    MetaData,
    Table,
    Text,
    and_,
    inspect,
    or_,
    select,
)
from sqlalchemy import insert as sa_insert
from sqlalchemy.ext.asyncio import AsyncEngine

metadata = MetaData()

events = Table(
    "events", metadata,
    Column("id", Text, primary_key=True),
    Column("device_id", Integer, nullable=False),
    Column("type", Text, nullable=False),
    Column("event_time", BigInteger, nullable=False),
    Column("position_id", BigInteger),
    Column("geofence_id", Integer),
    Column("maintenance_id", Integer),
    Column("attributes", Text, nullable=False, default="{}"),
    Column("superseded", Integer, nullable=False, default=0),
)  # fmt: skip
trips = Table(
    "trips", metadata,
    Column("id", Text, primary_key=True),
    Column("device_id", Integer, nullable=False),
    Column("start_time", BigInteger, nullable=False),
    Column("end_time", BigInteger, nullable=False),
    Column("start_position_id", BigInteger),
    Column("end_position_id", BigInteger),
    Column("start_lat", Float), Column("start_lon", Float),
    Column("end_lat", Float), Column("end_lon", Float),
    Column("distance", Float), Column("average_speed", Float), Column("max_speed", Float),
    Column("duration", BigInteger),
    Column("start_odometer", Float), Column("end_odometer", Float),
    Column("spent_fuel", Float), Column("driver_unique_id", Text),
    Column("superseded", Integer, nullable=False, default=0),
)  # fmt: skip
stops = Table(
    "stops", metadata,
    Column("id", Text, primary_key=True),
    Column("device_id", Integer, nullable=False),
    Column("start_time", BigInteger, nullable=False),
    Column("end_time", BigInteger, nullable=False),
    Column("position_id", BigInteger),
    Column("latitude", Float), Column("longitude", Float),
    Column("duration", BigInteger), Column("engine_hours", BigInteger),
    Column("start_odometer", Float), Column("end_odometer", Float),
    Column("spent_fuel", Float),
    Column("superseded", Integer, nullable=False, default=0),
)  # fmt: skip
visits = Table(
    "geofence_visits", metadata,
    Column("id", Text, primary_key=True),
    Column("device_id", Integer, nullable=False), Column("geofence_id", Integer, nullable=False),
    Column("enter_time", BigInteger, nullable=False),
    Column("exit_time", BigInteger),  # null while the device is still inside
    Column("enter_position_id", BigInteger), Column("exit_position_id", BigInteger),
    Column("superseded", Integer, nullable=False, default=0),
    Column("emitted", BigInteger, nullable=False, default=0),
)  # fmt: skip
TABLES = {"events": events, "trips": trips, "stops": stops, "geofence_visits": visits}

Row = dict[str, Any]


def api_event_id(hex_id: str) -> int:
    return int(hex_id[:13].ljust(13, "0"), 16)


async def create_tables(engine: AsyncEngine) -> None:
    async with engine.begin() as conn:
        await conn.run_sync(lambda c: metadata.create_all(c, checkfirst=True))


async def insert(engine: AsyncEngine, table: str, rows: Sequence[Row]) -> None:
    async with engine.begin() as conn:
        await conn.execute(sa_insert(TABLES[table]), list(rows))


_present: set[int] = set()  # engines whose derived tables are known to exist


async def _ready(engine: AsyncEngine) -> bool:
    if id(engine) in _present:
        return True
    async with engine.connect() as conn:
        ok = bool(await conn.run_sync(lambda c: inspect(c).has_table("events")))
    if ok:
        _present.add(id(engine))
    return ok


def _rows(result: Any) -> list[Row]:
    return [dict(r._mapping) for r in result]


async def events_between(
    engine: AsyncEngine,
    device_ids: Iterable[int],
    from_ms: int,
    to_ms: int,
    types: Sequence[str] | None = None,
) -> list[Row]:
    if not await _ready(engine):
        return []
    t = events
    q = select(t).where(
        t.c.device_id.in_(list(device_ids)), t.c.event_time >= from_ms,
        t.c.event_time <= to_ms, t.c.superseded == 0,
    )  # fmt: skip
    if types:
        q = q.where(t.c.type.in_(list(types)))
    async with engine.connect() as conn:
        return _rows(await conn.execute(q.order_by(t.c.device_id, t.c.event_time)))


async def _spans(
    engine: AsyncEngine, table: Table, device_ids: Iterable[int], from_ms: int, to_ms: int
) -> list[Row]:
    if not await _ready(engine):
        return []
    t = table
    q = select(t).where(
        t.c.device_id.in_(list(device_ids)), t.c.end_time >= from_ms, t.c.start_time <= to_ms,
        t.c.superseded == 0,
    )  # fmt: skip
    async with engine.connect() as conn:
        return _rows(await conn.execute(q.order_by(t.c.device_id, t.c.start_time)))


async def trips_between(
    engine: AsyncEngine, device_ids: Iterable[int], from_ms: int, to_ms: int
) -> list[Row]:
    return await _spans(engine, trips, device_ids, from_ms, to_ms)


async def stops_between(
    engine: AsyncEngine, device_ids: Iterable[int], from_ms: int, to_ms: int
) -> list[Row]:
    return await _spans(engine, stops, device_ids, from_ms, to_ms)


async def visits_between(
    engine: AsyncEngine,
    device_ids: Iterable[int],
    geofence_ids: Iterable[int] | None,
    from_ms: int,
    to_ms: int,
) -> list[Row]:
    """Geofence visits overlapping [from, to] (one still open overlaps everything after its
    entry), of these devices and, unless None, these geofences."""
    if not await _ready(engine):
        return []
    t = visits
    q = select(t).where(
        t.c.device_id.in_(list(device_ids)), t.c.enter_time <= to_ms,
        or_(t.c.exit_time.is_(None), t.c.exit_time >= from_ms), t.c.superseded == 0,
    )  # fmt: skip
    if geofence_ids is not None:
        q = q.where(t.c.geofence_id.in_(list(geofence_ids)))
    async with engine.connect() as conn:
        return _rows(await conn.execute(q.order_by(t.c.device_id, t.c.enter_time)))


async def event_by_api_id(engine: AsyncEngine, api_id: int) -> Row | None:
    if not 0 <= api_id < 1 << 52 or not await _ready(engine):
        return None
    prefix = f"{api_id:013x}"
    q = select(events).where(
        and_(events.c.id >= prefix, events.c.id < prefix + "g", events.c.superseded == 0)
    )
    async with engine.connect() as conn:
        rows = _rows(await conn.execute(q.limit(1)))
    return rows[0] if rows else None


async def events_since(engine: AsyncEngine, since_ms: int) -> list[Row]:
    """Events with an event time at or after ``since_ms``, for the live feed's poll."""
    if not await _ready(engine):
        return []
    q = select(events).where(events.c.event_time >= since_ms, events.c.superseded == 0)
    async with engine.connect() as conn:
        return _rows(await conn.execute(q))
