"""Users, permission links, access rules, sessions and tokens on both backends (one
implementation, run against SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from fleetwire.config import Settings
from fleetwire.store import access, sessions
from fleetwire.store.db import open_registry, writing
from fleetwire.store.schema import devices, geofences, groups, user_device
from fleetwire.store.users import (
    UserExists,
    authenticate,
    count_users,
    create_user,
    delete_user,
    find_user,
    now_ms,
    update_user,
)

T = TypeVar("T")


def run(settings: Settings, fn: Callable[[AsyncEngine], Awaitable[T]]) -> T:
    async def go() -> T:
        engine = open_registry(settings)
        try:
            return await fn(engine)
        finally:
            await engine.dispose()

    return asyncio.run(go())


async def add_device(engine: AsyncEngine, uid: str, group_id: int | None = None) -> int:
    async with writing(engine) as conn:
        r = await conn.execute(
            devices.insert().values(unique_id=uid, created=now_ms(), group_id=group_id)
        )
    return int(r.inserted_primary_key[0])  # type: ignore[index]


async def add_group(engine: AsyncEngine, name: str, parent: int | None = None) -> int:
    async with writing(engine) as conn:
        r = await conn.execute(groups.insert().values(name=name, group_id=parent))
    return int(r.inserted_primary_key[0])  # type: ignore[index]


def test_users_and_passwords(registry_settings: Settings) -> None:
    async def go(e: AsyncEngine) -> None:
        assert await count_users(e) == 0
        first = await create_user(e, "Admin@Example.org", "s3cret", first_is_admin=True)
        second = await create_user(e, "bob@example.org", "pw", login="bob", first_is_admin=True)
        assert first.administrator and not second.administrator  # only the very first
        assert first.email == "admin@example.org" and first.password_hash != "s3cret"
        assert "s3cret" not in repr(first)
        with pytest.raises(UserExists):
            await create_user(e, "ADMIN@example.org", "x")
        with pytest.raises(UserExists):
            await create_user(e, "other@example.org", "x", login="BOB@example.org".lower())
        assert (await authenticate(e, "admin@EXAMPLE.org", "s3cret")) == first
        assert (await authenticate(e, "BOB", "pw")) == second  # the login works as well
        assert await authenticate(e, "bob", "wrong") is None
        assert await authenticate(e, "nobody@example.org", "pw") is None
        changed = await update_user(e, second.id, password="new", readonly=True)
        assert changed is not None and changed.readonly
        assert await authenticate(e, "bob", "pw") is None
        assert await authenticate(e, "bob", "new") is not None
        expired = await update_user(e, second.id, expiration_time=now_ms() - 1)
        assert expired is not None and not expired.active()
        disabled = await update_user(e, first.id, disabled=True)
        assert disabled is not None and not disabled.active()
        assert await update_user(e, 999, name="x") is None
        with pytest.raises(UserExists):
            await update_user(e, second.id, email="admin@example.org")

    run(registry_settings, go)


def test_device_visibility_through_links_groups_and_managers(registry_settings: Settings) -> None:
    async def go(e: AsyncEngine) -> None:
        admin = await create_user(e, "admin@x.org", "pw", administrator=True)
        alice = await create_user(e, "alice@x.org", "pw")
        bob = await create_user(e, "bob@x.org", "pw")
        boss = await create_user(e, "boss@x.org", "pw", user_limit=-1)
        top = await add_group(e, "top")
        mid = await add_group(e, "mid", top)
        leaf = await add_group(e, "leaf", mid)
        d_direct = await add_device(e, "1")
        d_leaf = await add_device(e, "2", leaf)
        d_other = await add_device(e, "3")
        await access.link(e, "user", alice.id, "device", d_direct)
        await access.link(e, "user", alice.id, "device", d_direct)  # twice: still one link
        await access.link(e, "user", bob.id, "group", mid)
        await access.link(e, "user", boss.id, "managedUser", alice.id)

        assert await access.visible_device_ids(e, admin) is None
        assert await access.can_see_device(e, admin, d_other)
        assert await access.visible_device_ids(e, alice) == {d_direct}
        assert await access.visible_device_ids(e, bob) == {d_leaf}  # nested two levels down
        assert await access.visible_group_ids(e, bob) == {mid, leaf}
        assert not await access.can_see_group(e, bob, top)
        assert await access.visible_device_ids(e, boss) == {d_direct}  # through alice
        assert await access.managed_user_ids(e, boss) == {boss.id, alice.id}
        assert await access.managed_user_ids(e, alice) == {alice.id}
        assert await access.can_see_device(e, bob, d_leaf)
        assert not await access.can_see_device(e, bob, d_direct)
        assert not await access.can_see_device(e, alice, d_other)

        # a cycle in the group parents ends instead of looping
        async with writing(e) as conn:
            await conn.execute(groups.update().where(groups.c.id == top).values(group_id=leaf))
        assert await access.visible_device_ids(e, bob) == {d_leaf}

        assert await access.unlink(e, "user", alice.id, "device", d_direct)
        assert not await access.unlink(e, "user", alice.id, "device", d_direct)
        assert await access.visible_device_ids(e, alice) == set()
        with pytest.raises(access.UnknownLink):
            await access.link(e, "device", d_direct, "user", alice.id)

    run(registry_settings, go)


def test_objects_visible_through_devices_and_groups(registry_settings: Settings) -> None:
    async def go(e: AsyncEngine) -> None:
        alice = await create_user(e, "alice@x.org", "pw")
        grp = await add_group(e, "g")
        dev = await add_device(e, "1", grp)
        async with writing(e) as conn:
            ids = []
            for name in ("mine", "by device", "by group", "hidden"):
                r = await conn.execute(geofences.insert().values(name=name, area="CIRCLE (1 2, 3)"))
                ids.append(int(r.inserted_primary_key[0]))  # type: ignore[index]
        mine, by_device, by_group, _hidden = ids
        await access.link(e, "user", alice.id, "geofence", mine)
        await access.link(e, "device", dev, "geofence", by_device)
        await access.link(e, "group", grp, "geofence", by_group)
        assert await access.visible_geofence_ids(e, alice) == {mine}
        await access.link(e, "user", alice.id, "group", grp)
        assert await access.visible_geofence_ids(e, alice) == {mine, by_device, by_group}
        assert await access.can_see_geofence(e, alice, by_group)
        assert not await access.can_see_geofence(e, alice, _hidden)

    run(registry_settings, go)


def test_deleting_a_user_or_device_drops_its_links(registry_settings: Settings) -> None:
    async def go(e: AsyncEngine) -> None:
        alice = await create_user(e, "alice@x.org", "pw")
        dev = await add_device(e, "1")
        await access.link(e, "user", alice.id, "device", dev)
        token = await sessions.issue_token(e, alice.id, now_ms() + 60_000)
        async with writing(e) as conn:
            await conn.execute(devices.delete().where(devices.c.id == dev))
            left = (await conn.execute(user_device.select())).all()
        assert left == []
        assert await delete_user(e, alice.id)
        assert await sessions.token_of(e, token) is None
        assert await find_user(e, "alice@x.org") is None

    run(registry_settings, go)


def test_sessions_tokens_and_failures(registry_settings: Settings) -> None:
    async def go(e: AsyncEngine) -> None:
        u = await create_user(e, "u@x.org", "pw")
        s1 = await sessions.create_session(e, u.id, "https://fleet.example", None)
        assert await sessions.session_of(e, s1) == (u.id, "https://fleet.example", None)
        assert await sessions.session_user(e, s1) == (u, "https://fleet.example")
        s2 = await sessions.create_session(e, u.id, None, now_ms() + 60_000, replaces=s1)
        assert await sessions.session_of(e, s1) is None  # rotated away
        assert (await sessions.session_of(e, s2) or (0,))[0] == u.id
        assert await sessions.end_session(e, s2)
        assert await sessions.session_of(e, s2) is None
        old = await sessions.create_session(e, u.id, None, now_ms() - 1)
        assert await sessions.session_of(e, old) is None  # expired
        assert await sessions.session_user(e, old) is None

        token = await sessions.issue_token(e, u.id, now_ms() + 60_000)
        assert token.startswith(sessions.TOKEN_PREFIX)
        assert (await sessions.token_of(e, token) or (0,))[0] == u.id
        assert (await sessions.token_user(e, token) or (None,))[0] == u
        assert await sessions.token_of(e, token + "x") is None
        via_token = await sessions.create_session(e, u.id, None, None, token=token)
        assert not await sessions.revoke_token(e, token, user_id=u.id + 1)  # not theirs
        assert await sessions.revoke_token(e, token)
        assert await sessions.token_of(e, token) is None
        assert await sessions.session_of(e, via_token) is None  # its session ended with it
        stale = await sessions.issue_token(e, u.id, now_ms() - 1)
        assert await sessions.token_of(e, stale) is None
        assert await sessions.token_user(e, stale) is None
        assert await sessions.token_user(e, token) is None  # revoked above

        for _ in range(3):
            await sessions.record_failure(e, "10.0.0.1", "U@x.org")
        await sessions.record_failure(e, "10.0.0.2", "other@x.org")
        assert await sessions.recent_failures(e, "10.0.0.1", "u@x.org", 60_000) == (3, 3)
        assert await sessions.recent_failures(e, "10.0.0.2", "u@x.org", 60_000) == (1, 3)
        await sessions.clear_failures(e, "u@x.org")  # a successful login of that account
        assert await sessions.recent_failures(e, "10.0.0.1", "u@x.org", 60_000) == (0, 0)
        assert await sessions.recent_failures(e, "10.0.0.2", "x", 60_000) == (1, 0)

    run(registry_settings, go)
