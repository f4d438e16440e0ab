"""Login sessions, API tokens and failed-login records in the registry.

Sessions live in the database, not in a signed cookie: every API process of the scale-out tier
sees the same ones, and logging out (or deleting the user) ends a session at once everywhere,
which a signed cookie cannot do before it expires. Session ids and tokens are random secrets
handed to the client once; only their SHA-256 is stored, so a copy of the database holds nothing
that logs in. (They are 256 random bits: a fast hash is enough, unlike for passwords.)
"""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from fleetwire.store.db import writing
from fleetwire.store.schema import login_failures, sessions, tokens, users
from fleetwire.store.users import User, _user, now_ms

TOKEN_PREFIX = "fwt_"  # recognisable in logs and secret scanners; the rest is opaque


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


# -- sessions ---------------------------------------------------------------------------------


async def create_session(
    engine: AsyncEngine,
    user_id: int,
    origin: str | None,
    expires: int | None,
    replaces: str | None = None,
    token: str | None = None,
) -> str:
    """A new session for ``user_id``; returns the cookie value. The session the client held
    before (``replaces``) ends: a login always gets a fresh id (no session fixation)."""
    sid = secrets.token_urlsafe(32)
    async with writing(engine) as conn:
        if replaces:
            await conn.execute(delete(sessions).where(sessions.c.id_hash == digest(replaces)))
        token_id = None
        if token is not None:
            token_id = (
                await conn.execute(select(tokens.c.id).where(tokens.c.token_hash == digest(token)))
            ).scalar()
        await conn.execute(
            sessions.insert().values(
                id_hash=digest(sid), user_id=user_id, origin=origin, created=now_ms(),
                expires=expires, token_id=token_id,
            )
        )  # fmt: skip
    return sid


async def session_of(engine: AsyncEngine, sid: str) -> tuple[int, str | None, int | None] | None:
    """(user id, login origin, expiry) of a live session, or None."""
    q = select(sessions.c.user_id, sessions.c.origin, sessions.c.expires).where(
        sessions.c.id_hash == digest(sid)
    )
    async with engine.connect() as conn:
        row = (await conn.execute(q)).first()
    if row is None or (row.expires is not None and row.expires <= now_ms()):
        return None
    return int(row.user_id), row.origin, row.expires


async def session_user(engine: AsyncEngine, sid: str) -> tuple[User, str | None] | None:
    """The user of a live session and the session's login origin, in one query (this runs on
    every cookie-authenticated request)."""
    q = (
        select(users, sessions.c.origin.label("session_origin"), sessions.c.expires.label("x"))
        .join(sessions, sessions.c.user_id == users.c.id)
        .where(sessions.c.id_hash == digest(sid))
    )
    async with engine.connect() as conn:
        row = (await conn.execute(q)).mappings().first()
    if row is None or (row["x"] is not None and row["x"] <= now_ms()):
        return None
    return _user(row), row["session_origin"]


async def end_session(engine: AsyncEngine, sid: str) -> bool:
    async with writing(engine) as conn:
        done = await conn.execute(delete(sessions).where(sessions.c.id_hash == digest(sid)))
        # expired sessions of anyone go too: nothing else sweeps them
        await conn.execute(delete(sessions).where(sessions.c.expires <= now_ms()))
    return done.rowcount == 1


# -- API tokens -------------------------------------------------------------------------------


async def issue_token(engine: AsyncEngine, user_id: int, expires: int) -> str:
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    async with writing(engine) as conn:
        await conn.execute(
            tokens.insert().values(
                token_hash=digest(token), user_id=user_id, created=now_ms(), expires=expires
            )
        )
    return token


async def token_of(engine: AsyncEngine, token: str) -> tuple[int, int] | None:
    """(user id, expiry) of a valid token: known, not revoked, not expired."""
    q = select(tokens.c.user_id, tokens.c.expires).where(
        tokens.c.token_hash == digest(token),
        tokens.c.revoked.is_(None),
        tokens.c.expires > now_ms(),
    )
    async with engine.connect() as conn:
        row = (await conn.execute(q)).first()
    return (int(row.user_id), int(row.expires)) if row else None


async def token_user(engine: AsyncEngine, token: str) -> tuple[User, int] | None:
    """The user of a valid token and the token's expiry, in one query."""
    q = (
        select(users, tokens.c.expires.label("x"))
        .join(tokens, tokens.c.user_id == users.c.id)
        .where(
            tokens.c.token_hash == digest(token),
            tokens.c.revoked.is_(None),
            tokens.c.expires > now_ms(),
        )
    )
    async with engine.connect() as conn:
        row = (await conn.execute(q)).mappings().first()
    return (_user(row), int(row["x"])) if row else None


async def revoke_token(engine: AsyncEngine, token: str, user_id: int | None = None) -> bool:
    """Revoke a token (only one of ``user_id``'s when given); sessions it opened end too."""
    q = update(tokens).where(tokens.c.token_hash == digest(token), tokens.c.revoked.is_(None))
    if user_id is not None:
        q = q.where(tokens.c.user_id == user_id)
    async with writing(engine) as conn:
        done = await conn.execute(q.values(revoked=now_ms()).returning(tokens.c.id))
        revoked = done.scalar()
        if revoked is not None:
            await conn.execute(delete(sessions).where(sessions.c.token_id == revoked))
    return revoked is not None


# -- failed logins (and other requests the rate limiter counts) ------------------------------


async def record_failure(
    engine: AsyncEngine, address: str, account: str, kind: str = "login"
) -> None:
    now = now_ms()
    async with writing(engine) as conn:
        await conn.execute(
            login_failures.insert().values(
                address=address, account=account.lower(), at=now, kind=kind
            )
        )
        await conn.execute(delete(login_failures).where(login_failures.c.at < now - 86400_000))


async def recent_failures(
    engine: AsyncEngine, address: str, account: str, window_ms: int, kind: str = "login"
) -> tuple[int, int]:
    """Records of ``kind`` within the window: (from this address, against this account)."""
    since = now_ms() - window_ms
    f = login_failures.c
    by_address = select(func.count()).where(f.address == address, f.at >= since, f.kind == kind)
    by_account = select(func.count()).where(
        f.account == account.lower(), f.at >= since, f.kind == kind
    )
    async with engine.connect() as conn:
        a = (await conn.execute(by_address)).scalar_one()
        b = (await conn.execute(by_account)).scalar_one()
    return int(a), int(b)


async def clear_failures(engine: AsyncEngine, account: str) -> None:
    """Forget the failed logins against ``account`` (its reset requests still count)."""
    async with writing(engine) as conn:
        q = delete(login_failures).where(
            login_failures.c.account == account.lower(), login_failures.c.kind == "login"
        )
        await conn.execute(q)
