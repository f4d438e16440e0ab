"""A device's positions between two fix times as Traccar Position JSON, built for a device-day
(8,640 rows) and more: the bytes of the array's items, without a `Pos` or a dict per row.

The store returns columns, not rows' text: PostgreSQL one array per column (and the attributes
as jsonb's text, joined), SQLite rows that are turned into columns. The API writes each column's
values in one C call (orjson for the numbers: the same text `position_json` through orjson
gives, NaN and infinities as null; lookup tables for the dates, from the minute and the
millisecond within it that the query computes) and interleaves them with the keys in one
`bytes.join`: no Python code runs per row. Making the text in PostgreSQL instead (to_char,
concat, a CASE per float) cost its backend twice the CPU per device-day (some 45 against
21 ms, bench/history.py --cpu) for a few ms less in the API (16 against 19 ms).

tests/scale/test_history_json.py compares the result with `models.position_json` key by key,
types included; the attributes go out as stored (jsonb's text on PostgreSQL), and the rows
whose attributes name `geofenceIds` or `accuracy` get those parts from
`models.position_extras`, the function `position_json` uses.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from itertools import repeat
from typing import Any

import orjson
from sqlalchemy.ext.asyncio import AsyncEngine

from fleetwire.api.traccar.convert import KMH_PER_KNOT, iso_day
from fleetwire.api.traccar.models import position_extras

# Times leave the store as (minute since the epoch, millisecond within that minute). Integer
# division truncates in SQL; shifted by a whole number of minutes that keeps every time
# PostgreSQL or SQLite can hold positive, it floors (times before 1970 included).
_SHIFT_MIN = 1 << 40
_SHIFT_MS = _SHIFT_MIN * 60_000


def _minute(ms: str) -> str:
    return f"({ms} + {_SHIFT_MS}) / 60000 - {_SHIFT_MIN}"


def _milli(ms: str) -> str:
    return f"({ms} + {_SHIFT_MS}) % 60000"


def _columns(fix: str, server: str, valid: str) -> list[str]:
    """What `json_items` reads, for the times in ms ``fix`` and ``server``: altitude and course
    as `position_json`'s `x or 0.0` (adding 0.0 makes -0.0 0.0), speed in knots."""
    return [
        "id", _minute(fix), _milli(fix), _minute(server), _milli(server), valid, "latitude",
        "longitude", "coalesce(altitude, 0) + 0.0", f"coalesce(speed / {KMH_PER_KNOT}, 0.0)",
        "coalesce(course, 0) + 0.0",
    ]  # fmt: skip


# $1 device, $2 and $3 the bounds in ms (inclusive, as Traccar's), $4 the row limit. Times are
# whole milliseconds in the store (the worker writes them from ms), which the float epoch
# reads exactly (extract's numeric costs more). The aggregates take the rows in the sorted
# subquery's order, all of them the same rows in the same order (the test checks the order).
PG_HISTORY = (
    "SELECT "
    + ", ".join(f"array_agg({c})" for c in _columns("f", "s", "valid"))
    + ", string_agg(attributes, E'\\n') FROM (SELECT p.id,"
    " (date_part('epoch', p.fix_time) * 1000)::bigint AS f,"
    " (date_part('epoch', p.server_time) * 1000)::bigint AS s, p.valid, p.latitude,"
    " p.longitude, p.altitude, p.speed, p.course, p.attributes::text AS attributes"
    " FROM positions p"
    " WHERE p.device_id = $1 AND p.fix_time >= to_timestamp($2::bigint / 1000.0)"
    " AND p.fix_time <= to_timestamp($3::bigint / 1000.0) AND p.latitude IS NOT NULL"
    " ORDER BY p.fix_time, p.frame_seq LIMIT $4) rows"
)
SQLITE_HISTORY = (
    f"SELECT {', '.join(_columns('fix_time', 'server_time', 'valid != 0'))},"
    " CAST(attributes AS BLOB) FROM positions"
    " WHERE device_id = ? AND fix_time >= ? AND fix_time <= ? AND latitude IS NOT NULL"
    " ORDER BY fix_time, id LIMIT ?"
)

_VALID = (b'","valid":false,"latitude":', b'","valid":true,"latitude":')
_PLAIN_TAIL = b',"address":null,"accuracy":0.0,"network":null,"geofenceIds":[]}'
_NEXT = b',{"id":'
# attribute names position_json treats apart; a row whose attributes name one gets its parts
# from position_extras
_SPECIAL = (b'"geofenceIds"', b'"accuracy"')
# minutes' texts kept between requests (a day of them is made in some 2 ms), up to a bound
_MINUTES: dict[int, bytes] = {}
_MINUTES_KEPT = 50_000


@cache
def _milli_texts() -> tuple[bytes, ...]:
    """'SS.mmm+00:00' for each millisecond of a minute (some 3 MB, made once)."""
    return tuple(f"{s:02d}.{ms:03d}+00:00".encode() for s in range(60) for ms in range(1000))


