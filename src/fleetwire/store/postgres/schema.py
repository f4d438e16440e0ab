"""Schema migrations of the PostgreSQL tier, applied in order by `fleetwire migrate` and checked
(never applied) by every role at start: a role that finds the schema behind refuses to run.

Positions are range-partitioned by fix time, one partition per month, created ahead by
``ensure_partitions`` and dropped past the retention; a DEFAULT partition takes history outside
them. The primary key (device, fix time, content hash) carries the idempotency of the embedded
store over to here.
"""

from __future__ import annotations

from datetime import UTC, datetime

import asyncpg
from asyncpg.pool import PoolConnectionProxy

from fleetwire.store.derived_sql import DDL as DERIVED_DDL
from fleetwire.store.derived_sql import STATE_STAMP_COLUMN, STATE_UNSTAMPED_PG
from fleetwire.store.outbox import PG_DDL as OUTBOX_DDL

MIGRATIONS: tuple[tuple[int, str], ...] = (
    (
        1,
        """
CREATE TABLE devices (
    id          bigserial PRIMARY KEY,
    unique_id   text NOT NULL UNIQUE,
    name        text,
    protocol    text,
    disabled    boolean NOT NULL DEFAULT false,
    created     timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE positions (
    device_id   bigint NOT NULL,
    kind        text NOT NULL,
    fix_time    timestamptz NOT NULL,
    server_time timestamptz NOT NULL,
    valid       boolean NOT NULL,
    latitude    double precision,
    longitude   double precision,
    altitude    double precision,
    speed       double precision,
    course      double precision,
    satellites  integer,
    attributes  jsonb NOT NULL,
    frame_seq   bigint NOT NULL,
    dedup       bigint NOT NULL,
    PRIMARY KEY (device_id, fix_time, dedup)
) PARTITION BY RANGE (fix_time);
CREATE TABLE positions_default PARTITION OF positions DEFAULT;
CREATE TABLE latest (
    device_id   bigint PRIMARY KEY,
    kind        text NOT NULL,
    fix_time    timestamptz NOT NULL,
    server_time timestamptz NOT NULL,
    valid       boolean NOT NULL,
    latitude    double precision,
    longitude   double precision,
    altitude    double precision,
    speed       double precision,
    course      double precision,
    satellites  integer,
    attributes  jsonb NOT NULL,
    frame_seq   bigint NOT NULL,
    dedup       bigint NOT NULL
);
CREATE TABLE dead_letters (
    consumer    text NOT NULL,
    frame_seq   bigint NOT NULL,
    device_id   bigint NOT NULL,
    protocol    text NOT NULL,
    error       text NOT NULL,
    at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, frame_seq)
);
CREATE TABLE offsets (
    consumer    text PRIMARY KEY,
    seq         bigint NOT NULL
);
CREATE TABLE workers (
    id          text PRIMARY KEY,
    seen        timestamptz NOT NULL
);
""",
    ),
)
MIGRATIONS += (
    (
        2,
        """
CREATE TABLE commands (
    id              bigserial PRIMARY KEY,
    device_id       bigint  NOT NULL,
    type            text    NOT NULL,
    attributes      text    NOT NULL,
    priority        integer NOT NULL DEFAULT 0,
    state           text    NOT NULL,
    idempotency_key text    UNIQUE,
    campaign_id     bigint,
    created         bigint  NOT NULL,
    expires         bigint  NOT NULL,
    sent            bigint,
    acknowledged    bigint,
    answered        bigint,
    finished        bigint,
    attempts        integer NOT NULL DEFAULT 0,
    result          text,
    error           text,
    answer_frame    bigint  UNIQUE,
    await_answer    integer NOT NULL DEFAULT 1
);
CREATE INDEX commands_open ON commands (state, device_id, priority, id);
CREATE INDEX commands_device ON commands (device_id, id);
CREATE INDEX commands_campaign ON commands (campaign_id, state);
CREATE TABLE campaigns (
    id                bigserial PRIMARY KEY,
    type              text    NOT NULL,
    attributes        text    NOT NULL,
    device_ids        text    NOT NULL,
    batch_size        integer NOT NULL,
    failure_threshold double precision NOT NULL,
    min_sample        integer NOT NULL,
    ttl               double precision NOT NULL,
    priority          integer NOT NULL,
    state             text    NOT NULL,
    reason            text,
    created           bigint  NOT NULL,
    finished          bigint
);
""",
    ),
    (
        3,
        # `fleetwire replay` replaces the records of the frames it decodes again
        "CREATE INDEX positions_frame ON positions (frame_seq);",
    ),
    (
        4,
        # the business logic's derived tables, the same DDL as the embedded store's
        DERIVED_DDL,
    ),
)
MIGRATIONS += (
    # the transactional outbox (store/outbox.py): forwarding and notification messages
    (5, OUTBOX_DDL),
)
MIGRATIONS += (
    (
        6,
        # Positions get the id Traccar clients address them by (positionId, positions?id=).
        # A sequence default, not an identity column: PostgreSQL before 17 has no identity on
        # a partitioned table. The worker's COPY leaves the column out, so each row takes the
        # default as INSERT routes it to its partition; rows already stored are numbered in
        # the same rewrite. Ids are unique, not ordered by commit (workers interleave), so
        # nothing may read "every id after N" as "every row committed after N". The index is
        # a b-tree on an increasing key: its inserts land on the right edge, cheap at ingest.
        """
CREATE SEQUENCE positions_id_seq AS bigint;
ALTER TABLE positions ADD COLUMN id bigint NOT NULL DEFAULT nextval('positions_id_seq');
ALTER SEQUENCE positions_id_seq OWNED BY positions.id;
CREATE INDEX positions_id ON positions (id);
""",
    ),
)
MIGRATIONS += (
    # device states carry the stamp of the transaction that wrote them (store/derived_sql.py)
    (7, STATE_STAMP_COLUMN + ";" + STATE_UNSTAMPED_PG),
)
LATEST_VERSION = MIGRATIONS[-1][0]
Conn = asyncpg.Connection | PoolConnectionProxy  # a connection, or one lent by a pool

