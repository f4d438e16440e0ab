"""/api/password: Traccar's password reset (traccar-api.md §1 and §2.1), two public routes that
take form bodies and answer errors as short plain text (traccar-web shows it in a snackbar).

- ``POST reset`` (form ``email``): 200 with an empty body whether or not an account answers to
  the address, so it tells nobody which accounts exist. The lookup, the token and the email
  happen after the answer is sent, so its timing tells nothing either, and an SMTP failure is
  logged rather than answered. Requests are rate limited per client address and per address
  asked for, as failed logins are (429). A server without email (no SMTP host) answers 400 and
  logs why, before looking at the address.
- ``POST update`` (form ``token``, ``password``): sets the password of the token's user (the
  token works once, within ``api.reset_hours``), ends that user's sessions and revokes its API
  tokens; 400 for an unknown, expired or used token.
"""

from __future__ import annotations

import logging
from email.message import EmailMessage
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request, Response
from prometheus_client import Counter
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.background import BackgroundTask

from fleetwire.api.auth import TooManyFailures, engine_of, over_rate, peer, settings_of
from fleetwire.api.traccar.errors import TextErrors
from fleetwire.config import Settings
from fleetwire.logs import kv
from fleetwire.mailer import MAIL_ERRORS, mail_configured, send_mail
from fleetwire.store import sessions
from fleetwire.store.password_reset import issue_reset, use_reset
from fleetwire.store.users import find_user, get_user

log = logging.getLogger("api")

RESETS = Counter(
    "fleetwire_api_password_resets", "Password reset requests and updates", ["outcome"]
)
RESET_PATH = "/reset-password"  # traccar-web's page, which reads ?passwordReset=<token>


def compose(settings: Settings, to: str, token: str) -> EmailMessage:
    hours = settings.api.reset_hours
    path = f"{RESET_PATH}?passwordReset={token}"
    base = settings.api.web_url.rstrip("/")
    where = f"open this link:\n\n{base}{path}\n" if base else (
        f"open this page of your Fleetwire server's web address:\n\n{path}\n\n"
        f"(or send the token {token} with a new password to /api/password/update)\n"
    )  # fmt: skip
    msg = EmailMessage()
    msg["From"] = settings.outbox.notify.smtp_from
    msg["To"] = to
    msg["Subject"] = "Password reset"
    msg.set_content(
        f"Someone asked to reset the password of the account {to}.\n\n"
        f"To choose a new password, {where}\n"
        f"It works once, within {hours:g} hour(s). If you did not ask for this, ignore this "
        "email: your password stays as it is.\n"
    )
    return msg


async def send_reset(engine: AsyncEngine, settings: Settings, email: str) -> None:
    """Issue a token for the account of ``email``, if there is an active one, and mail it."""
    user = await find_user(engine, email)
    if user is None or not user.active():
        RESETS.labels("no_account").inc()
        log.info(kv("password_reset_no_account", account=email[:100]))
        return
    token = await issue_reset(engine, user.id, int(settings.api.reset_hours * 3600_000))
    try:
        await send_mail(settings.outbox.notify, compose(settings, user.email, token))
    except (*MAIL_ERRORS, ValueError) as e:  # ValueError: an address no header can carry
        RESETS.labels("mail_failed").inc()
        log.error(kv("password_reset_mail_failed", user=user.id, error=f"{type(e).__name__}: {e}"))
        return
    RESETS.labels("sent").inc()
    log.info(kv("password_reset_sent", user=user.id))


def password_router() -> APIRouter:
    r = APIRouter(prefix="/api/password", tags=["session"], route_class=TextErrors)

    @r.post("/reset", summary="Email a password-reset token (form: email); 200 for any address")
    async def reset(request: Request, email: Annotated[str, Form(max_length=200)]) -> Response:
        settings = settings_of(request)
        if not mail_configured(settings.outbox.notify):
            RESETS.labels("no_mail").inc()
            log.warning(kv("password_reset_refused", reason="no SMTP host (outbox.notify)"))
            raise HTTPException(400, "Password reset is not available: no email server set up")
        st = settings.api
        if await over_rate(
            request, email, "reset", st.reset_max_per_address, st.reset_max_per_account
        ):
            RESETS.labels("rate_limited").inc()
            log.warning(kv("password_reset_rate_limited", peer=peer(request), account=email[:100]))
            raise TooManyFailures(st.login_window, "password reset requests")
        engine = engine_of(request)
        await sessions.record_failure(engine, peer(request), email[:200], kind="reset")
        return Response(
            status_code=200, background=BackgroundTask(send_reset, engine, settings, email)
        )

    @r.post("/update", summary="Set a new password with an emailed token (form: token, password)")
    async def update(
        request: Request,
        token: Annotated[str, Form(max_length=200)],
        password: Annotated[str, Form(min_length=1, max_length=1000)],
    ) -> Response:
        engine = engine_of(request)
        user_id = await use_reset(engine, token, password)
        if user_id is None:
            RESETS.labels("bad_token").inc()
            log.warning(kv("password_update_refused", peer=peer(request)))
            raise HTTPException(400, "Invalid, expired or already used reset token")
        RESETS.labels("updated").inc()
        log.info(kv("password_updated", user=user_id, peer=peer(request)))
        user = await get_user(engine, user_id)
        if user is not None:  # locked out by failed logins? the owner of the mailbox is back
            await sessions.clear_failures(engine, user.email)
            if user.login:
                await sessions.clear_failures(engine, user.login)
        return Response(status_code=200)

    return r
