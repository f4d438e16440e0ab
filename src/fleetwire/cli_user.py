"""`fleetwire user ...`: users and API tokens straight in the registry (no API needed), for the
first administrator, scripts and the tests' harness."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import click
from sqlalchemy.ext.asyncio import AsyncEngine

from fleetwire.config import Settings

T = TypeVar("T")

_config = click.option(
    "--config", "-c", type=click.Path(path_type=Path, dir_okay=False, exists=True),
    envvar="FLEETWIRE_CONFIG", help="TOML configuration file.",
)  # fmt: skip
_data_dir = click.option(
    "--data-dir", type=click.Path(path_type=Path, file_okay=False), default=None,
    help="Data directory (default ./data).",
)  # fmt: skip


def _settings(config: Path | None, data_dir: Path | None) -> Settings:
    from fleetwire.cli import _settings as load

    return load(config, data_dir)


def _with_registry(settings: Settings, fn: Callable[[AsyncEngine], Awaitable[T]]) -> T:
    """Run ``fn`` on the registry engine, the registry brought up to date first (embedded) or
    checked (PostgreSQL)."""
    from fleetwire.store.db import open_registry
    from fleetwire.store.migrate import SchemaBehind, check_registry, migrate_embedded

    if not settings.store.postgres:
        migrate_embedded(settings)

    async def go() -> T:
        engine = open_registry(settings)
        try:
            if settings.store.postgres:
                await check_registry(engine)
            return await fn(engine)
        finally:
            await engine.dispose()

    try:
        return asyncio.run(go())
    except SchemaBehind as e:
        raise click.ClickException(str(e)) from None
    except OSError as e:
        raise click.ClickException(f"cannot reach the registry: {e}") from None


def read_password(confirm: bool = True) -> str:
    """Prompted (hidden, twice) on a terminal; else the first line of stdin."""
    if sys.stdin.isatty():
        password: str = click.prompt("Password", hide_input=True, confirmation_prompt=confirm)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise click.ClickException("an empty password is not allowed")
    return password


def how_to_log_in(settings: Settings) -> None:
    """Where the UI is and how to log in, or how to create the first user when none exists."""
    from fleetwire.store.db import open_registry
    from fleetwire.store.users import count_users

    async def users() -> int:
        engine = open_registry(settings)
        try:
            return await count_users(engine)
        finally:
            await engine.dispose()

    host = settings.api.host
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    scheme = "https" if settings.api.tls_cert else "http"
    click.echo(f"Fleetwire: web UI and API on {scheme}://{shown}:{settings.api.port}/", err=True)
    if asyncio.run(users()) == 0:
        click.echo(
            "No user yet. Create the administrator with\n"
            f"    fleetwire user add --admin you@example.com --data-dir {settings.data_dir}\n"
            "or register in the web UI: the first account registered becomes administrator.",
            err=True,
        )
    else:
        click.echo(
            "Log in with a user's email and password (`fleetwire user list` shows them;"
            " `fleetwire user token EMAIL` mints an API token).",
            err=True,
        )


@click.group()
def user() -> None:
    """Create and list users, mint API tokens."""


@user.command("add")
@click.argument("email")
@click.option("--admin", is_flag=True, help="An administrator: sees and manages everything.")
@click.option("--name", default=None, help="Display name (default: the email).")
@click.option("--login", default=None, help="A login name usable instead of the email.")
@click.option("--readonly", is_flag=True, help="May look, not change.")
@_config
@_data_dir
def user_add(
    email: str, admin: bool, name: str | None, login: str | None, readonly: bool,
    config: Path | None, data_dir: Path | None,
) -> None:  # fmt: skip
    """Create a user; the password is prompted for, or read from stdin when not a terminal."""
    from fleetwire.store.users import UserExists, create_user

    if "@" not in email and not login:
        raise click.BadParameter(f"{email!r} is not an email address", param_hint="EMAIL")
    settings = _settings(config, data_dir)
    password = read_password()
    fields: dict[str, Any] = {"administrator": admin, "readonly": readonly, "login": login}
    if name:
        fields["name"] = name
    try:
        u = _with_registry(settings, lambda e: create_user(e, email, password, **fields))
    except UserExists as e:
        raise click.ClickException(str(e)) from None
    click.echo(f"user {u.id} {u.email}" + (" (administrator)" if u.administrator else ""))


@user.command("list")
@_config
@_data_dir
def user_list(config: Path | None, data_dir: Path | None) -> None:
    """Every user: id, email, login, flags."""
    from fleetwire.store.users import list_users

    settings = _settings(config, data_dir)
    for u in _with_registry(settings, list_users):
        flags = [
            f for f, on in (("admin", u.administrator), ("readonly", u.readonly),
                            ("disabled", u.disabled)) if on
        ]  # fmt: skip
        click.echo(f"{u.id:>5} {u.email:<32} {u.login or '-':<16} {','.join(flags) or '-'}")


@user.command("token")
@click.argument("email")
@click.option("--days", type=float, default=7.0, show_default=True, help="Valid for this long.")
@_config
@_data_dir
def user_token(email: str, days: float, config: Path | None, data_dir: Path | None) -> None:
    """Mint an API token for a user (Bearer, or ?token= on GET /api/session) and print it."""
    from fleetwire.store.sessions import issue_token
    from fleetwire.store.users import find_user, now_ms

    settings = _settings(config, data_dir)

    async def mint(engine: AsyncEngine) -> tuple[str, int]:
        u = await find_user(engine, email)
        if u is None:
            raise click.ClickException(f"no user {email!r}")
        expires = now_ms() + int(days * 86400_000)
        return await issue_token(engine, u.id, expires), expires

    token, expires = _with_registry(settings, mint)
    until = datetime.fromtimestamp(expires / 1000, UTC).isoformat(timespec="seconds")
    click.echo(token)
    click.echo(f"valid until {until}", err=True)
