"""/api/socket on a real socket (uvicorn in a thread, aiohttp as the client, as pytraccar
uses): the 503 refusal, the first positions frame, devices + positions frames only for devices
the user may see, events only through a `web` notification, the `{}` keepalive, pings answered
(digest §4, §7 items 4 and 9)."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp
import orjson
import pytest
import uvicorn
from fastapi import WebSocket

from fleetwire.api.app import create_app
from fleetwire.api.auth import current_user
from fleetwire.api.traccar import derived, feed
from fleetwire.api.traccar.convert import iso, now_ms
from fleetwire.api.traccar.socket_auth import socket_user
from fleetwire.api.traccar.telemetry import open_telemetry
from fleetwire.api.ws_deflate import SHARE_MIN, SharedDeflateProtocol
from fleetwire.store.registry import SqliteRegistry
from fleetwire.store.users import User
from tests.api.traccar.conftest import (
    ADMIN,
    ALICE,
    BOB,
    UID_A,
    UID_B,
    USERS,
    Api,
    _test_user,
    pos_row,
)
from tests.conftest import make_settings


async def _socket_user(websocket: WebSocket) -> User | None:
    email = websocket.query_params.get("as")
    return USERS[email] if email else None


@pytest.fixture
def live(data_dir: Path, request: pytest.FixtureRequest) -> Iterator[tuple[str, Api]]:
    """The app on a real socket; the feed's fallback poll every 0.05 s, or every
    ``request.param`` seconds for tests that parametrize it."""
    reg = SqliteRegistry(data_dir / "registry.db")
    a, b = reg.add(UID_A, None, "teltonika"), reg.add(UID_B, "Truck B", "gt06")
    reg.close()
    settings = make_settings(data_dir)
    app = create_app(settings)
    app.dependency_overrides[current_user] = _test_user
    app.dependency_overrides[socket_user] = _socket_user
    app.state.traccar_feed.keepalive = 0.5
    app.state.traccar_feed.poll_interval = getattr(request, "param", 0.05)
    config = uvicorn.Config(app, host="127.0.0.1", port=settings.api.port, log_level="warning",
                            ws=SharedDeflateProtocol)  # fmt: skip
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    base = f"127.0.0.1:{settings.api.port}"
    helper = Api(None, data_dir, {"A": a.id, "B": b.id})  # type: ignore[arg-type]
    import urllib.request

    urllib.request.urlopen(f"http://{base}/api/server").read()  # registry tables exist now
    helper.sql("INSERT INTO user_device (user_id, device_id) VALUES (?, ?)", ALICE.id, a.id)
    helper.write_positions([pos_row(a.id, now_ms() - 60_000)])
    yield base, helper
    server.should_exit = True
    thread.join(10)


async def frames(ws: aiohttp.ClientWebSocketResponse, n: int, timeout: float = 5) -> list[Any]:
    out = []
    async with asyncio.timeout(timeout):
        while len(out) < n:
            msg = await ws.receive()
            assert msg.type == aiohttp.WSMsgType.TEXT, msg
            out.append(orjson.loads(msg.data))
    return out


async def news(ws: aiohttp.ClientWebSocketResponse) -> dict[str, Any]:
    """The next frame that is not a keepalive (those come every 0.5 s here)."""
    frame: dict[str, Any] = {}
    async with asyncio.timeout(30):
        while not frame:
            frame = (await frames(ws, 1))[0]
    return frame


def test_socket_refuses_without_a_session_with_503(live: tuple[str, Api]) -> None:
    base, _ = live

    async def go() -> None:
        async with aiohttp.ClientSession() as s:
            with pytest.raises(aiohttp.WSServerHandshakeError) as e:
                await s.ws_connect(f"ws://{base}/api/socket",
                                   headers={"Authorization": "Bearer whatever"})  # fmt: skip
            assert e.value.status == 503

    asyncio.run(go())


def test_socket_pushes_only_what_the_user_may_see(live: tuple[str, Api]) -> None:
    base, api = live
    a, b = api.ids["A"], api.ids["B"]

    async def go() -> None:
        async with aiohttp.ClientSession() as s:
            alice = await s.ws_connect(f"ws://{base}/api/socket?as={ALICE.email}", heartbeat=1.0)
            bob = await s.ws_connect(f"ws://{base}/api/socket?as={BOB.email}")
            first = (await frames(alice, 1))[0]
            assert list(first) == ["positions"] and [p["deviceId"] for p in first["positions"]] == [
                a
            ]
            assert (await frames(bob, 1))[0] == {"positions": []}
            await alice.send_str("{}")  # W's liveness probe is ignored
            # two positions of A in one batch: each one is pushed, not only the newest
            rows = [pos_row(b, now_ms() - 1000), pos_row(a, now_ms() - 700),
                    pos_row(a, now_ms() - 500, speed_kmh=18.52)]  # fmt: skip
            await asyncio.to_thread(api.write_positions, rows)
            got = (await frames(alice, 1))[0]  # one frame per poll, both keys
            assert [d["id"] for d in got["devices"]] == [a]
            assert got["devices"][0]["status"] == "online"
            assert [p["deviceId"] for p in got["positions"]] == [a, a]
            assert got["positions"][1]["speed"] == pytest.approx(10.0)
            assert got["positions"][1]["id"] == got["devices"][0]["positionId"]
            # nothing about B reached Alice, and Bob got only keepalives
            extra = (await frames(alice, 1))[0]
            assert extra == {}, orjson.dumps(extra).decode()
            assert all(f == {} for f in await frames(bob, 1))
            await alice.close()
            await bob.close()

    asyncio.run(go())


@pytest.mark.parametrize("live", [3600.0], indirect=True)
def test_a_commit_wakes_the_feed(live: tuple[str, Api]) -> None:
    """With the fallback poll an hour away, a position committed by another connection (as the
    worker's) still reaches the socket: the commit itself woke the feed."""
    base, api = live
    a = api.ids["A"]

    async def go() -> None:
        async with aiohttp.ClientSession() as s:
            alice = await s.ws_connect(f"ws://{base}/api/socket?as={ALICE.email}")
            assert [p["deviceId"] for p in (await frames(alice, 1))[0]["positions"]] == [a]
            for k in range(3):  # every commit, not only the first
                fix = now_ms() - 500 + k
                await asyncio.to_thread(api.write_positions, [pos_row(a, fix)])
                got: dict[str, Any] = {}
                async with asyncio.timeout(30):
                    while not got:  # keepalives (every 0.5 s here) may come first
                        got = (await frames(alice, 1))[0]
                assert [p["fixTime"] for p in got["positions"]] == [iso(fix)]
            await alice.close()

    asyncio.run(go())


@pytest.fixture
def quick_scopes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Scope refreshes every 0.1 s: a user's sockets share one device set soon after they open,
    which is when the feed builds their frame once for all of them."""
    monkeypatch.setattr(feed, "SCOPE_REFRESH", 0.1)


def test_each_device_set_gets_its_own_frame(quick_scopes: None, live: tuple[str, Api]) -> None:
    """Two sockets of Alice, one of Bob (device B only), two of the administrator: Alice's
    sockets get the same frame with A only, Bob's has B only, the administrators' both."""
    base, api = live
    a, b = api.ids["A"], api.ids["B"]
    api.sql("INSERT INTO user_device (user_id, device_id) VALUES (?, ?)", BOB.id, b)

    async def go() -> None:
        async with aiohttp.ClientSession() as s:
            users = [ALICE, ALICE, BOB, ADMIN, ADMIN]
            socks = [await s.ws_connect(f"ws://{base}/api/socket?as={u.email}") for u in users]
            for ws in socks:
                await frames(ws, 1)  # the latest positions on open
            await asyncio.sleep(0.5)  # a few scope refreshes: each user's sockets share a set
            rows = [pos_row(a, now_ms() - 700), pos_row(b, now_ms() - 600)]
            await asyncio.to_thread(api.write_positions, rows)
            got = [await news(ws) for ws in socks]
            seen = [sorted(p["deviceId"] for p in f["positions"]) for f in got]
            assert seen == [[a], [a], [b], [a, b], [a, b]]
            assert [sorted(d["id"] for d in f["devices"]) for f in got] == seen
            assert got[0] == got[1] and got[3] == got[4]
            for ws in socks:
                await ws.close()

    asyncio.run(go())


def test_compressed_sockets_get_the_same_frames(live: tuple[str, Api]) -> None:
    """Two of Alice's sockets negotiate permessage-deflate (as browsers do), a third does not:
    a frame long enough to be compressed once for both reaches all three, the same."""
    base, api = live
    a = api.ids["A"]

    async def go() -> None:
        async with aiohttp.ClientSession() as s:
            url = f"ws://{base}/api/socket?as={ALICE.email}"
            socks = [await s.ws_connect(url, compress=15) for _ in range(2)]
            socks.append(await s.ws_connect(url))
            assert [ws.compress for ws in socks] == [12, 12, 0]  # the server's window bits
            for ws in socks:
                await frames(ws, 1)
            fixes = [now_ms() - 900 + k for k in range(5)]
            await asyncio.to_thread(api.write_positions, [pos_row(a, f) for f in fixes])
            got = [await news(ws) for ws in socks]
            assert [p["fixTime"] for p in got[0]["positions"]] == [iso(f) for f in fixes]
            assert len(orjson.dumps(got[0])) >= SHARE_MIN
            assert got[0] == got[1] == got[2]
            for ws in socks:
                await ws.close()

    asyncio.run(go())


def test_socket_events_need_a_web_notification(live: tuple[str, Api]) -> None:
    base, api = live
    a = api.ids["A"]
    api.sql(
        "INSERT INTO notifications (id, type, always, notificators, attributes)"
        " VALUES (1, 'alarm', 1, 'web,mail', '{}'), (2, 'ignitionOn', 1, 'mail', '{}')"
    )
    api.sql("INSERT INTO user_notification (user_id, notification_id) VALUES (?, 1), (?, 2)",
            ALICE.id, ALICE.id)  # fmt: skip

    async def insert(rows: list[dict[str, Any]]) -> None:
        engine = open_telemetry(make_settings(api.data_dir))
        await derived.create_tables(engine)  # as the worker's schema has them
        await derived.insert(engine, "events", rows)
        await engine.dispose()

    async def go() -> None:
        async with aiohttp.ClientSession() as s:
            alice = await s.ws_connect(f"ws://{base}/api/socket?as={ALICE.email}")
            await frames(alice, 1)
            base_row = {"device_id": a, "event_time": now_ms(), "position_id": None,
                        "geofence_id": None, "maintenance_id": None, "superseded": 0}  # fmt: skip
            await insert([{**base_row, "id": "aa" * 20, "type": "ignitionOn", "attributes": "{}"},
                          {**base_row, "id": "bb" * 20, "type": "alarm",
                           "attributes": '{"alarm": "sos"}'}])  # fmt: skip
            got = [f for f in await frames(alice, 2) if f]
            assert len(got) == 1 and got[0]["events"][0]["type"] == "alarm"
            assert got[0]["events"][0]["attributes"]["message"]
            await alice.close()

    asyncio.run(go())
