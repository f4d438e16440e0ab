"""The shared auto-detecting port: one connection of every protocol arrives on it, is recognised,
ACKed exactly as on the protocol's own port, and lands in the raw log under its protocol."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest

from fleetwire.gateway.server import Gateway
from fleetwire.model import Record
from fleetwire.protocols import all_protocols, device_class
from fleetwire.protocols.base import Transport
from fleetwire.rawlog.sqlite import SqliteRawLogReader
from fleetwire.worker.loop import Worker
from tests.conftest import make_settings

TCP = [p.name for p in all_protocols() if Transport.TCP in p.transports and p.auto_port]


def _record() -> Record:
    return Record(
        fix_time=datetime(2026, 11, 20, 10, 0, 1, tzinfo=UTC), valid=True, latitude=54.6872,
        longitude=25.2797, altitude=120.0, speed=42.0, course=90.0, satellites=9,
        attributes={"ignition": True},
    )  # fmt: skip


def test_every_protocol_is_recognised_on_the_auto_port(data_dir: Path) -> None:
    settings = make_settings(data_dir, auto_port_enabled=True, auto_port=0)

    async def one(gw: Gateway, name: str) -> None:
        cls = device_class(name)
        device = cls(cls.example_id)
        r, w = await asyncio.open_connection("127.0.0.1", gw.ports["auto", "tcp"])
        for frame, reply in (*device.handshake(), device.report([_record()])):
            w.write(frame)
            if reply:
                got = await asyncio.wait_for(r.readexactly(len(reply)), 5)
                assert device.accepts(reply, got), (name, got.hex(), reply.hex())
        w.close()

    async def scenario() -> None:
        gw = Gateway(settings)
        await gw.start()
        try:
            await asyncio.gather(*(one(gw, name) for name in TCP))
            await asyncio.sleep(0.3)  # frames without a reply: let them reach the log
        finally:
            await gw.stop()

    asyncio.run(scenario())
    reader = SqliteRawLogReader(data_dir / "rawlog.db")
    seen = {f.protocol for f in reader.read(0, 10000)}
    reader.close()
    assert seen == set(TCP)
    worker = Worker(settings)
    while worker.step():
        pass
    dead = worker.store.dead_letters(100)
    worker.close()
    assert dead == []


@pytest.mark.parametrize("junk", [b"\x00" * 3000, b"hello world\r\n" * 10])
def test_unrecognised_connections_are_closed(data_dir: Path, junk: bytes) -> None:
    settings = make_settings(data_dir, auto_port_enabled=True, auto_port=0)

    async def scenario() -> None:
        gw = Gateway(settings)
        await gw.start()
        try:
            r, w = await asyncio.open_connection("127.0.0.1", gw.ports["auto", "tcp"])
            w.write(junk)
            assert await asyncio.wait_for(r.read(), 5) == b""
            w.close()
        finally:
            await gw.stop()

    asyncio.run(scenario())
