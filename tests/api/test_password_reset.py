"""Password reset (POST /api/password/reset, /api/password/update) over real HTTP against the
running API, with a real SMTP server (aiosmtpd) receiving the mail: the token arrives by email,
works once, ends the user's sessions and tokens; the reset answers the same for any address; it
is rate limited per client address and per address asked for; without an SMTP host it says so."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator
from email.message import Message

import pytest

from fleetwire.config import NotifySettings, Settings
from fleetwire.testing import free_port
from tests.api.conftest import ADMIN, Client, add_user, basic, serve
from tests.worker.outbox.services import Inbox, smtp_server

USER = ("Driver@Example.org", "old password")
WEB = "https://fleet.example.org"


def configured(s: Settings, smtp_port: int, **api: object) -> Settings:
    return s.model_copy(
        update={
            "api": s.api.model_copy(update={"web_url": WEB, **api}),
            "outbox": s.outbox.model_copy(update={"notify": NotifySettings(smtp_port=smtp_port)}),
        }
    )


def token_in(mail: Message) -> str:
    body = mail.get_payload(decode=True)
    assert isinstance(body, bytes)
    found = re.search(
        re.escape(WEB) + r"/reset-password\?passwordReset=([A-Za-z0-9_-]+)\r?\n", body.decode()
    )
    assert found, body
    return found.group(1)


@pytest.fixture
def smtp() -> Iterator[tuple[int, Inbox]]:
    port = free_port()
    with smtp_server(port) as inbox:
        yield port, inbox


@pytest.fixture
def mailing(api_settings: Settings, smtp: tuple[int, Inbox]) -> Iterator[tuple[Client, Inbox]]:
    """The API with the test's SMTP server, a user (USER) and an anonymous client."""
    add_user(api_settings, *USER)
    for base in serve(configured(api_settings, smtp[0])):
        yield Client(base), smtp[1]


def test_reset_by_email_then_update_once(mailing: tuple[Client, Inbox]) -> None:
    anon, inbox = mailing
    # the user is logged in twice: a session cookie and an API token
    browser = anon.as_(None)
    r = browser.request("POST", "/api/session", form={"email": USER[0], "password": USER[1]})
    assert r.status_code == 200
    api_token = browser.request("POST", "/api/session/token").text
    assert anon.as_(f"Bearer {api_token}").get("/api/devices").status_code == 200

    r = anon.request("POST", "/api/password/reset", form={"email": "driver@example.ORG"})
    assert (r.status_code, r.content) == (200, b"")
    (mail,) = inbox.wait(1)
    assert mail["To"] == USER[0].lower() and mail["Subject"] == "Password reset"
    assert mail["From"] == NotifySettings().smtp_from
    token = token_in(mail)
    assert anon.get("/api/server").json()["emailEnabled"] is True

    r = anon.request("POST", "/api/password/update", form={"token": token, "password": "new one"})
    assert (r.status_code, r.content) == (200, b"")

    def login(password: str) -> int:
        form = {"email": USER[0], "password": password}
        return anon.as_(None).request("POST", "/api/session", form=form).status_code

    assert login(USER[1]) == 401
    assert login("new one") == 200
    assert browser.get("/api/session").status_code == 404  # the old session ended
    assert anon.as_(f"Bearer {api_token}").get("/api/devices").status_code == 401  # revoked
    # the token worked once
    r = anon.request("POST", "/api/password/update", form={"token": token, "password": "again"})
    assert r.status_code == 400 and "token" in r.text
    assert login("new one") == 200


def test_unknown_address_gets_the_same_answer_and_no_mail(mailing: tuple[Client, Inbox]) -> None:
    anon, inbox = mailing
    r = anon.request("POST", "/api/password/reset", form={"email": "nobody@example.org"})
    assert (r.status_code, r.content) == (200, b"")
    r = anon.request("POST", "/api/password/reset", form={"email": USER[0]})
    assert (r.status_code, r.content) == (200, b"")
    inbox.wait(1)
    time.sleep(0.3)  # the unknown one had its turn first; nothing more arrives
    assert [m["To"] for m in inbox.mails] == [USER[0].lower()]


def test_bad_tokens_and_passwords_are_400(mailing: tuple[Client, Inbox]) -> None:
    anon, inbox = mailing
    for form in (
        {"token": "made-up", "password": "x"},
        {"token": "", "password": "x"},
        {"password": "x"},
    ):
        r = anon.request("POST", "/api/password/update", form=form)
        assert r.status_code == 400, (form, r.text)
    anon.request("POST", "/api/password/reset", form={"email": USER[0]})
    token = token_in(inbox.wait(1)[0])
    r = anon.request("POST", "/api/password/update", form={"token": token, "password": ""})
    assert r.status_code == 400
    # a refused password spent nothing: the token still works
    r = anon.request("POST", "/api/password/update", form={"token": token, "password": "fine"})
    assert r.status_code == 200


