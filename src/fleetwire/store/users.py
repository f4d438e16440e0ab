"""Users of the registry: the ``User`` record, password hashing (argon2id), creation, lookup by
email or login, updates. Knows nothing of HTTP; sessions and tokens are in store/sessions.py,
who may see what in store/access.py."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import orjson
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select
from sqlalchemy.engine import RowMapping
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from fleetwire.store.db import writing
from fleetwire.store.schema import users

_hasher = PasswordHasher()  # argon2id with the library's current recommended cost


class UserExists(ValueError):
    pass


def now_ms() -> int:
    return int(time.time() * 1000)


@dataclass(slots=True, frozen=True)
class User:
    id: int
    name: str
    email: str
    login: str | None
    password_hash: str | None = field(repr=False)
    administrator: bool
    readonly: bool
    device_readonly: bool
    limit_commands: bool
    disable_reports: bool
    disabled: bool
    expiration_time: int | None  # ms since the epoch; None: never
    device_limit: int  # -1: unlimited
    user_limit: int  # 0: manages nobody; -1: unlimited
    phone: str | None
    created: int
    attributes: dict[str, Any]
    totp_key: str | None = field(default=None, repr=False)  # set: logins need a code

    def active(self, at_ms: int | None = None) -> bool:
        """Not disabled and not past its expiration."""
        if self.disabled:
            return False
        return self.expiration_time is None or self.expiration_time > (at_ms or now_ms())

    @property
    def manager(self) -> bool:
        return self.user_limit != 0


def _user(r: RowMapping) -> User:
    """A User from a row holding (at least) the columns of users."""
    return User(
        id=int(r["id"]), name=r["name"], email=r["email"], login=r["login"],
        password_hash=r["password_hash"], administrator=bool(r["administrator"]),
        readonly=bool(r["readonly"]), device_readonly=bool(r["device_readonly"]),
        limit_commands=bool(r["limit_commands"]), disable_reports=bool(r["disable_reports"]),
        disabled=bool(r["disabled"]), expiration_time=r["expiration_time"],
        device_limit=int(r["device_limit"]), user_limit=int(r["user_limit"]), phone=r["phone"],
        created=int(r["created"]), attributes=orjson.loads(r["attributes"] or "{}"),
        totp_key=r["totp_key"],
    )  # fmt: skip


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    if not password_hash:
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


# compared against when no such user exists, so that a wrong email costs as long as a wrong
# password and the timing does not tell which accounts exist
_DUMMY = hash_password("no such user")

# columns a caller may set through create_user / update_user
FIELDS = frozenset(
    {"name", "email", "login", "administrator", "readonly", "device_readonly", "limit_commands",
     "disable_reports", "disabled", "expiration_time", "device_limit", "user_limit", "phone",
     "attributes", "totp_key"}
)  # fmt: skip


def _values(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - FIELDS
    if unknown:
        raise TypeError(f"not user fields: {', '.join(sorted(unknown))}")
    out = dict(fields)
    if "email" in out:
        out["email"] = out["email"].strip().lower()
    if "login" in out and out["login"] is not None:
        out["login"] = out["login"].strip() or None
    if "attributes" in out:
        out["attributes"] = orjson.dumps(out["attributes"] or {}).decode()
    return out


async def count_users(engine: AsyncEngine | AsyncConnection) -> int:
    if isinstance(engine, AsyncConnection):
        return int((await engine.execute(select(func.count()).select_from(users))).scalar_one())
    async with engine.connect() as conn:
        return await count_users(conn)


async def create_user(
    engine: AsyncEngine,
    email: str,
    password: str | None,
    *,
    first_is_admin: bool = False,
    **fields: Any,
) -> User:
    """A new user; ``first_is_admin``: made administrator when there is no user yet (Traccar's
    first registration), decided in the same transaction as the insert."""
    values = _values({"email": email, **fields})
    if not values["email"]:
        raise ValueError("a user needs an email")
    values["password_hash"] = hash_password(password) if password else None
    values["created"] = now_ms()
    values.setdefault("name", values["email"])
    async with writing(engine) as conn:
        if first_is_admin and await count_users(conn) == 0:
            values["administrator"] = True
        if await _clash(conn, values["email"], values.get("login")):
            raise UserExists(f"a user {values['email']!r} exists already")
        try:
            new_id = (await conn.execute(users.insert().values(**values))).inserted_primary_key
        except IntegrityError as e:
            raise UserExists(f"a user {values['email']!r} exists already") from e
    user = await get_user(engine, int(new_id[0]))  # type: ignore[index]
    assert user is not None
    return user


async def _clash(conn: AsyncConnection, email: str, login: str | None, but: int = 0) -> bool:
    """Another user already answers to this email or login (either column: both log in)."""
    names = {email.lower()} | ({login.lower()} if login else set())
    q = select(users.c.id).where(
        users.c.id != but,
        func.lower(users.c.email).in_(names) | func.lower(users.c.login).in_(names),
    )
    return (await conn.execute(q.limit(1))).first() is not None


async def get_user(engine: AsyncEngine | AsyncConnection, user_id: int) -> User | None:
    q = select(users).where(users.c.id == user_id)
    if isinstance(engine, AsyncConnection):
        row = (await engine.execute(q)).mappings().first()
    else:
        async with engine.connect() as conn:
            row = (await conn.execute(q)).mappings().first()
    return _user(row) if row else None


async def find_user(engine: AsyncEngine, identity: str) -> User | None:
    """The user whose email or login is ``identity``, case-insensitively."""
    key = identity.strip().lower()
    q = select(users).where((func.lower(users.c.email) == key) | (func.lower(users.c.login) == key))
    async with engine.connect() as conn:
        row = (await conn.execute(q.order_by(users.c.id).limit(1))).mappings().first()
    return _user(row) if row else None


async def authenticate(engine: AsyncEngine, identity: str, password: str) -> User | None:
    """The user these credentials belong to, or None. Disabled and expired users are returned
    (the caller tells them apart from bad credentials, as Traccar does)."""
    user = await find_user(engine, identity)
    if user is None:
        verify_password(_DUMMY, password)
        return None
    return user if verify_password(user.password_hash, password) else None


async def list_users(engine: AsyncEngine, ids: set[int] | None = None) -> list[User]:
    """Every user (``ids`` None) or those of ``ids``, by name."""
    q = select(users).order_by(users.c.name, users.c.id)
    if ids is not None:
        q = q.where(users.c.id.in_(ids))
    async with engine.connect() as conn:
        return [_user(r) for r in (await conn.execute(q)).mappings()]


async def update_user(
    engine: AsyncEngine, user_id: int, *, password: str | None = None, **fields: Any
) -> User | None:
    """Set these columns (a non-empty ``password`` sets a new hash); None if no such user."""
    values = _values(fields)
    if password:
        values["password_hash"] = hash_password(password)
    async with writing(engine) as conn:
        if ("email" in values or "login" in values) and await _clash(
            conn, values.get("email", ""), values.get("login"), but=user_id
        ):
            raise UserExists("another user has this email or login")
        if values:
            try:
                await conn.execute(users.update().where(users.c.id == user_id).values(**values))
            except IntegrityError as e:
                raise UserExists("another user has this email or login") from e
        return await get_user(conn, user_id)


async def delete_user(engine: AsyncEngine, user_id: int) -> bool:
    """Remove a user; its sessions, tokens and permission links go with it."""
    async with writing(engine) as conn:
        return (await conn.execute(users.delete().where(users.c.id == user_id))).rowcount == 1
