"""The derived telemetry tables (events, trips, stops, geofence visits, rejected positions, the
per-device logic state and its checkpoints): one DDL and one set of statements for SQLite and
PostgreSQL alike. Statements use ``?`` placeholders; ``numbered`` turns them into asyncpg's
``$n`` in the one place the backends differ. Times are ms, speeds km/h, distances metres.

``emitted`` on each derived row is the fix time of the processing step that last wrote it: a
recompute from a checkpoint owns every row emitted at or after it, and marks those it does not
produce again as superseded (never deleted).
"""

from __future__ import annotations

import re

DDL = """
CREATE TABLE IF NOT EXISTS events (
    id              TEXT PRIMARY KEY,
    device_id       BIGINT NOT NULL,
    type            TEXT NOT NULL,
    event_time      BIGINT NOT NULL,
    position_id     BIGINT,
    geofence_id     BIGINT,
    maintenance_id  BIGINT,
    attributes      TEXT NOT NULL,
    superseded      INTEGER NOT NULL DEFAULT 0,
    emitted         BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS events_device_time ON events (device_id, event_time);
CREATE INDEX IF NOT EXISTS events_device_emitted ON events (device_id, emitted);
CREATE TABLE IF NOT EXISTS trips (
    id                  TEXT PRIMARY KEY,
    device_id           BIGINT NOT NULL,
    start_time          BIGINT NOT NULL,
    end_time            BIGINT NOT NULL,
    start_position_id   BIGINT NOT NULL,
    end_position_id     BIGINT NOT NULL,
    start_lat           DOUBLE PRECISION NOT NULL,
    start_lon           DOUBLE PRECISION NOT NULL,
    end_lat             DOUBLE PRECISION NOT NULL,
    end_lon             DOUBLE PRECISION NOT NULL,
    distance            DOUBLE PRECISION NOT NULL,
    average_speed       DOUBLE PRECISION NOT NULL,
    max_speed           DOUBLE PRECISION NOT NULL,
    duration            BIGINT NOT NULL,
    start_odometer      DOUBLE PRECISION NOT NULL,
    end_odometer        DOUBLE PRECISION NOT NULL,
    spent_fuel          DOUBLE PRECISION,
    driver_unique_id    TEXT,
    superseded          INTEGER NOT NULL DEFAULT 0,
    emitted             BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS trips_device_time ON trips (device_id, start_time);
CREATE INDEX IF NOT EXISTS trips_device_emitted ON trips (device_id, emitted);
CREATE TABLE IF NOT EXISTS stops (
    id              TEXT PRIMARY KEY,
    device_id       BIGINT NOT NULL,
    start_time      BIGINT NOT NULL,
    end_time        BIGINT NOT NULL,
    position_id     BIGINT NOT NULL,
    latitude        DOUBLE PRECISION NOT NULL,
    longitude       DOUBLE PRECISION NOT NULL,
    duration        BIGINT NOT NULL,
    engine_hours    BIGINT NOT NULL,
    start_odometer  DOUBLE PRECISION NOT NULL,
    end_odometer    DOUBLE PRECISION NOT NULL,
    spent_fuel      DOUBLE PRECISION,
    superseded      INTEGER NOT NULL DEFAULT 0,
    emitted         BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS stops_device_time ON stops (device_id, start_time);
CREATE INDEX IF NOT EXISTS stops_device_emitted ON stops (device_id, emitted);
CREATE TABLE IF NOT EXISTS geofence_visits (
    id                  TEXT PRIMARY KEY,
    device_id           BIGINT NOT NULL,
    geofence_id         BIGINT NOT NULL,
    enter_time          BIGINT NOT NULL,
    exit_time           BIGINT,
    enter_position_id   BIGINT,
    exit_position_id    BIGINT,
    superseded          INTEGER NOT NULL DEFAULT 0,
    emitted             BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS visits_device_time ON geofence_visits (device_id, enter_time);
CREATE INDEX IF NOT EXISTS visits_device_emitted ON geofence_visits (device_id, emitted);
CREATE TABLE IF NOT EXISTS rejected_positions (
    device_id   BIGINT NOT NULL,
    fix_time    BIGINT NOT NULL,
    dedup       BIGINT NOT NULL,
    server_time BIGINT NOT NULL,
    frame_seq   BIGINT NOT NULL,
    latitude    DOUBLE PRECISION,
    longitude   DOUBLE PRECISION,
    speed       DOUBLE PRECISION,
    attributes  TEXT NOT NULL,
    reason      TEXT NOT NULL,
    PRIMARY KEY (device_id, fix_time, dedup)
);
CREATE TABLE IF NOT EXISTS device_state (
    device_id   BIGINT PRIMARY KEY,
    state       TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE IF NOT EXISTS device_checkpoints (
    device_id   BIGINT NOT NULL,
    at          BIGINT NOT NULL,
    state       TEXT NOT NULL,
    PRIMARY KEY (device_id, at)
);
"""

TABLES = ("events", "trips", "stops", "geofence_visits")

