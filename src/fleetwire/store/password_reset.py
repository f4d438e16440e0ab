"""Password-reset tokens in the registry: issued for a user, emailed (by the API), used once.

A token is 256 random bits handed out once; only its SHA-256 is stored (as for sessions), so a
copy of the database holds nothing that resets a password. Using a token sets the new password
and, in the same transaction, spends every outstanding reset token of that user, ends the
user's sessions and revokes its API tokens: whoever knew the old password is out.
Knows nothing of HTTP or email.
"""

from __future__ import annotations

import secrets

from sqlalchemy import ColumnElement, delete, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from fleetwire.store.db import writing
from fleetwire.store.schema import password_resets, sessions, tokens, users
from fleetwire.store.sessions import digest
from fleetwire.store.users import hash_password, now_ms

_KEEP_MS = 86400_000  # spent and expired rows are swept a day after they expire


async def issue_reset(engine: AsyncEngine, user_id: int, ttl_ms: int) -> str:
    """A new reset token for ``user_id``, valid for ``ttl_ms``."""
    token = secrets.token_urlsafe(32)
    now = now_ms()
    async with writing(engine) as conn:
        await conn.execute(
            delete(password_resets).where(password_resets.c.expires < now - _KEEP_MS)
        )
        await conn.execute(
            password_resets.insert().values(
                token_hash=digest(token), user_id=user_id, created=now, expires=now + ttl_ms
            )
        )
    return token


def _live(token: str, now: int) -> tuple[ColumnElement[bool], ...]:
    """The conditions of a token that still works."""
    r = password_resets.c
    return (r.token_hash == digest(token), r.used.is_(None), r.expires > now)


async def reset_user(engine: AsyncEngine, token: str) -> int | None:
    """The user a live (unused, unexpired) token would reset, or None. Reads only."""
    q = select(password_resets.c.user_id).where(*_live(token, now_ms()))
    async with engine.connect() as conn:
        found = (await conn.execute(q)).scalar()
    return int(found) if found is not None else None


async def use_reset(engine: AsyncEngine, token: str, password: str) -> int | None:
    """Spend a live token and set ``password`` for its user; the user's id, or None when the
    token is unknown, expired or already used (then nothing changes). Two requests racing with
    one token: the first to commit wins, the other gets None."""
    if await reset_user(engine, token) is None:
        return None  # checked first so that a wrong token costs no password hashing
    password_hash = hash_password(password)  # outside the write transaction: it is slow
    now = now_ms()
    async with writing(engine) as conn:
        spent = await conn.execute(
            update(password_resets)
            .where(*_live(token, now))
            .values(used=now)
            .returning(password_resets.c.user_id)
        )
        found = spent.scalar()
        if found is None:
            return None
        user_id = int(found)
        await conn.execute(
            users.update().where(users.c.id == user_id).values(password_hash=password_hash)
        )
        await conn.execute(
            update(password_resets)
            .where(password_resets.c.user_id == user_id, password_resets.c.used.is_(None))
            .values(used=now)
        )
        await conn.execute(delete(sessions).where(sessions.c.user_id == user_id))
        await conn.execute(
            update(tokens)
            .where(tokens.c.user_id == user_id, tokens.c.revoked.is_(None))
            .values(revoked=now)
        )
    return user_id