def test_an_expired_token_is_refused(api_settings: Settings, smtp: tuple[int, Inbox]) -> None:
    add_user(api_settings, *USER)
    for base in serve(configured(api_settings, smtp[0], reset_hours=0.5 / 3600)):
        anon = Client(base)
        anon.request("POST", "/api/password/reset", form={"email": USER[0]})
        token = token_in(smtp[1].wait(1)[0])
        time.sleep(0.6)
        r = anon.request("POST", "/api/password/update", form={"token": token, "password": "x"})
        assert r.status_code == 400
        r = anon.request("POST", "/api/session", form={"email": USER[0], "password": USER[1]})
        assert r.status_code == 200  # unchanged


def test_requests_are_rate_limited_per_address_and_per_account(
    api_settings: Settings, smtp: tuple[int, Inbox]
) -> None:
    add_user(api_settings, *USER)
    limits = {"reset_max_per_address": 4, "reset_max_per_account": 2}
    for base in serve(configured(api_settings, smtp[0], **limits)):
        anon = Client(base)

        def reset(email: str, anon: Client = anon) -> int:
            r = anon.request("POST", "/api/password/reset", form={"email": email})
            if r.status_code == 429:
                assert "password reset" in r.text and int(r.headers["Retry-After"]) > 0
            return r.status_code

        assert [reset(USER[0]), reset(USER[0]), reset(USER[0].upper())] == [200, 200, 429]
        assert [reset("b@x.org"), reset("c@x.org"), reset("d@x.org")] == [200, 200, 429]
        smtp[1].wait(2)
        time.sleep(0.3)
        assert len(smtp[1].mails) == 2  # the refused request sent nothing
        # counted apart from failed logins: logging in from this address still works
        r = anon.request("POST", "/api/session", form={"email": USER[0], "password": USER[1]})
        assert r.status_code == 200


def test_without_smtp_the_reset_says_so(
    api_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    add_user(api_settings, *USER)
    s = api_settings.model_copy(
        update={"outbox": api_settings.outbox.model_copy(
            update={"notify": NotifySettings(smtp_host="")})}
    )  # fmt: skip
    with caplog.at_level(logging.WARNING, logger="api"):
        for base in serve(s):
            anon = Client(base)
            assert anon.get("/api/server").json()["emailEnabled"] is False
            for email in (USER[0], "nobody@example.org"):  # the same for any address
                r = anon.request("POST", "/api/password/reset", form={"email": email})
                assert r.status_code == 400
                assert "no email server" in r.text
    assert any("password_reset_refused" in m for m in caplog.messages)


def test_an_smtp_failure_is_logged_not_answered(
    api_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    add_user(api_settings, *USER)
    down = free_port()  # nothing listens there
    with caplog.at_level(logging.INFO, logger="api"):
        for base in serve(configured(api_settings, down)):
            r = Client(base).request("POST", "/api/password/reset", form={"email": USER[0]})
            assert (r.status_code, r.content) == (200, b"")
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and not any(
                "password_reset_mail_failed" in m for m in caplog.messages
            ):
                time.sleep(0.05)
    assert any("password_reset_mail_failed" in m for m in caplog.messages)


def test_admin_basic_auth_is_no_obstacle(mailing: tuple[Client, Inbox]) -> None:
    """Public routes: a caller's credentials (here an administrator's) change nothing."""
    anon, inbox = mailing
    admin = anon.as_(basic(*ADMIN))
    r = admin.request("POST", "/api/password/reset", form={"email": ADMIN[0]})
    assert r.status_code == 200
    assert inbox.wait(1)[0]["To"] == ADMIN[0]


def test_without_web_url_the_mail_gives_the_path_never_the_host_asked(
    api_settings: Settings, smtp: tuple[int, Inbox]
) -> None:
    add_user(api_settings, *USER)
    for base in serve(configured(api_settings, smtp[0], web_url="")):
        anon = Client(base)
        r = anon.request(
            "POST", "/api/password/reset", form={"email": USER[0]},
            headers={"Host": "evil.example", "X-Forwarded-Host": "evil.example"},
        )  # fmt: skip
        assert r.status_code == 200
        body = smtp[1].wait(1)[0].get_payload(decode=True)
        assert isinstance(body, bytes)
        text = body.decode()
        assert "://" not in text and "evil" not in text
        found = re.search(r"\n/reset-password\?passwordReset=([A-Za-z0-9_-]+)\r?\n", text)
        assert found, text
        form = {"token": found.group(1), "password": "from the path"}
        assert anon.request("POST", "/api/password/update", form=form).status_code == 200
