"""The worker on real SQLite files: decode, idempotent store, dead letters, latest position."""

from __future__ import annotations

import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from prometheus_client import REGISTRY

from fleetwire.model import Record
from fleetwire.protocols import gt06, teltonika
from fleetwire.rawlog.base import RawEntry
from fleetwire.rawlog.sqlite import SqliteRawLogWriter
from fleetwire.store.registry import SqliteRegistry
from fleetwire.store.telemetry import SqliteTelemetry
from fleetwire.worker.loop import CONSUMER, Worker
from tests.conftest import make_settings

IMEI = "356307042441013"
T0 = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def rec(second: int, lat: float = 54.6872, when: datetime = T0) -> Record:
    return Record(
        fix_time=when + timedelta(seconds=second), valid=True, latitude=lat, longitude=25.2797,
        altitude=120.0, speed=42.0, course=90.0, satellites=9,
        attributes={"ignition": True, "odometer": 1000 + second},
    )  # fmt: skip


def append(data_dir: Path, protocol: str, device_id: int, frames: list[bytes]) -> None:
    w = SqliteRawLogWriter(data_dir / "rawlog.db")
    now_us = time.time_ns() // 1000
    w.append([RawEntry(device_id, protocol, "tcp", now_us, 1, "127.0.0.1:1", f) for f in frames])
    w.close()


def device(data_dir: Path, uid: str, protocol: str) -> int:
    reg = SqliteRegistry(data_dir / "registry.db")
    dev = reg.resolve([(uid, protocol)], register=True)[uid]
    reg.close()
    assert dev is not None
    return dev.id


def fix_times(data_dir: Path, device_id: int) -> list[datetime]:
    store = SqliteTelemetry(data_dir / "telemetry.db")
    rows = store.positions(device_id, 0, 2**62, 10000)
    store.close()
    return [datetime.fromtimestamp(p.fix_time_ms / 1000, UTC) for p in rows]


def test_decodes_and_stores_teltonika_records(data_dir: Path) -> None:
    dev_id = device(data_dir, IMEI, "teltonika")
    d = teltonika.Device(IMEI)
    append(data_dir, "teltonika", dev_id, [d.login()[0], d.report([rec(1), rec(2)])[0]])
    w = Worker(make_settings(data_dir))
    assert w.step() == 2
    assert w.step() == 0
    store = SqliteTelemetry(data_dir / "telemetry.db")
    rows = store.positions(dev_id, 0, 2**62, 100)
    assert [r.fix_time_ms for r in rows] == [int((T0 + timedelta(seconds=s)).timestamp() * 1000)
                                             for s in (1, 2)]  # fmt: skip
    assert rows[0].latitude == 54.6872 and rows[0].attributes["ignition"] is True
    assert rows[0].attributes["odometer"] == 1001
    assert rows[0].frame_seq == 2  # the raw frame it came from
    assert store.offset(CONSUMER) == 2
    w.close()


def test_redecoding_and_resent_records_are_stored_once(data_dir: Path) -> None:
    dev_id = device(data_dir, IMEI, "teltonika")
    d = teltonika.Device(IMEI)
    first = d.report([rec(1), rec(2)])[0]
    # the device missed the ACK and resends the same records, plus a new one, in a new frame
    resend = d.report([rec(1), rec(2), rec(3)])[0]
    append(data_dir, "teltonika", dev_id, [first, resend, first])
    settings = make_settings(data_dir)
    w = Worker(settings)
    w.step()
    assert len(fix_times(data_dir, dev_id)) == 3
    # replay from the start (a crash before the offset commit would do the same)
    w.store.write_batch(CONSUMER, 0, [], [], [])
    w.step()
    assert len(fix_times(data_dir, dev_id)) == 3
    w.close()


def test_undecodable_frame_goes_to_dead_letters_and_batch_goes_on(data_dir: Path) -> None:
    dev_id = device(data_dir, "123456789012345", "gt06")
    d = gt06.Device("123456789012345")
    good = d.report([rec(1)])[0]
    truncated = good[:12]
    append(data_dir, "gt06", dev_id, [truncated, good])
    w = Worker(make_settings(data_dir))
    assert w.step() == 2
    assert len(fix_times(data_dir, dev_id)) == 1
    dead = w.store.dead_letters(10)
    assert len(dead) == 1 and dead[0][0] == 1 and dead[0][2] == "gt06"
    w.close()