EVENT_COLUMNS = (
    "id, device_id, type, event_time, position_id, geofence_id, maintenance_id, attributes"
)
TRIP_COLUMNS = (
    "id, device_id, start_time, end_time, start_position_id, end_position_id, start_lat,"
    " start_lon, end_lat, end_lon, distance, average_speed, max_speed, duration, start_odometer,"
    " end_odometer, spent_fuel, driver_unique_id"
)
STOP_COLUMNS = (
    "id, device_id, start_time, end_time, position_id, latitude, longitude, duration,"
    " engine_hours, start_odometer, end_odometer, spent_fuel"
)
VISIT_COLUMNS = (
    "id, device_id, geofence_id, enter_time, exit_time, enter_position_id, exit_position_id"
)
COLUMNS = {
    "events": EVENT_COLUMNS,
    "trips": TRIP_COLUMNS,
    "stops": STOP_COLUMNS,
    "geofence_visits": VISIT_COLUMNS,
}


def _upsert(table: str, columns: str) -> str:
    cols = [c.strip() for c in columns.split(",")] + ["superseded", "emitted"]
    sets = ", ".join(f"{c} = excluded.{c}" for c in cols[1:])
    marks = ", ".join("?" * len(cols))
    return (
        f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})"
        f" ON CONFLICT (id) DO UPDATE SET {sets}"
    )


UPSERT = {table: _upsert(table, cols) for table, cols in COLUMNS.items()}
SUPERSEDE = {t: f"UPDATE {t} SET superseded = 1 WHERE id = ?" for t in TABLES}
EMITTED_SINCE = {
    t: f"SELECT {COLUMNS[t]}, superseded FROM {t} WHERE device_id = ? AND emitted >= ?"
    for t in TABLES
}
# Each write of a device's state carries a stamp: a random number drawn per transaction, so
# that a worker holding the state it wrote (worker/state_cache.py) knows it is still the one
# stored by reading the stamp alone. A migration adds the column (SQLite: store/telemetry.py,
# PostgreSQL: store/postgres/schema.py); rows from before it have 0, a stamp never cached.
STATE_STAMP_COLUMN = "ALTER TABLE device_state ADD COLUMN stamp BIGINT NOT NULL DEFAULT 0"
# A writer from before stamps (the previous release's worker or replay, during an upgrade) sets
# the state and leaves the stamp as it was: the row's stamp goes to 0, which is never cached.
# Only a statement naming `state` in its SET fires it, and a stamped write changes the stamp.
STATE_UNSTAMPED_SQLITE = (
    "CREATE TRIGGER IF NOT EXISTS device_state_unstamped AFTER UPDATE OF state ON device_state"
    " WHEN NEW.stamp = OLD.stamp AND NEW.stamp != 0"
    " BEGIN UPDATE device_state SET stamp = 0 WHERE device_id = NEW.device_id; END;"
)
STATE_UNSTAMPED_PG = """
CREATE FUNCTION device_state_unstamped() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN NEW.stamp := 0; RETURN NEW; END $$;
CREATE TRIGGER device_state_unstamped BEFORE UPDATE OF state ON device_state FOR EACH ROW
WHEN (NEW.stamp = OLD.stamp AND NEW.stamp <> 0) EXECUTE FUNCTION device_state_unstamped();
"""
STAMPS = "SELECT device_id, stamp, status FROM device_state WHERE device_id IN ({marks})"
STATES = "SELECT device_id, stamp, status, state FROM device_state WHERE device_id IN ({marks})"
STATE_UPSERT = (
    "INSERT INTO device_state (device_id, state, status, stamp) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (device_id) DO UPDATE SET state = excluded.state, status = excluded.status,"
    " stamp = excluded.stamp"
)
STATUS_UPDATE = "UPDATE device_state SET status = ? WHERE device_id = ?"
ONLINE_STATUSES = "SELECT device_id, status FROM device_state WHERE status LIKE '%\"online\"%'"
STATUSES = "SELECT device_id, status FROM device_state"  # the inactivity sweep: every device
# the same for the devices of one raw-log partition (device id modulo the partition count)
ONLINE_STATUSES_OF = ONLINE_STATUSES + " AND device_id % ? = ?"
STATUSES_OF = STATUSES + " WHERE device_id % ? = ?"
CHECKPOINT_BEFORE = (
    "SELECT at, state FROM device_checkpoints WHERE device_id = ? AND at < ?"
    " ORDER BY at DESC LIMIT 1"
)
CHECKPOINT_INSERT = (
    "INSERT INTO device_checkpoints (device_id, at, state) VALUES (?, ?, ?)"
    " ON CONFLICT (device_id, at) DO UPDATE SET state = excluded.state"
)
CHECKPOINTS_DROP = "DELETE FROM device_checkpoints WHERE device_id = ? AND at >= ?"
# all but the newest checkpoint before the horizon (late fixes older than it are not recomputed)
CHECKPOINTS_PRUNE = (
    "DELETE FROM device_checkpoints WHERE device_id = ? AND at < (SELECT max(at) FROM"
    " device_checkpoints WHERE device_id = ? AND at < ?)"
)
REJECTED_INSERT = (
    "INSERT INTO rejected_positions (device_id, fix_time, dedup, server_time, frame_seq,"
    " latitude, longitude, speed, attributes, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (device_id, fix_time, dedup) DO UPDATE SET reason = excluded.reason"
)

_MARK = re.compile(r"\?")


def numbered(sql: str) -> str:
    """``?`` placeholders as PostgreSQL's ``$1, $2, ...`` (no statement here has a literal ?)."""
    n = 0

    def sub(_: re.Match[str]) -> str:
        nonlocal n
        n += 1
        return f"${n}"

    return _MARK.sub(sub, sql)
