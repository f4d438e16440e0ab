"""The embedded raw log keeps a frame's connection context (Uplink.context) with it, and a log
written before that column existed gains it on open, its frames reading back with no context."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from fleetwire.rawlog.base import RawEntry
from fleetwire.rawlog.sqlite import SqliteRawLogReader, SqliteRawLogWriter

# the frames table as the first release wrote it (no context column)
OLD_SCHEMA = """
CREATE TABLE frames (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    device_id  INTEGER NOT NULL,
    protocol   TEXT    NOT NULL,
    transport  TEXT    NOT NULL,
    received   INTEGER NOT NULL,
    connection INTEGER NOT NULL,
    peer       TEXT    NOT NULL,
    data       BLOB    NOT NULL
);
"""


def entry(data: bytes, context: bytes = b"") -> RawEntry:
    return RawEntry(7, "navtelecom", "tcp", 1_700_000_000_000_000, 3, "10.0.0.1:4", data, context)


def test_context_is_kept_with_its_frame(tmp_path: Path) -> None:
    path = tmp_path / "rawlog.db"
    w = SqliteRawLogWriter(path)
    w.append([entry(b"~A\x01", b"\xff\xfe\x00"), entry(b"*>S:1")])
    w.close()
    r = SqliteRawLogReader(path)
    frames = r.read(0, 10)
    assert [(f.data, f.context) for f in frames] == [(b"~A\x01", b"\xff\xfe\x00"), (b"*>S:1", b"")]
    assert r.by_seqs([1])[0].context == b"\xff\xfe\x00"
    assert r.select(0, 10, 10, protocols=["navtelecom"])[0].context == b"\xff\xfe\x00"
    assert r.query(7, 0, 2**62, 10)[0].context == b"\xff\xfe\x00"
    r.close()


def test_a_log_from_before_the_context_column_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "rawlog.db"
    conn = sqlite3.connect(path)
    conn.executescript(OLD_SCHEMA)
    conn.execute(
        "INSERT INTO frames (device_id, protocol, transport, received, connection, peer, data)"
        " VALUES (7, 'teltonika', 'tcp', 1, 1, 'p', x'00')"
    )
    conn.commit()
    conn.close()
    r = SqliteRawLogReader(path)  # a worker may open the log before any new gateway does
    (old,) = r.read(0, 10)
    assert (old.data, old.context) == (b"\x00", b"")
    w = SqliteRawLogWriter(path)
    w.append([entry(b"new", b"\x01")])
    w.close()
    assert [f.context for f in r.read(0, 10)] == [b"", b"\x01"]
    r.close()
