"""The API on a real socket (uvicorn in a thread) over real SQLite stores filled by the real
worker, and a tiny HTTP client (urllib) that can log in: Basic, Bearer or the session cookie."""

from __future__ import annotations

import asyncio
import base64
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any

import orjson
import pytest
import uvicorn

from fleetwire.api.app import create_app
from fleetwire.config import Settings
from fleetwire.protocols import teltonika
from fleetwire.store.db import open_registry
from fleetwire.store.migrate import migrate_embedded
from fleetwire.store.users import create_user
from fleetwire.worker.loop import Worker
from tests.conftest import make_settings
from tests.worker.test_worker import IMEI, append, device, rec

ADMIN = ("admin@example.org", "admin password")


class Response:
    def __init__(self, status_code: int, body: bytes, headers: Any) -> None:
        self.status_code = status_code
        self.content = body
        self.text = body.decode(errors="replace")
        self.headers = headers

    def json(self) -> Any:
        return orjson.loads(self.text)


def basic(email: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{email}:{password}".encode()).decode()


class Client:
    """A tiny HTTP client over a real socket. ``auth`` is sent as the Authorization header;
    cookies (the session) are kept, as a browser does."""

    def __init__(self, base: str, auth: str | None = None) -> None:
        self.base = base
        self.auth = auth
        self.cookies = CookieJar()
        self._opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def as_(self, auth: str | None) -> Client:
        """Another client of the same server, with other credentials and no cookies."""
        return Client(self.base, auth)

    def request(
        self,
        method: str,
        path: str,
        params: dict[str, str] | None = None,
        json: Any = None,
        form: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        url = self.base + path + ("?" + urllib.parse.urlencode(params) if params else "")
        data = None
        hdrs = dict(headers or {})
        if self.auth is not None:
            hdrs.setdefault("Authorization", self.auth)
        if json is not None:
            data = orjson.dumps(json)
            hdrs["Content-Type"] = "application/json"
        elif form is not None:
            data = urllib.parse.urlencode(form).encode()
            hdrs["Content-Type"] = "application/x-www-form-urlencoded"
        req = urllib.request.Request(url, data=data, method=method, headers=hdrs)
        try:
            with self._opener.open(req, timeout=10) as r:
                return Response(r.status, r.read(), r.headers)
        except urllib.error.HTTPError as e:
            return Response(e.code, e.read(), e.headers)

    def get(self, path: str, params: dict[str, str] | None = None) -> Response:
        return self.request("GET", path, params)


def add_user(settings: Settings, email: str, password: str, **fields: Any) -> int:
    """A user straight in the registry (as `fleetwire user add` makes one)."""

    async def go() -> int:
        engine = open_registry(settings)
        try:
            return (await create_user(engine, email, password, **fields)).id
        finally:
            await engine.dispose()

    migrate_embedded(settings)
    return asyncio.run(go())


def serve(settings: Settings) -> Iterator[str]:
    config = uvicorn.Config(
        create_app(settings), host="127.0.0.1", port=settings.api.port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    yield f"http://127.0.0.1:{settings.api.port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture
def api_settings(data_dir: Path) -> Settings:
    """One Teltonika device with three positions, processed; an administrator (ADMIN)."""
    dev_id = device(data_dir, IMEI, "teltonika")
    d = teltonika.Device(IMEI)
    append(data_dir, "teltonika", dev_id, [d.login()[0], d.report([rec(1), rec(2), rec(3)])[0]])
    settings = make_settings(data_dir)
    w = Worker(settings)
    w.step()
    w.close()
    add_user(settings, *ADMIN, administrator=True)
    return settings


@pytest.fixture
def client(api_settings: Settings) -> Iterator[Client]:
    """A client of the running API, logged in as the administrator (Basic)."""
    for base in serve(api_settings):
        yield Client(base, basic(*ADMIN))
