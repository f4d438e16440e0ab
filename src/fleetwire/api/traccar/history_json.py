"""A device's positions between two fix times as Traccar Position JSON, built for a device-day
(8,640 rows) and more: the bytes of the array's items, without a `Pos` or a dict per row.

PostgreSQL writes each row's JSON itself from the columns it already holds (the attributes go
out as jsonb's text, never decoded here) and joins the rows, so the API only adds brackets. The
embedded tier reads the columns with sqlite3 in the driver's thread and writes each row with
one f-string around the stored attributes text (dates made by SQLite); SQLite's own JSON functions
are not used because they write 15 significant digits, not the shortest form that reads back
as the same double.

Both give what `models.position_json` gives for the same row (tests/scale/test_history_json.py
compares them key by key, types included): floats with a decimal point,
`geofenceIds` moved out of the attributes, `accuracy` from them, speed in knots, dates as
`convert.iso` writes them. Rows whose attributes carry `geofenceIds` or `accuracy` go through
`position_json` itself on SQLite.
"""

from __future__ import annotations

from math import isfinite
from typing import Any

import orjson
from sqlalchemy.ext.asyncio import AsyncEngine

from fleetwire.api.traccar.models import position_json
from fleetwire.api.traccar.telemetry import pos_from_row

_ISO = '\'YYYY-MM-DD"T"HH24:MI:SS.MS"+00:00"\''


def _pg_float(x: str) -> str:
    """A float8 as JSON the way orjson writes a Python float: whole numbers keep '.0' (float8's
    text drops it), NaN and infinities are null (they have no JSON form)."""
    return (
        f"CASE WHEN abs({x}) < 1e15 THEN CASE WHEN {x} = trunc({x})"
        f" THEN trunc({x})::bigint::text || '.0' ELSE {x}::text END"
        f" WHEN {x} IN ('NaN', 'Infinity', '-Infinity') THEN 'null' ELSE {x}::text END"
    )


_ACCURACY = "(p.attributes ->> 'accuracy')::float8"
# the tail of a row whose attributes name accuracy or geofenceIds (f.s), as position_json
# makes it; every other row ends with _PLAIN_TAIL
_SPECIAL_TAIL = (
    "concat(',\"address\":null,\"accuracy\":', CASE jsonb_typeof(p.attributes -> 'accuracy')"
    f" WHEN 'number' THEN {_pg_float(_ACCURACY)} ELSE '0.0' END,"
    " ',\"network\":null,\"geofenceIds\":', CASE jsonb_typeof(p.attributes -> 'geofenceIds')"
    " WHEN 'array' THEN (p.attributes -> 'geofenceIds')::text ELSE '[]' END, '}')"
)
_PLAIN_TAIL = ',"address":null,"accuracy":0.0,"network":null,"geofenceIds":[]}'
_PG_ROW = (
    "concat('{\"id\":', p.id, ',\"attributes\":', CASE WHEN f.s"
    " THEN (p.attributes - 'geofenceIds')::text ELSE p.attributes::text END,"
    " ',\"deviceId\":', p.device_id, ',\"protocol\":', $5::text,"
    f" ',\"serverTime\":\"', to_char(p.server_time AT TIME ZONE 'UTC', {_ISO}),"
    ' \'","deviceTime":"\', f.t, \'","fixTime":"\', f.t, \'","valid":\','
    " CASE WHEN p.valid THEN 'true' ELSE 'false' END,"
    f" ',\"latitude\":', coalesce({_pg_float('p.latitude')}, 'null'),"
    f" ',\"longitude\":', coalesce({_pg_float('p.longitude')}, 'null'),"
    f" ',\"altitude\":', {_pg_float('coalesce(p.altitude, 0)')},"
    f" ',\"speed\":', {_pg_float('coalesce(p.speed / 1.852::float8, 0)')},"
    f" ',\"course\":', {_pg_float('coalesce(p.course, 0)')},"
    f" CASE WHEN f.s THEN {_SPECIAL_TAIL} ELSE '{_PLAIN_TAIL}' END)"
)
# $1 device, $2 and $3 the bounds in ms (inclusive, as Traccar's), $4 the row limit, $5 the
# protocol as JSON. The fix time's text (f.t) is made once for deviceTime and fixTime. The rows
# are joined in PostgreSQL: one value crosses the wire instead of 8,640 rows, which costs the
# API three times what the join costs PostgreSQL. The aggregate takes the rows in the sorted
# subquery's order (nothing at the outer level could reorder them; the test checks the order).
PG_HISTORY = (
    f"SELECT string_agg(j, ',') FROM (SELECT {_PG_ROW} AS j FROM positions p,"
    f" LATERAL (SELECT to_char(p.fix_time AT TIME ZONE 'UTC', {_ISO}) AS t,"
    " p.attributes ?| array['geofenceIds', 'accuracy'] AS s) f"
    " WHERE p.device_id = $1 AND p.fix_time >= to_timestamp($2::bigint / 1000.0)"
    " AND p.fix_time <= to_timestamp($3::bigint / 1000.0) AND p.latitude IS NOT NULL"
    " ORDER BY p.fix_time, p.frame_seq LIMIT $4) rows"
)


