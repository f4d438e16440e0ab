"""Who is calling: FastAPI dependencies that resolve the caller from Traccar's three mechanisms.

- ``Authorization: Basic`` (email or login, password) or ``Authorization: Bearer <token>``: per
  request; when the header is present the cookie is ignored, as in Traccar.
- The ``JSESSIONID`` cookie of a login session, honoured only when the request carries no
  Origin, the Origin of the login, or (none stored) an Origin whose host is the Host header.

``optional_user`` yields the ``User`` or None; ``current_user`` answers 401 for anonymous
callers. Disabled and expired users are anonymous. The registry engine is
``request.app.state.registry`` (store/db.py), the settings ``request.app.state.settings``.
Passwords sent with Basic (pytraccar 2 sends them with every call) are verified once a minute,
not per request: argon2 costs tens of milliseconds on purpose.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import ipaddress
import logging
import time
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, HTTPException, Request
from prometheus_client import Counter
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.requests import HTTPConnection

from fleetwire.config import Settings
from fleetwire.logs import kv
from fleetwire.store import access, sessions
from fleetwire.store.users import User, authenticate, get_user

log = logging.getLogger("api")

COOKIE = "JSESSIONID"
LOGIN_FAILURES = Counter(
    "fleetwire_api_login_failures", "Failed logins and refused credentials", ["reason"]
)
_BASIC_TTL_S = 60.0
_BASIC_CACHE_MAX = 10000


@dataclass(slots=True)
class _Verified:
    user_id: int
    password_hash: str | None
    until: float


_basic_cache: dict[str, _Verified] = {}


def engine_of(request: HTTPConnection) -> AsyncEngine:
    engine: AsyncEngine = request.app.state.registry
    return engine


def settings_of(request: HTTPConnection) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def peer(request: HTTPConnection) -> str:
    """The client's address; behind a proxy on this host, the one in its X-Forwarded-For
    (uvicorn trusts that header from 127.0.0.1 only)."""
    return request.client.host if request.client else "-"


def is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


class TooManyFailures(HTTPException):
    def __init__(self, retry_after_s: float, what: str = "failed logins") -> None:
        super().__init__(
            429, f"too many {what}: try again later",
            headers={"Retry-After": str(int(retry_after_s))},
        )  # fmt: skip


async def over_rate(
    request: HTTPConnection, account: str, kind: str, per_address: int, per_account: int
) -> bool:
    """This address or this account has reached its limit of ``kind`` records (failed logins,
    password-reset requests) within the last ``api.login_window``."""
    by_address, by_account = await sessions.recent_failures(
        engine_of(request), peer(request), account,
        int(settings_of(request).api.login_window * 1000), kind,
    )  # fmt: skip
    return by_address >= per_address or by_account >= per_account


async def check_rate(request: HTTPConnection, account: str) -> None:
    """429 when this address or this account has failed too often lately."""
    st = settings_of(request).api
    if await over_rate(
        request, account, "login", st.login_max_per_address, st.login_max_per_account
    ):
        LOGIN_FAILURES.labels("rate_limited").inc()
        log.warning(kv("login_rate_limited", peer=peer(request), account=account[:100]))
        raise TooManyFailures(st.login_window)


async def login_failed(request: HTTPConnection, account: str, reason: str) -> None:
    LOGIN_FAILURES.labels(reason).inc()
    log.warning(kv("login_failed", peer=peer(request), account=account[:100], reason=reason))
    await sessions.record_failure(engine_of(request), peer(request), account[:200])


async def password_login(request: HTTPConnection, account: str, password: str) -> User | None:
    """The user of these credentials (rate limited and logged when wrong), or None."""
    await check_rate(request, account)
    user = await authenticate(engine_of(request), account, password)
    if user is None:
        await login_failed(request, account, "bad_credentials")
        return None
    if not user.totp_key:  # else only a right one-time code clears them: no code guessing
        await sessions.clear_failures(engine_of(request), account)
    return user


async def _basic(request: HTTPConnection, encoded: str) -> User | None:
    try:
        account, _, password = base64.b64decode(encoded, validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        LOGIN_FAILURES.labels("malformed").inc()
        return None
    key = hashlib.sha256(f"{account}\0{password}".encode()).hexdigest()
    hit = _basic_cache.get(key)
    engine = engine_of(request)
    if hit is not None and hit.until > time.monotonic():
        user = await get_user(engine, hit.user_id)
        if user is not None and user.password_hash == hit.password_hash:
            return _no_totp(user)
    try:
        user = await password_login(request, account, password)
    except TooManyFailures as e:  # public routes still answer; protected ones say 429
        request.state.auth_error = e
        return None
    if user is not None:
        if len(_basic_cache) >= _BASIC_CACHE_MAX:
            _basic_cache.clear()
        _basic_cache[key] = _Verified(user.id, user.password_hash, time.monotonic() + _BASIC_TTL_S)
        return _no_totp(user)
    return None


def _no_totp(user: User) -> User | None:
    """Basic carries no one-time code: a user with one cannot log in that way (as Traccar)."""
    if user.totp_key:
        LOGIN_FAILURES.labels("totp_basic").inc()
        return None
    return user


async def token_user(request: HTTPConnection, token: str) -> tuple[User, int] | None:
    """The user of a valid API token and the token's expiry."""
    found = await sessions.token_user(engine_of(request), token)
    if found is None:
        LOGIN_FAILURES.labels("bad_token").inc()
        log.warning(kv("token_refused", peer=peer(request)))
    return found


