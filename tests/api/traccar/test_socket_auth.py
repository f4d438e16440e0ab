"""Gotcha 4 with the real authentication: /api/socket opens with `?token=` or the JSESSIONID
cookie of a login, never with an Authorization header (that is 503, as Traccar's refusal), and
a session from another Origin is refused too."""

from __future__ import annotations

import asyncio
import base64
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest
import uvicorn

from fleetwire.api.app import create_app
from fleetwire.store.users import now_ms
from tests.conftest import make_settings

EMAIL, PASSWORD = "ops@example.org", "a long enough password"


@pytest.fixture
def server(data_dir: Path) -> Iterator[tuple[str, str]]:
    from fleetwire.store.db import open_registry
    from fleetwire.store.sessions import issue_token
    from fleetwire.store.users import create_user

    settings = make_settings(data_dir)
    app = create_app(settings)

    async def user() -> str:
        engine = open_registry(settings)
        try:
            u = await create_user(engine, EMAIL, PASSWORD, administrator=True)
            return await issue_token(engine, u.id, now_ms() + 3_600_000)
        finally:
            await engine.dispose()

    token = asyncio.run(user())
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=settings.api.port,
                                        log_level="warning"))  # fmt: skip
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.02)
    yield f"127.0.0.1:{settings.api.port}", token
    srv.should_exit = True
    thread.join(10)


def test_socket_accepts_token_and_cookie_but_not_a_header(server: tuple[str, str]) -> None:
    base, token = server

    async def go() -> None:
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as s:
            for headers in (
                {"Authorization": f"Bearer {token}"},
                {
                    "Authorization": "Basic "
                    + base64.b64encode(f"{EMAIL}:{PASSWORD}".encode()).decode()
                },
            ):
                with pytest.raises(aiohttp.WSServerHandshakeError) as e:
                    await s.ws_connect(f"ws://{base}/api/socket", headers=headers)
                assert e.value.status == 503
            ws = await s.ws_connect(f"ws://{base}/api/socket?token={token}")
            assert (await ws.receive_json(timeout=5)) == {"positions": []}
            await ws.close()
            with pytest.raises(aiohttp.WSServerHandshakeError):
                await s.ws_connect(f"ws://{base}/api/socket?token=not-a-token")
            login = await s.post(f"http://{base}/api/session",
                                 data={"email": EMAIL, "password": PASSWORD})  # fmt: skip
            assert login.status == 200
            ws = await s.ws_connect(f"ws://{base}/api/socket")  # the JSESSIONID cookie
            assert (await ws.receive_json(timeout=5)) == {"positions": []}
            await ws.close()
            with pytest.raises(aiohttp.WSServerHandshakeError) as e:
                await s.ws_connect(f"ws://{base}/api/socket",
                                   headers={"Origin": "http://evil.example"})  # fmt: skip
            assert e.value.status == 503

    asyncio.run(go())
