"""The Traccar routes' logic on the real app over real SQLite stores (FastAPI's TestClient).
The caller is chosen per request with the `X-Test-User` header through FastAPI's dependency
override of `current_user`, so each test states who calls without logging in; everything below
it (registry, telemetry, access checks) is real. Authentication itself is exercised by
tests/api/test_auth.py, test_socket_auth.py, the permission matrix and the pytraccar clients."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from fastapi import HTTPException, Request
from fastapi.testclient import TestClient

from fleetwire.api.app import create_app
from fleetwire.api.auth import current_user, optional_user
from fleetwire.store.registry import SqliteRegistry
from fleetwire.store.telemetry import SqliteTelemetry
from fleetwire.store.users import User
from tests.conftest import make_settings


def _user(uid: int, name: str, administrator: bool = False, readonly: bool = False) -> User:
    return User(id=uid, name=name, email=f"{name.lower()}@example.com", login=None,
                password_hash=None, administrator=administrator, readonly=readonly,
                device_readonly=False, limit_commands=False, disable_reports=False,
                disabled=False, expiration_time=None, device_limit=-1, user_limit=0, phone=None,
                created=0, attributes={})  # fmt: skip


ADMIN = _user(1, "Admin", administrator=True)
ALICE = _user(2, "Alice")  # linked to device A
BOB = _user(3, "Bob")  # linked to nothing
READER = _user(4, "Reader", readonly=True)  # linked to device A
USERS = {u.email: u for u in (ADMIN, ALICE, BOB, READER)}
UID_A, UID_B = "356307042441013", "356307042441014"
T0 = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
T0_MS = int(T0.timestamp() * 1000)

_dedup = itertools.count(1)


def pos_row(device_id: int, fix_ms: int, lat: float = 54.68, lon: float = 25.28,
            speed_kmh: float = 18.52, attrs: dict[str, Any] | None = None,
            server_ms: int | None = None) -> tuple[Any, ...]:  # fmt: skip
    """A row as the worker writes it (store/telemetry.py's POSITION_COLUMNS)."""
    return (device_id, "position", fix_ms, server_ms or fix_ms + 500, 1, lat, lon, 112.0,
            speed_kmh, 90.0, 9, orjson.dumps(attrs or {"ignition": True}).decode(), 1,
            next(_dedup))  # fmt: skip


@dataclass
class Api:
    client: TestClient
    data_dir: Path
    ids: dict[str, int] = field(default_factory=dict)

    def call(self, method: str, path: str, user: User | None, **kw: Any) -> Any:
        headers = kw.pop("headers", {})
        if user is not None:
            headers["X-Test-User"] = user.email
        return self.client.request(method, path, headers=headers, **kw)

    def get(self, path: str, user: User | None = ADMIN, **kw: Any) -> Any:
        return self.call("GET", path, user, **kw)

    def post(self, path: str, body: Any, user: User | None = ADMIN, **kw: Any) -> Any:
        return self.call("POST", path, user, json=body, **kw)

    def put(self, path: str, body: Any, user: User | None = ADMIN) -> Any:
        return self.call("PUT", path, user, json=body)

    def delete(self, path: str, user: User | None = ADMIN) -> Any:
        return self.call("DELETE", path, user)

    def write_positions(self, rows: list[tuple[Any, ...]]) -> None:
        store = SqliteTelemetry(self.data_dir / "telemetry.db")
        latest: dict[int, tuple[Any, ...]] = {}
        for r in rows:
            if r[0] not in latest or r[2] > latest[r[0]][2]:
                latest[r[0]] = r
        store.write_batch("test", 1, rows, list(latest.values()), [])
        store.close()

    def sql(self, statement: str, *args: Any) -> None:
        conn = sqlite3.connect(self.data_dir / "registry.db")
        conn.execute(statement, args)
        conn.commit()
        conn.close()


async def _test_user(request: Request) -> User:
    email = request.headers.get("X-Test-User")
    if email is None:
        raise HTTPException(401, "authentication required")
    return USERS[email]


async def _test_optional_user(request: Request) -> User | None:
    email = request.headers.get("X-Test-User")
    return USERS[email] if email else None


@pytest.fixture
def api(data_dir: Path) -> Iterator[Api]:
    reg = SqliteRegistry(data_dir / "registry.db")
    a = reg.add(UID_A, None, "teltonika")
    b = reg.add(UID_B, "Truck B", "gt06")
    reg.close()
    app = create_app(make_settings(data_dir))
    app.dependency_overrides[current_user] = _test_user
    app.dependency_overrides[optional_user] = _test_optional_user
    with TestClient(app) as client:
        t = Api(client, data_dir, {"A": a.id, "B": b.id})
        client.get("/api/server")  # opens the registry: its tables exist from here on
        for u in USERS.values():
            t.sql("INSERT INTO users (id, name, email, administrator, readonly, created)"
                  " VALUES (?, ?, ?, ?, ?, 0)",
                  u.id, u.name, u.email, u.administrator, u.readonly)  # fmt: skip
        for u in (ALICE, READER):
            t.sql("INSERT INTO user_device (user_id, device_id) VALUES (?, ?)", u.id, a.id)
        yield t
