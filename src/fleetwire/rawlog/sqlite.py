"""Embedded raw log: one SQLite file in WAL mode, appended in group commits.

The writer is used from a single thread (the gateway's committer); readers (worker, API, replay)
open their own connections. Sequence numbers come from AUTOINCREMENT so they never go back, even
after retention has emptied the table.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from fleetwire.rawlog.base import SESSION, RawEntry, RawFrame
from fleetwire.sqlite import add_column, connect, has_column

SCHEMA = """
CREATE TABLE IF NOT EXISTS frames (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    device_id  INTEGER NOT NULL,
    protocol   TEXT    NOT NULL,
    transport  TEXT    NOT NULL,
    received   INTEGER NOT NULL,  -- microseconds since the epoch, UTC
    connection INTEGER NOT NULL,
    peer       TEXT    NOT NULL,
    data       BLOB    NOT NULL,
    context    BLOB              -- Uplink.context; NULL when empty (nearly always)
);
CREATE INDEX IF NOT EXISTS frames_device_time ON frames (device_id, received);
-- frames that failed their checks: kept as evidence, never ACKed, never decoded
CREATE TABLE IF NOT EXISTS rejected (
    id         INTEGER PRIMARY KEY,
    received   INTEGER NOT NULL,
    protocol   TEXT    NOT NULL,
    connection INTEGER NOT NULL,
    peer       TEXT    NOT NULL,
    reason     TEXT    NOT NULL,
    data       BLOB    NOT NULL
);
"""

_COLUMNS = (
    "seq, device_id, protocol, transport, received, connection, peer, data, coalesce(context, x'')"
)


def _current(conn: sqlite3.Connection) -> bool:
    return has_column(conn, "frames", "context")


def _head(conn: sqlite3.Connection) -> int:
    """The last sequence number appended (0 when empty)."""
    row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name='frames'").fetchone()
    return int(row[0]) if row else 0


def _migrate(conn: sqlite3.Connection) -> None:
    """Logs written before frames had a context column get it (NULL: no context)."""
    add_column(conn, "frames", "context", "ALTER TABLE frames ADD COLUMN context BLOB")


class SqliteRawLogWriter:
    def __init__(self, path: Path, synchronous: str = "full") -> None:
        self._conn = connect(path, synchronous=synchronous, check_same_thread=False)
        self._conn.executescript(SCHEMA)
        _migrate(self._conn)

    def append(
        self, entries: Sequence[RawEntry], rejected: Sequence[tuple[object, ...]] = ()
    ) -> int:
        """Append entries (and rejected evidence) in one durable transaction; return the last
        sequence number assigned (0 if none)."""
        c = self._conn
        c.execute("BEGIN IMMEDIATE")
        try:
            if entries:
                c.executemany(
                    "INSERT INTO frames (device_id, protocol, transport, received, connection,"
                    " peer, data, context) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (e.device_id, e.protocol, e.transport, e.received_us, e.connection,
                         e.peer, e.data, e.context or None)
                        for e in entries
                    ],
                )  # fmt: skip
            if rejected:
                c.executemany(
                    "INSERT INTO rejected (received, protocol, connection, peer, reason, data)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    rejected,
                )
            last = int(c.execute("SELECT last_insert_rowid()").fetchone()[0]) if entries else 0
            c.execute("COMMIT")
        except BaseException:
            # SQLite has already rolled back after some errors (SQLITE_FULL, an I/O error); a
            # second ROLLBACK would raise and hide the error that says why
            if c.in_transaction:
                c.execute("ROLLBACK")
            raise
        return last

    def head(self) -> int:
        return _head(self._conn)

    def expire(self, retention_s: float, chunk: int = 10000) -> int:
        """Delete frames older than the retention, a chunk at a time (short write locks)."""
        cutoff = int((time.time() - retention_s) * 1e6)
        cur = self._conn.execute(
            "DELETE FROM frames WHERE seq IN (SELECT seq FROM frames WHERE received < ? LIMIT ?)",
            (cutoff, chunk),
        )
        self._conn.execute(
            "DELETE FROM rejected WHERE id IN (SELECT id FROM rejected WHERE received < ? LIMIT ?)",
            (cutoff, chunk),
        )
        return cur.rowcount

    def close(self) -> None:
        self._conn.close()


class SqliteRawLogReader:
    def __init__(self, path: Path) -> None:
        self._conn = connect(path, readonly=True, check_same_thread=False)
        if not _current(self._conn):
            # a reader may start before any gateway (create the empty log) or before the
            # gateway that brings the context column (add it)
            SqliteRawLogWriter(path).close()

    def read(self, after_seq: int, limit: int) -> list[RawFrame]:
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM frames WHERE seq > ? ORDER BY seq LIMIT ?", (after_seq, limit)
        ).fetchall()
        return [RawFrame(*r) for r in rows]

    def select(
        self,
        after_seq: int,
        upto_seq: int,
        limit: int,
        *,
        device_ids: Sequence[int] = (),
        protocols: Sequence[str] = (),
        from_us: int | None = None,
        to_us: int | None = None,
    ) -> list[RawFrame]:
        """Frames with after_seq < seq <= upto_seq in log order, narrowed by device, protocol
        and receive time (an empty filter does not narrow): what a replay re-decodes."""
        where: list[str] = ["seq > ?", "seq <= ?"]
        args: list[object] = [after_seq, upto_seq]
        if device_ids:
            where.append(f"device_id IN ({','.join('?' * len(device_ids))})")
            args.extend(device_ids)
        if protocols:
            where.append(f"protocol IN ({','.join('?' * len(protocols))})")
            args.extend(protocols)
        if from_us is not None:
            where.append("received >= ?")
            args.append(from_us)
        if to_us is not None:
            where.append("received < ?")
            args.append(to_us)
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM frames WHERE {' AND '.join(where)} ORDER BY seq LIMIT ?",
            (*args, limit),
        ).fetchall()
        return [RawFrame(*r) for r in rows]

    def by_seqs(self, seqs: Sequence[int]) -> list[RawFrame]:
        """The frames of these sequence numbers that are still in the log, in log order."""
        if not seqs:
            return []
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM frames WHERE seq IN ({','.join('?' * len(seqs))})"
            " ORDER BY seq",
            list(seqs),
        ).fetchall()
        return [RawFrame(*r) for r in rows]

    def head(self) -> int:
        return _head(self._conn)

    def query(
        self, device_id: int, from_us: int, to_us: int, limit: int, *, sessions: bool = False
    ) -> list[RawFrame]:
        """A device's frames in a receive-time range; its session records too with
        ``sessions``."""
        only = "" if sessions else f" AND transport != '{SESSION}'"
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM frames WHERE device_id = ? AND received >= ? AND received < ?"
            f"{only} ORDER BY received, seq LIMIT ?",
            (device_id, from_us, to_us, limit),
        ).fetchall()
        return [RawFrame(*r) for r in rows]

    def rejected(self, limit: int) -> list[tuple[object, ...]]:
        rows: Iterable[tuple[object, ...]] = self._conn.execute(
            "SELECT id, received, protocol, connection, peer, reason, data FROM rejected"
            " ORDER BY id DESC LIMIT ?",
            (limit,),
        ).fetchall()
        return list(rows)

    def close(self) -> None:
        self._conn.close()


def open_writer(path: Path, synchronous: str = "full") -> SqliteRawLogWriter:
    return SqliteRawLogWriter(path, synchronous)


__all__ = ["SqliteRawLogReader", "SqliteRawLogWriter", "open_writer"]