def _minute_texts(minutes: set[int]) -> dict[int, bytes]:
    """'YYYY-MM-DDTHH:MM:' of each minute since the epoch in ``minutes`` (and others)."""
    missing = minutes.difference(_MINUTES)
    if missing:
        if len(_MINUTES) + len(missing) > _MINUTES_KEPT:
            _MINUTES.clear()
            missing = minutes
        _MINUTES.update(
            (m, f"{iso_day(m // 1440)}{m % 1440 // 60:02d}:{m % 60:02d}:".encode()) for m in missing
        )
    return _MINUTES


def _texts(values: Sequence[Any], suffix: bytes) -> list[bytes]:
    """Each number as orjson writes it followed by ``suffix``: two C calls for the column."""
    numbers = orjson.dumps(values)[1:-1]
    return (numbers.replace(b",", suffix + b"\n") + suffix).split(b"\n")


def _special_parts(attrs: bytes) -> tuple[bytes, bytes]:
    """The attributes and the tail of a row whose attributes hold geofenceIds or accuracy."""
    shown, accuracy, fences = position_extras(orjson.loads(attrs))
    return orjson.dumps(shown), (
        b',"address":null,"accuracy":' + orjson.dumps(accuracy)
        + b',"network":null,"geofenceIds":' + orjson.dumps(fences) + b"}"
    )  # fmt: skip


def json_items(
    columns: Sequence[Sequence[Any]], attrs: list[bytes], all_attrs: bytes, device_id: int,
    protocol: str | None,
) -> list[bytes]:  # fmt: skip
    """The rows' JSON items, comma-separated, in pieces to join. ``columns``: `_columns`'
    values, a sequence per column; ``attrs``: each row's attributes as JSON text (changed in
    place where special); ``all_attrs``: all of them in one text, searched once for the special
    names.

    Each row is 16 pieces, the keys riding on the values before them; the pieces are laid out
    row after row by slice assignment and joined once."""
    ids, fix_min, fix_ms, srv_min, srv_ms, valid, lat, lon, alt, speed, course = columns
    n = len(ids)
    if not n:
        return []
    courses = _texts(course, _PLAIN_TAIL + _NEXT)
    courses[-1] = courses[-1].removesuffix(_NEXT)
    if any(k in all_attrs for k in _SPECIAL):
        for i, a in enumerate(attrs):
            if any(k in a for k in _SPECIAL):
                attrs[i], tail = _special_parts(a)
                courses[i] = courses[i].replace(_PLAIN_TAIL, tail)
    head = b',"deviceId":%d,"protocol":%s,"serverTime":"' % (device_id, orjson.dumps(protocol))
    minute = _minute_texts(set(fix_min).union(srv_min)).__getitem__
    milli = _milli_texts().__getitem__
    fix_m, fix_s = list(map(minute, fix_min)), list(map(milli, fix_ms))
    pieces = (
        _texts(ids, b',"attributes":'), list(map(bytes.__add__, attrs, repeat(head, n))),
        list(map(minute, srv_min)), list(map(milli, srv_ms)), [b'","deviceTime":"'] * n,
        fix_m, fix_s, [b'","fixTime":"'] * n, fix_m, fix_s, list(map(_VALID.__getitem__, valid)),
        _texts(lat, b',"longitude":'), _texts(lon, b',"altitude":'), _texts(alt, b',"speed":'),
        _texts(speed, b',"course":'), courses,
    )  # fmt: skip
    flat: list[bytes] = [b""] * (n * len(pieces))
    for j, column in enumerate(pieces):
        flat[j :: len(pieces)] = column  # a column of another length raises here
    flat[0] = b'{"id":' + flat[0]
    return flat


def json_array(pieces: list[bytes]) -> bytes:
    """`history_pieces`' answer as a JSON array, in one join (``pieces`` is changed)."""
    if not pieces:
        return b"[]"
    pieces[0] = b"[" + pieces[0]
    pieces[-1] += b"]"
    return b"".join(pieces)


async def history_pieces(
    engine: AsyncEngine, device_id: int, from_ms: int, to_ms: int, limit: int,
    protocol: str | None,
) -> list[bytes]:  # fmt: skip
    """The JSON items (comma-separated, no brackets) of the device's positions with from <=
    fix time <= to, by fix time, in pieces for `json_array`; [] when there are none."""
    async with engine.connect() as conn:
        raw = await conn.get_raw_connection()
        driver: Any = raw.driver_connection
        if engine.dialect.name == "postgresql":
            # asyncpg's own statement cache keeps this prepared per connection
            row = await driver.fetchrow(PG_HISTORY, device_id, from_ms, to_ms, limit)
            if row[0] is None:
                return []
            all_attrs = row[11].encode()
            attrs = all_attrs.split(b"\n")  # jsonb's text has no raw newline
            return json_items(row[:11], attrs, all_attrs, device_id, protocol)
        cursor = await driver.execute(SQLITE_HISTORY, (device_id, from_ms, to_ms, limit))
        try:
            rows = await cursor.fetchall()
        finally:
            await cursor.close()
    if not rows:
        return []
    *columns, attrs = zip(*rows, strict=True)
    return json_items(columns, list(attrs), b"\n".join(attrs), device_id, protocol)
