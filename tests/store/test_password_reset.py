"""Password-reset tokens on both backends (one implementation, run against SQLite and
PostgreSQL): a token sets the password once, before it expires; using it spends the user's
other reset tokens, ends its sessions and revokes its API tokens, and touches no other user;
two uses racing with one token: one wins. Reset requests count apart from failed logins."""

from __future__ import annotations

import asyncio

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from fleetwire.config import Settings
from fleetwire.store import sessions
from fleetwire.store.password_reset import issue_reset, reset_user, use_reset
from fleetwire.store.schema import password_resets
from fleetwire.store.users import authenticate, create_user, now_ms
from tests.store.test_users_access import run

HOUR = 3600_000


def test_a_token_resets_once_and_logs_everyone_out(registry_settings: Settings) -> None:
    async def go(e: AsyncEngine) -> None:
        u = await create_user(e, "u@x.org", "old")
        other = await create_user(e, "o@x.org", "other")
        sid = await sessions.create_session(e, u.id, None, None)
        api = await sessions.issue_token(e, u.id, now_ms() + HOUR)
        other_sid = await sessions.create_session(e, other.id, None, None)
        first, second = await issue_reset(e, u.id, HOUR), await issue_reset(e, u.id, HOUR)
        async with e.connect() as conn:
            stored = {r[0] for r in await conn.execute(select(password_resets.c.token_hash))}
        assert len(stored) == 2 and not stored & {first, second}  # only digests are kept
        assert await reset_user(e, second) == u.id

        assert await use_reset(e, first, "new") == u.id
        assert await authenticate(e, "u@x.org", "old") is None
        assert (await authenticate(e, "u@x.org", "new") or other).id == u.id
        assert await use_reset(e, first, "again") is None  # once
        assert await use_reset(e, second, "again") is None  # the other one is spent too
        assert await authenticate(e, "u@x.org", "new") is not None
        assert await sessions.session_of(e, sid) is None
        assert await sessions.token_of(e, api) is None
        assert await sessions.session_of(e, other_sid) is not None  # nobody else's
        assert await authenticate(e, "o@x.org", "other") is not None

        stale = await issue_reset(e, other.id, 1)
        await asyncio.sleep(0.01)
        assert await reset_user(e, stale) is None
        assert await use_reset(e, stale, "x") is None
        assert await authenticate(e, "o@x.org", "other") is not None
        assert await use_reset(e, "made-up", "x") is None

        racing = await issue_reset(e, other.id, HOUR)
        results = await asyncio.gather(*(use_reset(e, racing, f"p{k}") for k in range(4)))
        winners = [k for k, r in enumerate(results) if r == other.id]
        assert len(winners) == 1 and results.count(None) == 3
        assert await authenticate(e, "o@x.org", f"p{winners[0]}") is not None

    run(registry_settings, go)


def test_reset_requests_count_apart_from_failed_logins(registry_settings: Settings) -> None:
    async def go(e: AsyncEngine) -> None:
        for _ in range(2):
            await sessions.record_failure(e, "10.0.0.1", "U@x.org", kind="reset")
        await sessions.record_failure(e, "10.0.0.1", "u@x.org")
        assert await sessions.recent_failures(e, "10.0.0.1", "u@x.org", 60_000, "reset") == (2, 2)
        assert await sessions.recent_failures(e, "10.0.0.1", "u@x.org", 60_000) == (1, 1)
        await sessions.clear_failures(e, "u@x.org")  # a login clears failed logins only
        assert await sessions.recent_failures(e, "10.0.0.1", "u@x.org", 60_000) == (0, 0)
        assert await sessions.recent_failures(e, "10.0.0.1", "u@x.org", 60_000, "reset") == (2, 2)

    run(registry_settings, go)
