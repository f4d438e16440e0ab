"""A registry to test against, on each backend: a fresh SQLite file, and a fresh PostgreSQL
database (skipped outside CI when PostgreSQL is not running; under CI=true it must be)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from fleetwire.config import Settings, StoreSettings
from tests.scale.conftest import pg_url  # noqa: F401  (the fixture)


@pytest.fixture(params=["sqlite", "postgresql"])
def registry_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """Settings whose registry is migrated and empty."""
    from fleetwire.store.migrate import migrate

    if request.param == "sqlite":
        settings = Settings(data_dir=tmp_path / "data")
    else:
        url = request.getfixturevalue("pg_url")
        settings = Settings(data_dir=tmp_path / "data", store=StoreSettings(url=url))
    asyncio.run(migrate(settings))
    return settings
