"""api/traccar/history_json.py against models.position_json, on both tiers (real SQLite, real
PostgreSQL): the same positions read both ways give the same JSON, key by key and type by type
(a whole float stays a float, 17-digit floats keep every digit), in the same order, for rows
chosen to hit every rule position_json has (geofenceIds moved out of the attributes, accuracy,
missing altitude/speed/course, an infinity, millisecond dates, nested and non-ASCII attributes)."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
import orjson
import pytest

from fleetwire.api.traccar.history_json import history_pieces, json_array
from fleetwire.api.traccar.models import position_json
from fleetwire.api.traccar.telemetry import TelemetryReader, open_telemetry
from fleetwire.config import StoreSettings
from fleetwire.store.migrate import migrate_postgres
from fleetwire.store.telemetry import POSITION_COLUMNS, SqliteTelemetry
from tests.conftest import make_settings

T0 = int(datetime(2026, 12, 1, 10, 0, tzinfo=UTC).timestamp() * 1000)

# (fix ms offset, server ms offset, lat, lon, altitude, speed km/h, course, attributes)
ROWS: list[tuple[int, int, float, float, float | None, float | None, float | None, Any]] = [
    (0, 500, 54.68, 25.28, 112.0, 37.04, 90.0, {"ignition": True, "sat": 9}),
    (10_123, 10_999, 54.68123456789012, -25.283000000000001, None, 0.1 + 0.2, None, {}),
    (20_000, 20_001, 54.0, 25.0, 0.0, 18.52, 0.0, {"odometer": 1000, "fuel": 1.0}),
    (30_000, 30_500, -33.9, 151.2, -12.5, None, 359.9, {"geofenceIds": [3, 5], "accuracy": 12.5}),
    (40_000, 40_500, 0.0, -0.5, 1e16, 1e-7, 180.0, {"accuracy": 7, "geofenceIds": "x"}),
    (50_000, 50_500, 1.5, 2.5, 3.0, 4.0, 5.0, {"driver": 'Jonas Žemaitis "JZ"', "io": [1, 2.5]}),
    (50_000, 50_700, 1.6, 2.6, 3.0, 4.0, 5.0, {"same fix time": "later frame", "n": -0.0}),
    (55_000, 55_500, 1.7, 2.7, 3.0, 4.0, float("inf"), {"course": "has no JSON form: null"}),
]
# device 3, around the epoch (offsets from 1970-01-01): a time before 1970 (dates by floor
# division), midnight and the last millisecond of a day; an altitude of NaN (SQLite keeps NULL)
# and of -0.0 (position_json's `or 0.0` makes both 0.0 or null as it does)
EPOCH_ROWS: list[tuple[int, int, float, float, float | None, float | None, float | None, Any]] = [
    (-1, -86_399_999, 10.0, 20.0, float("nan"), 1.0, -0.0, {}),
    (0, 59_999, 10.1, 20.1, -0.0, None, 0.0, {"a": 1}),
    (86_399_999, 86_400_000, 10.2, 20.2, 1.0, 2.0, 3.0, {}),
]


def _rows() -> list[tuple[Any, ...]]:
    """(device, fix ms, server ms, lat, lon, altitude, speed, course, attributes, seq, valid)"""
    return [
        (d, t0 + f, t0 + s, lat, lon, alt, spd, crs, orjson.dumps(a).decode(), i, i % 3 > 0)
        for i, (d, t0, (f, s, lat, lon, alt, spd, crs, a)) in enumerate(
            [(1, T0, r) for r in ROWS] + [(3, 0, r) for r in EPOCH_ROWS], 1
        )
    ]


def _insert_sqlite(path: Path) -> None:
    SqliteTelemetry(path).close()
    conn = sqlite3.connect(path)
    marks = ",".join("?" * 14)
    conn.executemany(f"INSERT INTO positions ({POSITION_COLUMNS}) VALUES ({marks})", [
        (d, "position", f, s, v, lat, lon, alt, spd, crs, 9, a, i, i)
        for d, f, s, lat, lon, alt, spd, crs, a, i, v in _rows()])  # fmt: skip
    conn.commit()
    conn.close()


async def _insert_pg(url: str) -> None:
    await migrate_postgres(url)
    conn = await asyncpg.connect(url)
    try:
        await conn.executemany(
            f"INSERT INTO positions ({POSITION_COLUMNS}) VALUES ($1, 'position',"
            " to_timestamp($2::bigint / 1000.0), to_timestamp($3::bigint / 1000.0), $11, $4,"
            " $5, $6, $7, $8, 9, $9::jsonb, $10, $10)",
            _rows(),
        )
    finally:
        await conn.close()


def typed(v: Any) -> Any:
    """A JSON value with the type of every scalar kept: 36 and 36.0 compare unequal."""
    if isinstance(v, dict):
        return {k: typed(x) for k, x in v.items()}
    if isinstance(v, list):
        return [typed(x) for x in v]
    return (type(v).__name__, v)


async def _both(settings: Any) -> tuple[list[Any], list[Any]]:
    reader = TelemetryReader(open_telemetry(settings))
    try:

        async def fast(device: int, t0: int, t1: int, limit: int, protocol: str | None) -> Any:
            pieces = await history_pieces(reader.engine, device, t0, t1, limit, protocol)
            return orjson.loads(json_array(pieces))

        t1 = T0 + 60_000
        items = await fast(1, T0, t1, 1000, "teltonika")
        # what the API sent before: position_json's dicts through orjson
        slow = [position_json(p, "teltonika") for p in await reader.history(1, T0, t1, 1000)]
        assert await history_pieces(reader.engine, 2, T0, t1, 1000, None) == []
        assert json_array([]) == b"[]"
        limited = await fast(1, T0, t1, 2, None)
        assert [p["protocol"] for p in limited] == [None, None]
        day = 86_400_000
        epoch = await fast(3, -day, day, 9, None)
        slow_epoch = [position_json(p, None) for p in await reader.history(3, -day, day, 9)]
        assert typed(epoch) == typed(orjson.loads(orjson.dumps(slow_epoch)))
        assert [(p["fixTime"], p["serverTime"], p["altitude"], p["course"]) for p in epoch] == [
            ("1969-12-31T23:59:59.999+00:00", "1969-12-31T00:00:00.001+00:00", epoch[0]["altitude"],
             0.0),
            ("1970-01-01T00:00:00.000+00:00", "1970-01-01T00:00:59.999+00:00", 0.0, 0.0),
            ("1970-01-01T23:59:59.999+00:00", "1970-01-02T00:00:00.000+00:00", 1.0, 3.0),
        ]  # fmt: skip
        assert epoch[0]["altitude"] in (None, 0.0)  # NaN on PostgreSQL, NULL on SQLite
        assert [p["valid"] for p in epoch] == [False, True, True]
        return items, orjson.loads(orjson.dumps(slow))
    finally:
        await reader.engine.dispose()


def _check(fast: list[Any], slow: list[Any]) -> None:
    assert len(slow) == len(ROWS)
    assert typed(fast) == typed(slow)
    assert [p["fixTime"] for p in fast][:2] == [
        "2026-12-01T10:00:00.000+00:00", "2026-12-01T10:00:10.123+00:00"]  # fmt: skip
    assert fast[3]["geofenceIds"] == [3, 5] and "geofenceIds" not in fast[3]["attributes"]
    assert fast[3]["accuracy"] == 12.5 and fast[4]["accuracy"] == 7.0
    assert fast[2]["latitude"] == 54.0 and isinstance(fast[2]["latitude"], float)
    assert fast[0]["speed"] == pytest.approx(20.0)  # knots
    assert fast[-2]["attributes"] == {"same fix time": "later frame", "n": -0.0}
    assert fast[-1]["course"] is None


def test_sqlite_history_json_is_position_json(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    _insert_sqlite(settings.telemetry_path)
    _check(*asyncio.run(_both(settings)))


def test_postgres_history_json_is_position_json(pg_url: str, tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    settings.store = StoreSettings(url=pg_url)
    asyncio.run(_insert_pg(pg_url))
    _check(*asyncio.run(_both(settings)))