_BOOKKEEPING = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version     integer PRIMARY KEY,
    applied     timestamptz NOT NULL DEFAULT now()
)
"""
# one migrator at a time, whichever host runs `fleetwire migrate`
_LOCK = 0x66770001


async def current_version(conn: Conn) -> int:
    exists = await conn.fetchval("SELECT to_regclass('schema_migrations') IS NOT NULL")
    if not exists:
        return 0
    return int(await conn.fetchval("SELECT coalesce(max(version), 0) FROM schema_migrations"))


async def migrate(conn: Conn, months_ahead: int = 2) -> list[int]:
    """Apply the migrations not yet applied; return their versions."""
    applied: list[int] = []
    await conn.execute("SELECT pg_advisory_lock($1)", _LOCK)
    try:
        await conn.execute(_BOOKKEEPING)
        have = await current_version(conn)
        for version, sql in MIGRATIONS:
            if version <= have:
                continue
            async with conn.transaction():
                await conn.execute(sql)
                await conn.execute("INSERT INTO schema_migrations (version) VALUES ($1)", version)
            applied.append(version)
        await ensure_partitions(conn, months_ahead)
    finally:
        await conn.execute("SELECT pg_advisory_unlock($1)", _LOCK)
    return applied


class SchemaBehind(RuntimeError):
    pass


async def check(conn: Conn) -> None:
    """Both halves of the schema current: these migrations and the registry's (Alembic)."""
    from fleetwire.store.migrate import head

    version = await current_version(conn)
    if version < LATEST_VERSION:
        raise SchemaBehind(
            f"database schema is at version {version}, this release needs {LATEST_VERSION}:"
            " run `fleetwire migrate`"
        )
    revision = None
    if await conn.fetchval("SELECT to_regclass('alembic_version') IS NOT NULL"):
        revision = await conn.fetchval("SELECT version_num FROM alembic_version")
    if revision != head():
        raise SchemaBehind(
            f"registry schema is at revision {revision}, this release needs {head()}:"
            " run `fleetwire migrate`"
        )


def _month(t: datetime, add: int) -> datetime:
    m = t.month - 1 + add
    return datetime(t.year + m // 12, m % 12 + 1, 1, tzinfo=UTC)


async def ensure_partitions(conn: Conn, months_ahead: int = 2, now: datetime | None = None) -> None:
    """Monthly positions partitions from last month to ``months_ahead`` ahead. Rows that the
    DEFAULT partition already holds for a new month would block its creation, so they move."""
    now = now or datetime.now(UTC)
    for k in range(-1, months_ahead + 1):
        start, end = _month(now, k), _month(now, k + 1)
        name = f"positions_{start:%Y_%m}"
        exists = await conn.fetchval("SELECT to_regclass($1) IS NOT NULL", name)
        if exists:
            continue
        async with conn.transaction():
            await conn.execute("LOCK TABLE positions IN ACCESS EXCLUSIVE MODE")
            await conn.execute(
                f"CREATE TEMP TABLE moving ON COMMIT DROP AS SELECT * FROM positions_default"
                f" WHERE fix_time >= '{start.isoformat()}' AND fix_time < '{end.isoformat()}'"
            )
            await conn.execute(
                f"DELETE FROM positions_default WHERE fix_time >= '{start.isoformat()}'"
                f" AND fix_time < '{end.isoformat()}'"
            )
            await conn.execute(
                f"CREATE TABLE {name} PARTITION OF positions"
                f" FOR VALUES FROM ('{start.isoformat()}') TO ('{end.isoformat()}')"
            )
            await conn.execute("INSERT INTO positions SELECT * FROM moving")


async def drop_expired(conn: Conn, retention_days: float) -> list[str]:
    """Drop whole monthly partitions that end before the retention horizon."""
    if retention_days <= 0:
        return []
    horizon = datetime.now(UTC).timestamp() - retention_days * 86400
    dropped = []
    rows = await conn.fetch(
        "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
        " JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'positions'"
        " AND c.relname ~ '^positions_[0-9]{4}_[0-9]{2}$'"
    )
    for row in rows:
        name = row["relname"]
        year, month = int(name[10:14]), int(name[15:17])
        end = _month(datetime(year, month, 1, tzinfo=UTC), 1)
        if end.timestamp() <= horizon:
            await conn.execute(f"DROP TABLE {name}")
            dropped.append(name)
    return dropped
