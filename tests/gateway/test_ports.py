"""Two protocols configured on one port are refused with both names (and, for the MiniFinder
rename, what to move where) instead of a bare "address in use" or a port serving the wrong
protocol; the default ports and ephemeral ports never collide."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

import pytest

from fleetwire.config import ProtocolSettings, Settings
from fleetwire.errors import ConfigError
from fleetwire.gateway.ports import listening
from fleetwire.gateway.server import Gateway
from fleetwire.protocols.base import Transport
from tests.conftest import make_settings


def test_default_and_ephemeral_ports_do_not_collide(data_dir: Path) -> None:
    assert listening(Settings(data_dir=data_dir))["minifinder2", Transport.TCP] == 5187
    assert set(listening(make_settings(data_dir)).values()) == {0}


def test_old_minifinder_port_setting_is_refused_with_the_way_out(data_dir: Path) -> None:
    """An operator who set the binary units' port under the old name, 5187."""
    settings = Settings(data_dir=data_dir, protocols={"minifinder": ProtocolSettings(port=5187)})
    with pytest.raises(ConfigError, match=r"minifinder .*minifinder2.*\[protocols.minifinder2\]"):
        listening(settings)


def test_gateway_refuses_to_start_on_a_shared_port(data_dir: Path) -> None:
    settings = make_settings(data_dir)
    protocols = dict(settings.protocols)
    protocols["gt06"] = protocols["h02"] = ProtocolSettings(port=5999, udp=False)
    shared = settings.model_copy(update={"protocols": protocols})

    async def start() -> None:
        gw = Gateway(shared)
        try:
            await gw.start()
        finally:
            with contextlib.suppress(Exception):
                await gw.stop()

    with pytest.raises(ConfigError, match="gt06 and h02"):
        asyncio.run(start())
