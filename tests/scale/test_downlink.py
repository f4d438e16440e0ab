"""Downlink routing on NATS: a message for a device reaches it on whichever gateway holds it,
also after it reconnects to another gateway (two real gateways, real sockets, real NATS)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from fleetwire.config import RawLogSettings
from fleetwire.gateway.routing import send_downlink
from fleetwire.gateway.server import Gateway
from fleetwire.protocols import teltonika
from fleetwire.rawlog import jetstream as rawjs
from tests.scale.conftest import migrate, scale_settings

IMEI = "356307042441013"


async def login(gw: Gateway) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    r, w = await asyncio.open_connection("127.0.0.1", gw.ports["teltonika", "tcp"])
    w.write(teltonika.Device(IMEI).login()[0])
    assert await asyncio.wait_for(r.readexactly(1), 10) == b"\x01"
    return r, w


async def deliver(nc: object, s: RawLogSettings, payload: bytes) -> bool:
    for _ in range(50):  # the route entry is written right after the login's ACK
        if await send_downlink(nc, s, 1, payload):  # type: ignore[arg-type]
            return True
        await asyncio.sleep(0.05)
    return False


def test_downlink_follows_the_device_across_gateways(
    tmp_path: Path, pg_url: str, nats_settings: RawLogSettings
) -> None:
    s1 = scale_settings(tmp_path / "a", pg_url, nats_settings)
    s2 = scale_settings(tmp_path / "b", pg_url, nats_settings)

    async def go() -> None:
        await migrate(s1)
        gw1, gw2 = Gateway(s1), Gateway(s2)
        await gw1.start()
        await gw2.start()
        nc = await rawjs.connect(nats_settings, "test-sender")
        try:
            r, w = await login(gw2)
            assert await deliver(nc, nats_settings, b"hello via gw2")
            assert await asyncio.wait_for(r.readexactly(13), 5) == b"hello via gw2"
            w.close()
            await asyncio.sleep(0.2)  # gw2 drops its route when the connection ends
            r, w = await login(gw1)  # the device comes back through the other gateway
            assert await deliver(nc, nats_settings, b"hello via gw1")
            assert await asyncio.wait_for(r.readexactly(13), 5) == b"hello via gw1"
            w.close()
            await asyncio.sleep(0.2)
            assert not await send_downlink(nc, nats_settings, 1, b"nobody")  # offline: no route
        finally:
            await nc.drain()
            await gw1.stop()
            await gw2.stop()

    asyncio.run(go())
