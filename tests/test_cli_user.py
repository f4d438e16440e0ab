"""`fleetwire user add/list/token` on a real registry, and what `fleetwire run` says about
logging in."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import pytest

from fleetwire.cli_user import how_to_log_in
from fleetwire.config import Settings
from fleetwire.store.db import open_registry
from fleetwire.store.migrate import migrate_embedded
from fleetwire.store.sessions import token_of
from fleetwire.store.users import authenticate


def fleetwire(data_dir: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fleetwire", "user", *args, "--data-dir", str(data_dir)],
        input=stdin, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_user_add_list_and_token(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = Settings(data_dir=data_dir)
    migrate_embedded(settings)  # as `fleetwire run` does before it says how to log in
    how_to_log_in(settings)
    assert "fleetwire user add --admin" in capsys.readouterr().err  # no user yet: how to make one

    made = fleetwire(data_dir, "add", "--admin", "Root@Example.org", stdin="s3cret pass\n")
    assert made.returncode == 0, made.stderr
    assert "(administrator)" in made.stdout
    again = fleetwire(data_dir, "add", "root@example.org", stdin="x\n")
    assert again.returncode != 0 and "exists" in again.stderr
    empty = fleetwire(data_dir, "add", "bo@example.org", stdin="\n")
    assert empty.returncode != 0 and "empty password" in empty.stderr
    assert fleetwire(data_dir, "add", "not-an-email", stdin="x\n").returncode != 0
    ro = fleetwire(data_dir, "add", "--readonly", "--login", "bo", "bo@example.org", stdin="pw\n")
    assert ro.returncode == 0, ro.stderr
    listed = fleetwire(data_dir, "list").stdout.splitlines()
    assert [line.split()[1] for line in listed] == ["bo@example.org", "root@example.org"]
    assert "readonly" in listed[0] and "admin" in listed[1]
    minted = fleetwire(data_dir, "token", "bo", "--days", "1")
    assert minted.returncode == 0 and "valid until" in minted.stderr
    token = minted.stdout.strip()
    assert fleetwire(data_dir, "token", "nobody@x.org").returncode != 0

    async def check() -> None:
        engine = open_registry(settings)
        try:
            root = await authenticate(engine, "root@example.org", "s3cret pass")
            assert root is not None and root.administrator
            found = await token_of(engine, token)
            bo = await authenticate(engine, "bo", "pw")
            assert found is not None and bo is not None and found[0] == bo.id and bo.readonly
        finally:
            await engine.dispose()

    asyncio.run(check())
    how_to_log_in(settings)
    assert "Log in with" in capsys.readouterr().err
