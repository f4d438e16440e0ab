"""Embedded registry: devices (and later users, geofences, commands) in their own SQLite file.

Apart from the telemetry store on purpose: it is small, read through caches, and written by
people, not by the ingest path.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from fleetwire.sqlite import connect

SCHEMA = """
CREATE TABLE IF NOT EXISTS devices (
    id         INTEGER PRIMARY KEY,
    unique_id  TEXT    NOT NULL UNIQUE,
    name       TEXT,
    protocol   TEXT,
    disabled   INTEGER NOT NULL DEFAULT 0,
    created    INTEGER NOT NULL   -- milliseconds since the epoch
);
"""


@dataclass(slots=True, frozen=True)
class Device:
    id: int
    unique_id: str
    name: str | None
    protocol: str | None
    disabled: bool
    created_ms: int


_DEVICE_COLUMNS = "id, unique_id, name, protocol, disabled, created"


def _device(row: tuple[object, ...]) -> Device:
    i, uid, name, proto, disabled, created = row
    return Device(int(i), str(uid), name, proto, bool(disabled), int(created))  # type: ignore[call-overload, arg-type]


class SqliteRegistry:
    def __init__(self, path: Path, *, readonly: bool = False) -> None:
        self._conn = connect(path, check_same_thread=False)
        self._conn.executescript(SCHEMA)
        if readonly:
            self._conn.execute("PRAGMA query_only=1")

    def resolve(
        self, unique_ids: Iterable[tuple[str, str]], register: bool
    ) -> dict[str, Device | None]:
        """Look devices up by unique id; register the unknown ones (with their protocol) when
        ``register``. Disabled or (without registration) unknown devices map to None."""
        pairs = dict(unique_ids)
        found = self._found(list(pairs))
        missing = [(uid, proto) for uid, proto in pairs.items() if uid not in found]
        if register and missing:
            # only the devices not found take the write lock and an fsync: after a restart a
            # fleet of known devices logs in without one (several gateway processes share
            # this file, and its lock, on the embedded tier)
            c = self._conn
            now = int(time.time() * 1000)
            c.execute("BEGIN IMMEDIATE")
            try:
                c.executemany(
                    "INSERT OR IGNORE INTO devices (unique_id, protocol, created) VALUES (?, ?, ?)",
                    [(uid, proto, now) for uid, proto in missing],
                )
                c.execute("COMMIT")
            except BaseException:
                if c.in_transaction:  # SQLite rolls back by itself after SQLITE_FULL
                    c.execute("ROLLBACK")
                raise
            found.update(self._found([uid for uid, _ in missing]))
        out: dict[str, Device | None] = {}
        for uid in pairs:
            dev = found.get(uid)
            out[uid] = dev if dev is not None and not dev.disabled else None
        return out

    def _found(self, wanted: list[str]) -> dict[str, Device]:
        """The devices registered under these unique ids."""
        return {d.unique_id: d for d in self._where_in("unique_id", wanted)}

    def _where_in(self, column: str, values: Sequence[object]) -> Iterator[Device]:
        """The devices whose ``column`` is one of ``values``: a login storm resolves hundreds
        of ids per commit, so one query per 500, not one per id."""
        for i in range(0, len(values), 500):
            chunk = values[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for row in self._conn.execute(
                f"SELECT {_DEVICE_COLUMNS} FROM devices WHERE {column} IN ({marks})", chunk
            ):
                yield _device(row)

    def get(self, unique_id: str) -> Device | None:
        row = self._conn.execute(
            f"SELECT {_DEVICE_COLUMNS} FROM devices WHERE unique_id = ?", (unique_id,)
        ).fetchone()
        return _device(row) if row else None

    def by_ids(self, ids: Iterable[int]) -> dict[int, Device]:
        return {d.id: d for d in self._where_in("id", list(ids))}

    def devices(self) -> list[Device]:
        rows = self._conn.execute(f"SELECT {_DEVICE_COLUMNS} FROM devices ORDER BY id").fetchall()
        return [_device(r) for r in rows]

    def add(self, unique_id: str, name: str | None = None, protocol: str | None = None) -> Device:
        self._conn.execute(
            "INSERT INTO devices (unique_id, name, protocol, created) VALUES (?, ?, ?, ?)",
            (unique_id, name, protocol, int(time.time() * 1000)),
        )
        dev = self.get(unique_id)
        assert dev is not None
        return dev

    def close(self) -> None:
        self._conn.close()