def origin_allowed(request: HTTPConnection, stored: str | None) -> bool:
    origin = request.headers.get("origin")
    if origin is None:
        return True
    if stored is not None:
        return origin == stored
    return urlsplit(origin).netloc == request.headers.get("host")


async def _resolve(request: HTTPConnection) -> User | None:
    header = request.headers.get("authorization")
    if header is not None:
        scheme, _, value = header.strip().partition(" ")
        if scheme.lower() == "basic":
            return await _basic(request, value.strip())
        if scheme.lower() == "bearer":
            found = await token_user(request, value.strip())
            return found[0] if found else None
        return None
    sid = request.cookies.get(COOKIE)
    if not sid:
        return None
    session = await sessions.session_user(engine_of(request), sid)
    if session is None or not origin_allowed(request, session[1]):
        return None
    return session[0]


async def connection_user(conn: HTTPConnection) -> User | None:
    """The user of an HTTP request or a WebSocket (``/api/socket``): a ``?token=`` in the
    query, else as ``optional_user``. Disabled and expired users are None."""
    token = conn.query_params.get("token")
    if token:
        found = await token_user(conn, token)
        user = found[0] if found else None
    else:
        user = await _resolve(conn)
    return user if user is not None and user.active() else None


async def optional_user(request: Request) -> User | None:
    """The authenticated caller, or None (anonymous, bad credentials, disabled, expired)."""
    if "user" in request.scope.get("state", {}):
        cached: User | None = request.state.user
        return cached
    user = await _resolve(request)
    if user is not None and not user.active():
        user = None
    request.state.user = user
    return user


async def current_user(
    request: Request, user: Annotated[User | None, Depends(optional_user)]
) -> User:
    """The authenticated caller; 401 when there is none (429 when its address or account is
    locked out by failed logins)."""
    if user is None:
        error = getattr(request.state, "auth_error", None)
        if isinstance(error, HTTPException):
            raise error
        raise HTTPException(401, "authentication required")
    return user


async def admin_user(user: Annotated[User, Depends(current_user)]) -> User:
    """An administrator; 400 for others (Traccar's answer to a permission failure)."""
    if not user.administrator:
        raise HTTPException(400, "administrator access required")
    return user


@dataclass(slots=True, frozen=True)
class DeviceScope:
    """The caller and the devices it may see (``ids`` None: every device)."""

    user: User
    ids: set[int] | None

    def allows(self, device_id: int) -> bool:
        return self.ids is None or device_id in self.ids


async def device_scope(
    request: Request, user: Annotated[User, Depends(current_user)]
) -> DeviceScope:
    """For endpoints over device data: the caller (401 when anonymous) and its devices."""
    return DeviceScope(user, await access.visible_device_ids(engine_of(request), user))


CurrentUser = Annotated[User, Depends(current_user)]
Scope = Annotated[DeviceScope, Depends(device_scope)]
OptionalUser = Annotated[User | None, Depends(optional_user)]
AdminUser = Annotated[User, Depends(admin_user)]
