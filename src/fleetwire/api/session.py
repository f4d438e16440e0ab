"""/api/session: Traccar's login, session check, logout and API tokens, with its status codes
(traccar-api.md §1): GET is 404 without a session, a bad password 401 with an empty body, a
user with a one-time-password secret and no `code` 401 with `WWW-Authenticate: TOTP`, a wrong
code, a disabled or expired account 400, logout 204; POST session/token answers the bare token text.

The session cookie is ``JSESSIONID`` (Path=/, HttpOnly; Secure when the request came over
HTTPS; SameSite=Lax), a fresh id at every login, bound to the login's Origin.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Query, Request, Response

from fleetwire.api.auth import (
    COOKIE,
    CurrentUser,
    OptionalUser,
    engine_of,
    login_failed,
    password_login,
    settings_of,
    token_user,
)
from fleetwire.api.users import json_response, user_json
from fleetwire.store import sessions, totp
from fleetwire.store.users import User, now_ms


def parse_time(value: str) -> int:
    """An ISO-8601 time with a zone (Z or an offset, as Traccar requires) to ms; a '+' that
    query-string decoding turned into a space is put back."""
    text = value.strip().replace(" ", "+")
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        t = datetime.fromisoformat(text)
    except ValueError:
        raise HTTPException(400, f"not an ISO-8601 time: {value!r}") from None
    if t.tzinfo is None:
        raise HTTPException(400, f"the time needs a zone (Z or an offset): {value!r}")
    return int(t.timestamp() * 1000)


def _cookie(response: Response, request: Request, sid: str, expires: int | None) -> None:
    max_age = None if expires is None else max(int((expires - now_ms()) / 1000), 0)
    response.set_cookie(
        COOKIE, sid, max_age=max_age, path="/", httponly=True, samesite="lax",
        secure=request.url.scheme == "https",
    )  # fmt: skip


async def _open(request: Request, user: User, expires: int | None, token: str | None) -> Response:
    sid = await sessions.create_session(
        engine_of(request), user.id, request.headers.get("origin"), expires,
        replaces=request.cookies.get(COOKIE), token=token,
    )  # fmt: skip
    response = json_response(user_json(user))
    _cookie(response, request, sid, expires)
    return response


def _check_active(user: User) -> None:
    if user.disabled:
        raise HTTPException(400, "account is disabled")
    if not user.active():
        raise HTTPException(400, "account has expired")


def session_router() -> APIRouter:
    r = APIRouter(tags=["session"])

    @r.get("/api/session", summary="The logged-in user (404 when none); ?token= logs in")
    async def get_session(
        request: Request, user: OptionalUser, token: Annotated[str | None, Query()] = None
    ) -> Response:
        if token is not None:
            found = await token_user(request, token)
            if found is None:
                raise HTTPException(401, "invalid, expired or revoked token")
            _check_active(found[0])
            return await _open(request, found[0], found[1], token)
        if user is None:
            raise HTTPException(404, "not logged in")
        return json_response(user_json(user))

    @r.post("/api/session", summary="Log in (form: email, password)")
    async def login(
        request: Request,
        email: Annotated[str, Form(max_length=200)],
        password: Annotated[str, Form(max_length=1000)],
        code: Annotated[str | None, Form(max_length=20)] = None,
    ) -> Response:
        user = await password_login(request, email, password)
        if user is None:
            return Response(status_code=401)
        if user.totp_key:  # Traccar's challenge: 401 naming TOTP, then a wrong code is 400
            if not code:
                return Response(status_code=401, headers={"WWW-Authenticate": "TOTP"})
            if not totp.verify(user.totp_key, code):
                await login_failed(request, email, "bad_totp")
                raise HTTPException(400, "wrong one-time code")
            await sessions.clear_failures(engine_of(request), email)
        if not user.active():
            await login_failed(request, email, "inactive")
        _check_active(user)
        expires = now_ms() + int(settings_of(request).api.session_days * 86400_000)
        return await _open(request, user, expires, None)

    @r.delete("/api/session", status_code=204, summary="Log out")
    async def logout(request: Request, user: CurrentUser) -> Response:
        sid = request.cookies.get(COOKIE)
        if sid:
            await sessions.end_session(engine_of(request), sid)
        response = Response(status_code=204)
        response.delete_cookie(COOKIE, path="/")
        return response

    @r.post(
        "/api/session/token",
        summary="Mint an API token (form: expiration, ISO-8601; default 7 days); bare text",
    )
    async def new_token(
        request: Request,
        user: CurrentUser,
        expiration: Annotated[str | None, Form()] = None,
    ) -> Response:
        days = settings_of(request).api.token_days
        expires = parse_time(expiration) if expiration else now_ms() + int(days * 86400_000)
        if expires <= now_ms():
            raise HTTPException(400, "the expiration is in the past")
        sid = request.cookies.get(COOKIE)
        if sid and "authorization" not in request.headers:
            session = await sessions.session_of(engine_of(request), sid)
            if session is not None and session[2] is not None:
                expires = min(expires, session[2])  # never outlives the session minting it
        token = await sessions.issue_token(engine_of(request), user.id, expires)
        return Response(token, media_type="text/plain")

    @r.post("/api/session/token/revoke", status_code=204, summary="Revoke a token (form)")
    async def revoke(
        request: Request, user: CurrentUser, token: Annotated[str, Form()]
    ) -> Response:
        owner = None if user.administrator else user.id
        if not await sessions.revoke_token(engine_of(request), token, owner):
            raise HTTPException(400, "no such token")
        return Response(status_code=204)

    return r