def test_future_fix_never_becomes_latest(data_dir: Path) -> None:
    dev_id = device(data_dir, IMEI, "teltonika")
    d = teltonika.Device(IMEI)
    now = datetime.now(UTC).replace(microsecond=0)
    past = rec(0, lat=10.0, when=now - timedelta(minutes=5))
    future = rec(0, lat=20.0, when=now + timedelta(hours=3))  # a broken device clock
    older = rec(0, lat=30.0, when=now - timedelta(hours=1))  # late history from the buffer
    append(data_dir, "teltonika", dev_id, [d.report([past])[0], d.report([future, older])[0]])
    w = Worker(make_settings(data_dir))
    w.step()
    latest = w.store.latest([dev_id])
    assert len(latest) == 1 and latest[0].latitude == 10.0
    assert len(fix_times(data_dir, dev_id)) == 3  # all kept in history
    w.close()


def refuse(data_dir: Path, table: str) -> sqlite3.Connection:
    """Make every write to ``table`` fail, from another connection, with SQLite's own RAISE:
    the worker's write of a batch then dies between its rows and its offset, as a crash
    there would leave it, and whatever it wrote before the refusal shows."""
    conn = sqlite3.connect(data_dir / "telemetry.db", isolation_level=None)
    for event in ("INSERT", "UPDATE"):
        conn.execute(
            f"CREATE TRIGGER refuse_{table}_{event.lower()} BEFORE {event} ON {table}"
            f" BEGIN SELECT RAISE(ABORT, '{table} refused by the test'); END"
        )
    return conn


def allow(conn: sqlite3.Connection, table: str) -> None:
    for event in ("insert", "update"):
        conn.execute(f"DROP TRIGGER refuse_{table}_{event}")
    conn.close()


def test_offset_commits_with_the_batch(data_dir: Path) -> None:
    dev_id = device(data_dir, IMEI, "teltonika")
    d = teltonika.Device(IMEI)
    append(data_dir, "teltonika", dev_id, [d.report([rec(i)])[0] for i in range(25)])
    settings = make_settings(data_dir)
    settings.worker.batch_size = 10
    w = Worker(settings)
    assert [w.step(), w.step()] == [10, 10]
    assert w.store.offset(CONSUMER) == 20 and len(fix_times(data_dir, dev_id)) == 20
    # the offset cannot be written: the batch's rows, written before it, must go too
    blocker = refuse(data_dir, "offsets")
    with pytest.raises(sqlite3.Error, match="offsets refused"):
        w.step()
    allow(blocker, "offsets")
    assert len(fix_times(data_dir, dev_id)) == 20, "rows committed without their offset"
    assert w.store.offset(CONSUMER) == 20
    # the rows cannot be written: the offset must not move past them
    blocker = refuse(data_dir, "positions")
    with pytest.raises(sqlite3.Error, match="positions refused"):
        w.step()
    allow(blocker, "positions")
    assert w.store.offset(CONSUMER) == 20, "offset committed without its rows"
    # the same batch again, now whole
    assert [w.step(), w.step()] == [5, 0]
    assert w.store.offset(CONSUMER) == 25
    assert len(fix_times(data_dir, dev_id)) == 25
    w.close()


def test_impossible_records_are_dead_letters_and_sane_ones_are_stored(data_dir: Path) -> None:
    """Teltonika's first Codec 8 example (wiki, Teltonika Data Sending Protocols) with its
    latitude set to 0x7FFFFFFF (214.7483647°): the decoder refuses it. Example 3 (two records)
    with its first record dated 2099, which only the worker's check against the frame's receive
    time can refuse: that record is a dead letter, the second one is stored."""
    from tests.protocols.teltonika import vectors as v

    dev_id = device(data_dir, IMEI, "teltonika")
    append(data_dir, "teltonika", dev_id, [v.C8_EXAMPLE1_LATITUDE_MAX, v.C8_EXAMPLE3_FIRST_IN_2099])
    w = Worker(make_settings(data_dir))
    labels = {"protocol": "teltonika", "field": "fix_time"}
    before = REGISTRY.get_sample_value("fleetwire_records_invalid_total", labels) or 0
    assert w.step() == 2
    assert REGISTRY.get_sample_value("fleetwire_records_invalid_total", labels) == before + 1
    rows = w.store.positions(dev_id, 0, 2**62, 100)
    assert [(r.frame_seq, r.fix_time_ms) for r in rows] == [(2, 1560160879000)]  # 2019-06-10
    dead = sorted(w.store.dead_letters(10, dev_id))
    assert [(d[0], d[2]) for d in dead] == [(1, "teltonika"), (2, "teltonika")]
    assert dead[0][3] == "InvalidField: latitude 214.7483647 outside [-90, 90]"
    assert dead[1][3].startswith(
        "InvalidRecord: record 1 of 2: fix time 2099-01-01T00:00:00+00:00 over a day after its"
        " receipt 20"
    )
    assert w.store.latest([dev_id]) == []  # the sane record is an invalid (0, 0) fix
    w.close()
