"""Embedded telemetry store: decoded positions, the latest position per device, dead letters
(frames that did not decode, or whose records failed the sanity check) and the worker's read
position, in one SQLite file so that a batch and its log position commit in the same transaction
(the worker's exactly-once effect).

Idempotency: each row carries a content hash; (device, fix time, hash) is unique, so a frame
decoded twice, or a record the device resent because it missed its ACK, is stored once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from fleetwire.sqlite import add_column, connect
from fleetwire.store.derived_sql import DDL as DERIVED_DDL
from fleetwire.store.derived_sql import STATE_STAMP_COLUMN, STATE_UNSTAMPED_SQLITE
from fleetwire.store.outbox import SQLITE_DDL as OUTBOX_DDL

SCHEMA = """
CREATE TABLE IF NOT EXISTS positions (
    id          INTEGER PRIMARY KEY,
    device_id   INTEGER NOT NULL,
    kind        TEXT    NOT NULL,
    fix_time    INTEGER NOT NULL,   -- ms since the epoch, UTC
    server_time INTEGER NOT NULL,   -- ms, when the gateway received the frame
    valid       INTEGER NOT NULL,
    latitude    REAL,
    longitude   REAL,
    altitude    REAL,
    speed       REAL,               -- km/h
    course      REAL,
    satellites  INTEGER,
    attributes  TEXT    NOT NULL,   -- JSON object
    frame_seq   INTEGER NOT NULL,   -- the raw-log frame this record came from
    dedup       INTEGER NOT NULL    -- content hash, see module comment
);
CREATE UNIQUE INDEX IF NOT EXISTS positions_identity ON positions (device_id, fix_time, dedup);
-- a replay replaces the records of the frames it re-decodes
CREATE INDEX IF NOT EXISTS positions_frame ON positions (frame_seq);
CREATE TABLE IF NOT EXISTS latest (
    device_id   INTEGER PRIMARY KEY,
    position_id INTEGER,
    kind        TEXT    NOT NULL,
    fix_time    INTEGER NOT NULL,
    server_time INTEGER NOT NULL,
    valid       INTEGER NOT NULL,
    latitude    REAL,
    longitude   REAL,
    altitude    REAL,
    speed       REAL,
    course      REAL,
    satellites  INTEGER,
    attributes  TEXT    NOT NULL,
    frame_seq   INTEGER NOT NULL,
    dedup       INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS dead_letters (
    frame_seq   INTEGER PRIMARY KEY,
    device_id   INTEGER NOT NULL,
    protocol    TEXT    NOT NULL,
    error       TEXT    NOT NULL,
    at          INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS offsets (
    consumer    TEXT PRIMARY KEY,
    seq         INTEGER NOT NULL
);
"""

# the column order of a position row, shared by writes and reads
POSITION_COLUMNS = (
    "device_id, kind, fix_time, server_time, valid, latitude, longitude, altitude, speed, course,"
    " satellites, attributes, frame_seq, dedup"
)
PositionRow = tuple[Any, ...]


@dataclass(slots=True)
class StoredPosition:
    id: int
    device_id: int
    kind: str
    fix_time_ms: int
    server_time_ms: int
    valid: bool
    latitude: float | None
    longitude: float | None
    altitude: float | None
    speed: float | None
    course: float | None
    satellites: int | None
    attributes: dict[str, Any]
    frame_seq: int


def _stored(row: tuple[Any, ...]) -> StoredPosition:
    (pid, dev, kind, fix, srv, valid, lat, lon, alt, spd, crs, sats, attrs, seq) = row
    return StoredPosition(
        pid, dev, kind, fix, srv, bool(valid), lat, lon, alt, spd, crs, sats,
        orjson.loads(attrs), seq,
    )  # fmt: skip


class SqliteTelemetry:
    def __init__(self, path: Path, *, readonly: bool = False) -> None:
        self._conn = connect(path, check_same_thread=False, synchronous="normal")
        self._conn.executescript(SCHEMA)
        self._conn.executescript(DERIVED_DDL)
        # stores made before device states had a stamp get the column
        add_column(self._conn, "device_state", "stamp", STATE_STAMP_COLUMN)
        self._conn.execute(STATE_UNSTAMPED_SQLITE)
        self._conn.executescript(OUTBOX_DDL)
        if readonly:
            self._conn.execute("PRAGMA query_only=1")

    # -- worker side ------------------------------------------------------------------------
    def offset(self, consumer: str) -> int:
        row = self._conn.execute(
            "SELECT seq FROM offsets WHERE consumer = ?", (consumer,)
        ).fetchone()
        return int(row[0]) if row else 0

    def write_batch(
        self,
        consumer: str,
        seq: int,
        positions: Sequence[PositionRow],
        latest: Sequence[PositionRow],
        dead: Sequence[tuple[int, int, str, str, int]],
        derived: Callable[[sqlite3.Connection], None] | None = None,
    ) -> int:
        """Insert positions (ignoring ones already stored), advance ``latest`` only forward,
        record dead letters, write what ``derived`` writes (the business logic's rows) and move
        the consumer's offset to ``seq``: one transaction. Returns the number of positions
        actually inserted."""
        c = self._conn
        c.execute("BEGIN IMMEDIATE")
        try:
            inserted = self._insert(positions, dead)
            if derived is not None:
                derived(c)
            if latest:
                c.executemany(
                    f"INSERT INTO latest ({POSITION_COLUMNS})"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT (device_id) DO UPDATE SET kind = excluded.kind,"
                    " fix_time = excluded.fix_time, server_time = excluded.server_time,"
                    " valid = excluded.valid, latitude = excluded.latitude,"
                    " longitude = excluded.longitude, altitude = excluded.altitude,"
                    " speed = excluded.speed, course = excluded.course,"
                    " satellites = excluded.satellites, attributes = excluded.attributes,"
                    " frame_seq = excluded.frame_seq, dedup = excluded.dedup"
                    " WHERE excluded.fix_time > latest.fix_time",
                    latest,
                )
            c.execute(
                "INSERT INTO offsets (consumer, seq) VALUES (?, ?)"
                " ON CONFLICT (consumer) DO UPDATE SET seq = excluded.seq",
                (consumer, seq),
            )
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise
        return inserted

    def _insert(
        self, positions: Sequence[PositionRow], dead: Sequence[tuple[int, int, str, str, int]]
    ) -> int:
        """Positions not stored yet, and dead letters, inside the caller's transaction; returns
        the number of positions inserted."""
        c = self._conn
        before = c.total_changes
        c.executemany(
            f"INSERT OR IGNORE INTO positions ({POSITION_COLUMNS})"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            positions,
        )
        inserted = c.total_changes - before
        if dead:
            c.executemany(
                "INSERT OR REPLACE INTO dead_letters"
                " (frame_seq, device_id, protocol, error, at) VALUES (?, ?, ?, ?, ?)",
                dead,
            )
        return inserted

    @property
    def conn(self) -> sqlite3.Connection:
        """For the business logic's reads and writes (worker/derive_io.py)."""
        return self._conn

    # -- replay side ------------------------------------------------------------------------
    def frame_records(self, seqs: Sequence[int]) -> set[tuple[int, int, int]]:
        """(device, fix time, content hash) of the records stored for these frames."""
        if not seqs:
            return set()
        rows = self._conn.execute(
            "SELECT device_id, fix_time, dedup FROM positions"
            f" WHERE frame_seq IN ({','.join('?' * len(seqs))})",
            list(seqs),
        ).fetchall()
        return {(int(a), int(b), int(c)) for a, b, c in rows}

    def dead_letters_of(self, seqs: Sequence[int]) -> list[int]:
        """Those of these frames that are dead letters."""
        if not seqs:
            return []
        rows = self._conn.execute(
            f"SELECT frame_seq FROM dead_letters WHERE frame_seq IN ({','.join('?' * len(seqs))})",
            list(seqs),
        ).fetchall()
        return [int(r[0]) for r in rows]

    def dead_letter_seqs(self, after_seq: int, upto_seq: int, limit: int) -> list[int]:
        rows = self._conn.execute(
            "SELECT frame_seq FROM dead_letters WHERE frame_seq > ? AND frame_seq <= ?"
            " ORDER BY frame_seq LIMIT ?",
            (after_seq, upto_seq, limit),
        ).fetchall()
        return [int(r[0]) for r in rows]

    def replace_frames(
        self,
        seqs: Sequence[int],
        positions: Sequence[PositionRow],
        dead: Sequence[tuple[int, int, str, str, int]],
        future_skew_ms: int,
        derived: Callable[[sqlite3.Connection], None] | None = None,
    ) -> int:
        """Swap what these frames decoded to before for what they decode to now, in one
        transaction: their records and dead letters go, the new ones come (a record also stored
        from another frame stays once), ``latest`` is worked out afresh for every device
        the swap touched, and ``derived`` recomputes the business logic's rows on the swapped
        positions. Returns the number of positions inserted."""
        if not seqs:
            return 0
        c = self._conn
        marks = ",".join("?" * len(seqs))
        c.execute("BEGIN IMMEDIATE")
        try:
            devices = {int(r[0]) for r in c.execute(
                f"SELECT DISTINCT device_id FROM positions WHERE frame_seq IN ({marks})", seqs
            )}  # fmt: skip
            devices.update(int(r[0]) for r in positions)
            c.execute(f"DELETE FROM positions WHERE frame_seq IN ({marks})", seqs)
            c.execute(f"DELETE FROM dead_letters WHERE frame_seq IN ({marks})", seqs)
            inserted = self._insert(positions, dead)
            for device_id in devices:
                self._recompute_latest(device_id, future_skew_ms)
            if derived is not None:
                derived(c)
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise
        return inserted

    def _recompute_latest(self, device_id: int, future_skew_ms: int) -> None:
        """The rule the worker applies incrementally, applied to the whole history: the newest
        fix that has a position and is not dated past the skew; the first stored wins a tie.
        (``position_id`` stays NULL, as the worker's rows leave it.)"""
        c = self._conn
        c.execute("DELETE FROM latest WHERE device_id = ?", (device_id,))
        c.execute(
            f"INSERT INTO latest ({POSITION_COLUMNS}) SELECT {POSITION_COLUMNS} FROM positions"
            " WHERE device_id = ? AND latitude IS NOT NULL"
            " AND NOT (valid = 0 AND latitude = 0 AND longitude = 0)"
            " AND fix_time <= server_time + ?"
            " ORDER BY fix_time DESC, id LIMIT 1",
            (device_id, future_skew_ms),
        )

    # -- API side ---------------------------------------------------------------------------
    def positions(
        self, device_id: int, from_ms: int, to_ms: int, limit: int
    ) -> list[StoredPosition]:
        rows = self._conn.execute(
            f"SELECT id, {POSITION_COLUMNS.replace(', dedup', '')} FROM positions"
            " WHERE device_id = ? AND fix_time >= ? AND fix_time < ? ORDER BY fix_time, id LIMIT ?",
            (device_id, from_ms, to_ms, limit),
        ).fetchall()
        return [_stored(r) for r in rows]

    def latest(self, device_ids: Sequence[int] | None = None) -> list[StoredPosition]:
        cols = f"position_id, {POSITION_COLUMNS.replace(', dedup', '')}"
        if device_ids is None:
            rows = self._conn.execute(f"SELECT {cols} FROM latest ORDER BY device_id").fetchall()
        else:
            marks = ",".join("?" * len(device_ids))
            rows = self._conn.execute(
                f"SELECT {cols} FROM latest WHERE device_id IN ({marks}) ORDER BY device_id",
                list(device_ids),
            ).fetchall()
        return [_stored((r[0] or 0, *r[1:])) for r in rows]

    def dead_letters(self, limit: int, device_id: int | None = None) -> list[tuple[Any, ...]]:
        """(frame seq, device, protocol, error, at ms), newest first: frames that did not decode
        and frames with records that failed the sanity check."""
        where, args = ("WHERE device_id = ? ", [device_id]) if device_id is not None else ("", [])
        return self._conn.execute(
            "SELECT frame_seq, device_id, protocol, error, at FROM dead_letters"
            f" {where}ORDER BY frame_seq DESC LIMIT ?",
            [*args, limit],
        ).fetchall()

    def count(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM positions").fetchone()[0])

    def close(self) -> None:
        self._conn.close()
