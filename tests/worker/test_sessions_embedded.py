"""Device online/offline from the gateway's connection events on the embedded tier: a real
gateway on loopback appends session records to the SQLite raw log as a Teltonika device connects
and disconnects; the worker turns them into deviceOnline/deviceOffline stamped at those moments,
never decodes them (no dead letters), and a second worker over the same log derives the same
event ids, and `fleetwire replay` changes none of it (business-logic.md §8, feature 13)."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
from pathlib import Path

from fleetwire.rawlog.base import OFFLINE, ONLINE, SESSION
from fleetwire.rawlog.sqlite import SqliteRawLogReader
from fleetwire.tools.replay import Selection, replay
from fleetwire.worker.loop import Worker
from tests.conftest import make_settings
from tests.gateway.running import running
from tests.gateway.test_gateway import IMEI, _record, read_exactly

STATUS = "('deviceOnline', 'deviceOffline', 'deviceUnknown')"


async def visit(gw_port: int, second: int) -> None:
    """One connection: login, one report, close."""
    from fleetwire.protocols import teltonika

    dev = teltonika.Device(IMEI)
    r, w = await asyncio.open_connection("127.0.0.1", gw_port)
    login, accept = dev.login()
    w.write(login)
    assert await read_exactly(r, 1) == accept
    frame, ack = dev.report([_record(second)])
    w.write(frame)
    assert await read_exactly(r, 4) == ack
    w.close()
    await w.wait_closed()


def sessions(data_dir: Path) -> list[tuple[bytes, int, int]]:
    reader = SqliteRawLogReader(data_dir / "rawlog.db")
    try:
        return [(f.data, f.connection, f.received_us // 1000) for f in reader.read(0, 1000)
                if f.transport == SESSION]  # fmt: skip
    finally:
        reader.close()


def status_events(data_dir: Path, positions: int = 2) -> list[tuple[str, str, int]]:
    """The worker over the raw log; the status events it stored (id, type, time)."""
    w = Worker(make_settings(data_dir))
    try:
        while w.step():
            pass
    finally:
        w.close()
    c = sqlite3.connect(data_dir / "telemetry.db")
    try:
        assert c.execute("SELECT count(*) FROM dead_letters").fetchone()[0] == 0
        assert c.execute("SELECT count(*) FROM positions").fetchone()[0] == positions
    finally:
        c.close()
    return stored_status(data_dir)


def stored_status(data_dir: Path) -> list[tuple[str, str, int]]:
    c = sqlite3.connect(data_dir / "telemetry.db")
    try:
        return c.execute(f"SELECT id, type, event_time FROM events WHERE type IN {STATUS}"
                         " ORDER BY event_time, type").fetchall()  # fmt: skip
    finally:
        c.close()


def test_connect_and_disconnect_become_online_and_offline(data_dir: Path) -> None:
    async def scenario() -> None:
        async with running(make_settings(data_dir)) as gw:
            port = gw.ports["teltonika", "tcp"]
            await visit(port, 1)
            for _ in range(100):  # the gateway notices the close
                if not gw.connections:
                    break
                await asyncio.sleep(0.02)
            await visit(port, 2)

    asyncio.run(scenario())
    recs = sessions(data_dir)
    assert [r[0] for r in recs] == [ONLINE, OFFLINE, ONLINE, OFFLINE]
    reader = SqliteRawLogReader(data_dir / "rawlog.db")
    try:  # what /api/raw lists: frames only, unless asked for the session records too
        assert len(reader.query(1, 0, 2**62, 100)) == 4
        assert len(reader.query(1, 0, 2**62, 100, sessions=True)) == 8
    finally:
        reader.close()
    assert recs[0][1] == recs[1][1] != recs[2][1] == recs[3][1]  # per connection
    got = status_events(data_dir)
    assert [(t, at) for _, t, at in got] == [
        ("deviceOnline", recs[0][2]), ("deviceOffline", recs[1][2]),
        ("deviceOnline", recs[2][2]), ("deviceOffline", recs[3][2]),
    ]  # fmt: skip
    # `fleetwire replay` decodes the four frames again and leaves the session records alone
    summary = replay(make_settings(data_dir), Selection())
    assert summary.frames == 4 and summary.added == summary.removed == summary.dead_after == 0
    assert stored_status(data_dir) == got
    # the same raw log through another worker: the same events, the same ids
    other = data_dir.parent / "other"
    other.mkdir()
    shutil.copy(data_dir / "rawlog.db", other / "rawlog.db")
    shutil.copy(data_dir / "registry.db", other / "registry.db")
    assert status_events(other) == got


def test_http_connections_leave_no_session_records(data_dir: Path) -> None:
    """As Traccar: an HTTP-based protocol's connections (OsmAnd) say nothing of the device's
    status, so the gateway appends no session records for them; a connection per request gives
    one deviceOnline, not an offline/online pair per request."""

    async def scenario() -> None:
        async with running(make_settings(data_dir)) as gw:
            for i in range(3):
                r, w = await asyncio.open_connection("127.0.0.1", gw.ports["osmand", "tcp"])
                w.write(
                    b"GET /?id=123456&lat=54.6872&lon=25.2797&timestamp=%d HTTP/1.1\r\n\r\n"
                    % (1795168801 + 60 * i)
                )
                assert (await read_exactly(r, 38)).startswith(b"HTTP/1.1 200 OK")
                w.close()
                await w.wait_closed()

    asyncio.run(scenario())
    assert sessions(data_dir) == []
    assert [t for _, t, _ in status_events(data_dir, 3)] == ["deviceOnline"]
