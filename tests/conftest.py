"""Shared fixtures: settings on a temporary data directory, free ports, Hypothesis profiles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from fleetwire.config import ApiSettings, GatewaySettings, ProtocolSettings, Settings
from fleetwire.protocols import NAMES
from fleetwire.testing import free_port

settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "ci", max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


def make_settings(data_dir: Path, **gateway: object) -> Settings:
    """Embedded settings on ``data_dir`` with every listener on an ephemeral loopback port."""
    return Settings(
        data_dir=data_dir,
        gateway=GatewaySettings(host="127.0.0.1", **gateway),  # type: ignore[arg-type]
        api=ApiSettings(host="127.0.0.1", port=free_port()),
        protocols={name: ProtocolSettings(port=0) for name in NAMES},
    )


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    return d
