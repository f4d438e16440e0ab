"""Commands on the scale-out tier reach a device that reconnects (issue 9), to the same gateway
(its id now from that gateway's cache) and to another one: two real gateways on real NATS
JetStream and PostgreSQL, a Teltonika device on real sockets. The registry poll is set far
longer than the test, so only the attach at login can deliver in time."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from fleetwire.config import RawLogSettings
from fleetwire.gateway.routing import send_downlink
from fleetwire.gateway.server import Gateway
from fleetwire.model import Command
from fleetwire.protocols import teltonika
from fleetwire.protocols.base import Session
from fleetwire.rawlog import jetstream as rawjs
from fleetwire.simulate.track import Track, start_time
from fleetwire.store.commands import Commands
from fleetwire.store.db import open_registry
from tests.scale.conftest import migrate, scale_settings

IMEI = "356307042441013"


class Visit:
    def __init__(self, gw: Gateway, track: Track) -> None:
        self.gw, self.track = gw, track
        self.device = teltonika.Device(IMEI)

    async def __aenter__(self) -> Visit:
        self.r, self.w = await asyncio.open_connection(
            "127.0.0.1", self.gw.ports["teltonika", "tcp"]
        )
        self.w.write(self.device.login()[0])
        assert await asyncio.wait_for(self.r.readexactly(1), 10) == b"\x01"
        self.logged_in = time.monotonic()
        return self

    async def report(self) -> None:
        frame, ack = self.device.report([self.track.next()])
        self.w.write(frame)
        assert await asyncio.wait_for(self.r.readexactly(len(ack)), 10) == ack

    async def command(self) -> tuple[bytes, float]:
        data = await asyncio.wait_for(self.r.read(4096), 10)
        return data, time.monotonic() - self.logged_in

    async def __aexit__(self, *exc: object) -> None:
        self.w.close()
        await self.w.wait_closed()
        await asyncio.sleep(0.2)  # the gateway sees the close and detaches


def expected(data: str) -> bytes:
    return teltonika.PROTOCOL.encode_command(Command("custom", {"data": data}), Session())


def test_queued_commands_follow_a_device_that_reconnects_on_either_gateway(
    tmp_path: Path, pg_url: str, nats_settings: RawLogSettings
) -> None:
    s1 = scale_settings(tmp_path / "a", pg_url, nats_settings, command_poll=60.0)
    s2 = scale_settings(tmp_path / "b", pg_url, nats_settings, command_poll=60.0)

    async def go() -> None:
        await migrate(s1)
        gw1, gw2 = Gateway(s1), Gateway(s2)
        await gw1.start()
        await gw2.start()
        store = Commands(open_registry(s1))
        nc = await rawjs.connect(nats_settings, "test-sender")
        track = Track(0, start_time())
        try:
            async with Visit(gw1, track) as first:
                await first.report()
            dev_id = gw1.committer.devices[IMEI]
            # back on the same gateway, its id from the cache: the command queued meanwhile
            await store.create(dev_id, "custom", {"data": "one"})
            async with Visit(gw1, track) as again:
                data, waited = await again.command()
                assert data == expected("one") and waited < 10.0, waited  # the poll is 60 s
                await again.report()
                # the JetStream key-value route points at this gateway again too
                assert await send_downlink(nc, nats_settings, dev_id, b"raw bytes")
                assert await asyncio.wait_for(again.r.readexactly(9), 5) == b"raw bytes"
            # and through the other gateway
            await store.create(dev_id, "custom", {"data": "two"})
            async with Visit(gw2, track) as elsewhere:
                data, waited = await elsewhere.command()
                assert data == expected("two") and waited < 10.0, waited  # the poll is 60 s
        finally:
            await nc.drain()
            await store.engine.dispose()
            await gw1.stop()
            await gw2.stop()

    asyncio.run(go())
