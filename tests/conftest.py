"""Shared fixtures: settings on a temporary data directory, ephemeral ports, Hypothesis profiles."""

from __future__ import annotations

import os
import random
import socket
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from fleetwire.config import ApiSettings, GatewaySettings, ProtocolSettings, Settings
from fleetwire.protocols import NAMES

settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "ci", max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


_PORTS = random.Random(os.getpid())


def free_port() -> int:
    """A loopback port free for TCP and UDP, below the kernel's ephemeral range (32768+): the
    simulator's client sockets take ephemeral ports, and one could land on a listener's port
    between a gateway's kill and its restart."""
    while True:
        port = _PORTS.randrange(20000, 32768)
        try:
            with socket.socket() as t, socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u:
                t.bind(("127.0.0.1", port))
                u.bind(("127.0.0.1", port))
        except OSError:
            continue
        return port


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
