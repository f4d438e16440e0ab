"""asyncpg implementations of the registry and the telemetry store (scale-out tier).

Same methods and row shapes as the SQLite stores (store/registry.py, store/telemetry.py), so the
pipeline above them is the same code. Writes are one transaction per batch: positions go through
COPY into a temporary table and one INSERT ... ON CONFLICT DO NOTHING (the idempotency key is the
primary key), then ``latest`` moves forward only, dead letters, and the consumer's offset.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

import asyncpg
import orjson

from fleetwire.store.registry import Device
from fleetwire.store.telemetry import PositionRow, StoredPosition

_POS_COLS = (
    "device_id, kind, fix_time, server_time, valid, latitude, longitude, altitude, speed,"
    " course, satellites, attributes, frame_seq, dedup"
)


# NOTIFYed in every transaction that changes positions or derived rows, delivered at its commit:
# the API's live feed listens (api/traccar/commit_watch.py). Notifications of one transaction
# with the same payload fold into one.
COMMIT_CHANNEL = "fleetwire_telemetry"
_NOTIFY = f"NOTIFY {COMMIT_CHANNEL}"

_LATEST_COLS = ", ".join("l." + c.strip() for c in _POS_COLS.split(","))


def _ts(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, UTC)


_MAX_MS = 253_402_300_799_000  # 9999-12-31: the widest range a timestamp bound can take


def _bound(ms: int) -> datetime:
    return _ts(min(max(ms, 0), _MAX_MS))


def _ms(t: datetime) -> int:
    return int(t.timestamp() * 1000)


def _pg_row(r: PositionRow) -> tuple[Any, ...]:
    (dev, kind, fix, srv, valid, lat, lon, alt, spd, crs, sats, attrs, seq, dedup) = r
    return (dev, kind, _ts(fix), _ts(srv), bool(valid), lat, lon, alt, spd, crs, sats, attrs,
            seq, dedup)  # fmt: skip


def _stored(row: asyncpg.Record) -> StoredPosition:
    return StoredPosition(
        row["id"] or 0, row["device_id"], row["kind"], _ms(row["fix_time"]),
        _ms(row["server_time"]), row["valid"], row["latitude"], row["longitude"],
        row["altitude"], row["speed"], row["course"], row["satellites"],
        orjson.loads(row["attributes"]), row["frame_seq"],
    )  # fmt: skip


async def _insert_positions(conn: Any, positions: Sequence[PositionRow]) -> int:
    """COPY into a temporary table, then one INSERT that skips rows already stored (inside the
    caller's transaction); returns the number inserted."""
    if not positions:
        return 0
    # the staging table has the written columns only: the id comes from the positions default
    await conn.execute(
        f"CREATE TEMP TABLE incoming ON COMMIT DROP AS SELECT {_POS_COLS} FROM positions"
        " WITH NO DATA"
    )
    await conn.copy_records_to_table("incoming", records=[_pg_row(r) for r in positions])
    status = await conn.execute(
        f"INSERT INTO positions ({_POS_COLS}) SELECT {_POS_COLS} FROM incoming"
        " ON CONFLICT DO NOTHING"
    )
    return int(status.split()[-1])


class PgTelemetry:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def offset(self, consumer: str) -> int:
        v = await self.pool.fetchval("SELECT seq FROM offsets WHERE consumer = $1", consumer)
        return int(v or 0)

    async def offsets(self, prefix: str) -> dict[str, int]:
        rows = await self.pool.fetch(
            "SELECT consumer, seq FROM offsets WHERE consumer LIKE $1", prefix + "%"
        )
        return {r["consumer"]: int(r["seq"]) for r in rows}

    async def write_batch(
        self,
        consumer: str,
        seq: int,
        positions: Sequence[PositionRow],
        latest: Sequence[PositionRow],
        dead: Sequence[tuple[int, int, str, str, int]],
        derived: Callable[[Any], Awaitable[None]] | None = None,
    ) -> int:
        """See the embedded store's write_batch; ``derived`` writes the business logic's rows
        on the batch's connection, inside its transaction."""
        async with self.pool.acquire() as conn, conn.transaction():
            inserted = await _insert_positions(conn, positions)
            if derived is not None:
                await derived(conn)
            if positions or derived is not None:
                await conn.execute(_NOTIFY)
            if latest:
                await conn.executemany(
                    f"INSERT INTO latest ({_POS_COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8,"
                    " $9, $10, $11, $12, $13, $14) ON CONFLICT (device_id) DO UPDATE SET"
                    " kind = excluded.kind, fix_time = excluded.fix_time,"
                    " server_time = excluded.server_time, valid = excluded.valid,"
                    " latitude = excluded.latitude, longitude = excluded.longitude,"
                    " altitude = excluded.altitude, speed = excluded.speed,"
                    " course = excluded.course, satellites = excluded.satellites,"
                    " attributes = excluded.attributes, frame_seq = excluded.frame_seq,"
                    " dedup = excluded.dedup WHERE excluded.fix_time > latest.fix_time",
                    [_pg_row(r) for r in latest],
                )
            if dead:
                await conn.executemany(
                    "INSERT INTO dead_letters (consumer, frame_seq, device_id, protocol, error, at)"
                    " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
                    [(consumer, s, d, p, e, _ts(at)) for s, d, p, e, at in dead],
                )
            await conn.execute(
                "INSERT INTO offsets (consumer, seq) VALUES ($1, $2) ON CONFLICT (consumer)"
                " DO UPDATE SET seq = greatest(offsets.seq, excluded.seq)",
                consumer, seq,
            )  # fmt: skip
        return inserted

    # -- replay side (see store/telemetry.py for the rules) ------------------------------------
    async def frame_records(self, seqs: Sequence[int]) -> set[tuple[int, int, int]]:
        rows = await self.pool.fetch(
            "SELECT device_id, fix_time, dedup FROM positions WHERE frame_seq = ANY($1)", seqs
        )
        return {(r["device_id"], _ms(r["fix_time"]), r["dedup"]) for r in rows}

    async def dead_letters_of(self, seqs: Sequence[int]) -> list[int]:
        rows = await self.pool.fetch(
            "SELECT frame_seq FROM dead_letters WHERE frame_seq = ANY($1)", seqs
        )
        return [int(r["frame_seq"]) for r in rows]

    async def dead_letter_seqs(self, after_seq: int, upto_seq: int, limit: int) -> list[int]:
        rows = await self.pool.fetch(
            "SELECT DISTINCT frame_seq FROM dead_letters WHERE frame_seq > $1 AND frame_seq <= $2"
            " ORDER BY frame_seq LIMIT $3",
            after_seq, upto_seq, limit,
        )  # fmt: skip
        return [int(r["frame_seq"]) for r in rows]

    async def replace_frames(
        self,
        seqs: Sequence[int],
        positions: Sequence[PositionRow],
        dead: Sequence[tuple[str, tuple[int, int, str, str, int]]],
        future_skew_ms: int,
        derived: Callable[[Any], Awaitable[None]] | None = None,
    ) -> int:
        """The embedded store's replace_frames; a dead letter comes with its consumer (the
        partition's), which is part of its key here."""
        if not seqs:
            return 0
        async with self.pool.acquire() as conn, conn.transaction():
            devices = {r["device_id"] for r in await conn.fetch(
                "SELECT DISTINCT device_id FROM positions WHERE frame_seq = ANY($1)", seqs
            )}  # fmt: skip
            devices.update(int(r[0]) for r in positions)
            await conn.execute("DELETE FROM positions WHERE frame_seq = ANY($1)", seqs)
            await conn.execute("DELETE FROM dead_letters WHERE frame_seq = ANY($1)", seqs)
            inserted = await _insert_positions(conn, positions)
            if dead:
                await conn.executemany(
                    "INSERT INTO dead_letters (consumer, frame_seq, device_id, protocol, error, at)"
                    " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
                    [(c, s, d, p, e, _ts(at)) for c, (s, d, p, e, at) in dead],
                )
            # latest worked out afresh for every device touched, in two statements
            touched = sorted(devices)
            await conn.execute("DELETE FROM latest WHERE device_id = ANY($1)", touched)
            await conn.execute(
                f"INSERT INTO latest ({_POS_COLS}) SELECT DISTINCT ON (device_id) {_POS_COLS}"
                " FROM positions WHERE device_id = ANY($1) AND latitude IS NOT NULL"
                " AND NOT (NOT valid AND latitude = 0 AND longitude = 0)"
                " AND fix_time <= server_time + make_interval(secs => $2)"
                " ORDER BY device_id, fix_time DESC, frame_seq",
                touched, future_skew_ms / 1000,
            )  # fmt: skip
            if derived is not None:
                await derived(conn)
            await conn.execute(_NOTIFY)
        return inserted

    async def positions(
        self, device_id: int, from_ms: int, to_ms: int, limit: int
    ) -> list[StoredPosition]:
        rows = await self.pool.fetch(
            f"SELECT id, {_POS_COLS} FROM positions WHERE device_id = $1 AND fix_time >= $2"
            " AND fix_time < $3 ORDER BY fix_time, frame_seq LIMIT $4",
            device_id, _bound(from_ms), _bound(to_ms), limit,
        )  # fmt: skip
        return [_stored(r) for r in rows]

    async def latest(self, device_ids: Sequence[int] | None = None) -> list[StoredPosition]:
        # the id is the stored row's, found by its primary key (a partition dropped by the
        # retention leaves the latest row without one: 0)
        sql = (
            f"SELECT p.id, {_LATEST_COLS} FROM latest l LEFT JOIN positions p ON p.device_id ="
            " l.device_id AND p.fix_time = l.fix_time AND p.dedup = l.dedup"
        )
        if device_ids is None:
            rows = await self.pool.fetch(sql + " ORDER BY l.device_id")
        else:
            rows = await self.pool.fetch(
                sql + " WHERE l.device_id = ANY($1) ORDER BY l.device_id", list(device_ids)
            )
        return [_stored(r) for r in rows]

    async def dead_letters(self, limit: int, device_id: int | None = None) -> list[tuple[Any, ...]]:
        rows = await self.pool.fetch(
            "SELECT frame_seq, device_id, protocol, error, at FROM dead_letters"
            " WHERE $2::bigint IS NULL OR device_id = $2 ORDER BY frame_seq DESC LIMIT $1",
            limit, device_id,
        )  # fmt: skip
        return [(r[0], r[1], r[2], r[3], _ms(r[4])) for r in rows]

    async def count(self) -> int:
        return int(await self.pool.fetchval("SELECT count(*) FROM positions"))


def _device(r: asyncpg.Record) -> Device:
    return Device(
        r["id"], r["unique_id"], r["name"], r["protocol"], r["disabled"], int(r["created"])
    )


_DEV_COLS = "id, unique_id, name, protocol, disabled, created"


class PgRegistry:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def resolve(
        self, unique_ids: Iterable[tuple[str, str]], register: bool
    ) -> dict[str, Device | None]:
        pairs = dict(unique_ids)
        uids = list(pairs)
        if register and uids:
            await self.pool.execute(
                "INSERT INTO devices (unique_id, protocol) SELECT * FROM unnest($1::text[],"
                " $2::text[]) ON CONFLICT (unique_id) DO NOTHING",
                uids, [pairs[u] for u in uids],
            )  # fmt: skip
        rows = await self.pool.fetch(
            f"SELECT {_DEV_COLS} FROM devices WHERE unique_id = ANY($1)", uids
        )
        found = {r["unique_id"]: _device(r) for r in rows}
        return {u: (d if (d := found.get(u)) and not d.disabled else None) for u in uids}

    async def get(self, unique_id: str) -> Device | None:
        r = await self.pool.fetchrow(
            f"SELECT {_DEV_COLS} FROM devices WHERE unique_id = $1", unique_id
        )
        return _device(r) if r else None

    async def by_ids(self, ids: Iterable[int]) -> dict[int, Device]:
        rows = await self.pool.fetch(
            f"SELECT {_DEV_COLS} FROM devices WHERE id = ANY($1)", list(ids)
        )
        return {r["id"]: _device(r) for r in rows}

    async def devices(self) -> list[Device]:
        return [_device(r) for r in await self.pool.fetch(
            f"SELECT {_DEV_COLS} FROM devices ORDER BY id")]  # fmt: skip


async def connect_pool(url: str, min_size: int = 1, max_size: int = 10) -> asyncpg.Pool:
    pool = await asyncpg.create_pool(url, min_size=min_size, max_size=max_size)
    assert pool is not None
    return pool