def _sqlite_iso(col: str) -> str:
    """convert.iso in SQLite's C (close to half of the Python row loop's time otherwise), for
    times from 1970 on; earlier ones are NULL here and the row is built by position_json."""
    return (
        f"CASE WHEN {col} >= 0 THEN strftime('%Y-%m-%dT%H:%M:%S', {col} / 1000, 'unixepoch')"
        f" || printf('.%03d+00:00', {col} % 1000) END"
    )


SQLITE_HISTORY = (
    "SELECT id, device_id, fix_time, server_time, valid, latitude, longitude, altitude, speed,"
    f" course, attributes, {_sqlite_iso('fix_time')}, {_sqlite_iso('server_time')}"
    " FROM positions WHERE device_id = ? AND fix_time >= ? AND fix_time <= ?"
    " AND latitude IS NOT NULL ORDER BY fix_time, id LIMIT ?"
)
_KNOT = 1.852
# attribute names position_json treats apart; a row whose attributes name one is built by it
_SPECIAL = ('"geofenceIds"', '"accuracy"')


def _special(attrs: str) -> bool:
    return any(k in attrs for k in _SPECIAL)


def _sqlite_items(rows: list[Any], protocol: str | None) -> bytes:
    """One f-string per row (a third less time than a dict per row through orjson). The
    columns are REAL, so the floats' repr is what orjson would write, bar the exponent's form
    (1e+16 for 1e16: the same number); a NaN or an infinity, which repr would write as no
    JSON, sends its row through position_json."""
    proto = orjson.dumps(protocol).decode()
    out: list[str] = []
    add = out.append
    for r in rows:
        attrs, fix, server = r[10], r[11], r[12]
        if (
            isinstance(attrs, str)
            and fix is not None
            and server is not None
            and not _special(attrs)
        ):
            lat, lon, alt, course = float(r[5]), float(r[6]), r[7] or 0.0, r[9] or 0.0
            speed = 0.0 if r[8] is None else r[8] / _KNOT
            if isfinite(lat + lon + alt + speed + course):
                add(f'{{"id":{r[0]},"attributes":{attrs},"deviceId":{r[1]},"protocol":{proto},'
                    f'"serverTime":"{server}","deviceTime":"{fix}","fixTime":"{fix}",'
                    f'"valid":{"true" if r[4] else "false"},"latitude":{lat!r},'
                    f'"longitude":{lon!r},"altitude":{alt!r},"speed":{speed!r},'
                    f'"course":{course!r},"address":null,"accuracy":0.0,"network":null,'
                    '"geofenceIds":[]}')  # fmt: skip
                continue
        add(orjson.dumps(position_json(pos_from_row(r), protocol)).decode())
    return ",".join(out).encode()


async def history_items(
    engine: AsyncEngine, device_id: int, from_ms: int, to_ms: int, limit: int,
    protocol: str | None,
) -> bytes:  # fmt: skip
    """The JSON items (comma-separated, no brackets) of the device's positions with from <=
    fix time <= to, by fix time; b"" when there are none."""
    async with engine.connect() as conn:
        raw = await conn.get_raw_connection()
        driver: Any = raw.driver_connection
        if engine.dialect.name == "postgresql":
            # asyncpg's own statement cache keeps this prepared per connection
            items = await driver.fetchval(
                PG_HISTORY, device_id, from_ms, to_ms, limit, orjson.dumps(protocol).decode()
            )
            return items.encode() if items else b""
        cursor = await driver.execute(SQLITE_HISTORY, (device_id, from_ms, to_ms, limit))
        try:
            rows = await cursor.fetchall()
        finally:
            await cursor.close()
    return _sqlite_items(list(rows), protocol)
