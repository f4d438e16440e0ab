"""ACK only once JetStream has stored the frame, shown by holding JetStream back for real: a NATS
server of the test's own is frozen with SIGSTOP while a device sends a frame. No ACK byte may
reach the device while the server is frozen; the ACK follows its release, and the stream holds
the frame once. Held past ``publish_timeout`` the publish fails: still no ACK, the gateway says
so in its metrics, and the device's resend is ACKed once JetStream is back."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from nats.js.errors import ServiceUnavailableError
from prometheus_client import REGISTRY

from fleetwire.config import RawLogSettings
from fleetwire.gateway.server import Gateway
from fleetwire.protocols import teltonika
from fleetwire.rawlog import jetstream as rawjs
from tests.gateway.test_gateway import IMEI, _record, nothing_within, read_exactly
from tests.scale.conftest import migrate, scale_settings
from tests.scale.private import PrivateNats


@pytest.fixture
def nats(tmp_path: Path) -> Iterator[PrivateNats]:
    server = PrivateNats(tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def raw_settings(nats: PrivateNats, publish_timeout: float) -> RawLogSettings:
    tag = uuid.uuid4().hex[:8]
    return RawLogSettings(
        url=nats.url, stream=f"FWHELD_{tag}", subject_prefix=f"fwheld{tag}", partitions=2,
        publish_timeout=publish_timeout, ack_wait=3.0, retention_days=1,
    )  # fmt: skip


async def stream_frames(raw: RawLogSettings, device_id: int) -> list[bytes]:
    nc = await rawjs.connect(raw, "fleetwire-test")
    try:
        frames = await rawjs.JetStreamRawReader(nc, raw).query(device_id, 0, 2**62, 100)
    finally:
        await nc.drain()
    return [f.data for f in frames]


async def received_within(reader: asyncio.StreamReader, seconds: float) -> bytes | None:
    """What the gateway sent within ``seconds`` (b"": it closed the connection), or None."""
    try:
        return await asyncio.wait_for(reader.read(64), seconds)
    except TimeoutError:
        return None


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_no_ack_while_jetstream_is_held_then_ack_and_stored_once(
    tmp_path: Path, pg_url: str, nats: PrivateNats
) -> None:
    raw = raw_settings(nats, publish_timeout=10.0)  # longer than the hold: the frame waits
    settings = scale_settings(tmp_path, pg_url, raw)

    async def go() -> None:
        await migrate(settings)
        gw = Gateway(settings)
        await gw.start()
        try:
            dev = teltonika.Device(IMEI)
            r, w = await asyncio.open_connection("127.0.0.1", gw.ports["teltonika", "tcp"])
            login, accept = dev.login()
            w.write(login)
            assert await read_exactly(r, 1, 10) == accept
            frame, ack = dev.report([_record(1), _record(2)])
            nats.pause()
            try:
                w.write(frame)
                assert await nothing_within(r, 2.0), "ACK while JetStream could not store"
            finally:
                nats.resume()
            assert await read_exactly(r, 4, 10) == ack  # no resend: the held publish completes
            w.close()
            device_id = gw.committer.devices[IMEI]
        finally:
            await gw.stop()
        assert await stream_frames(raw, device_id) == [login, frame]

    asyncio.run(go())


def test_publish_timeout_acks_nothing_and_recovers(
    tmp_path: Path, pg_url: str, nats: PrivateNats, caplog: pytest.LogCaptureFixture
) -> None:
    raw = raw_settings(nats, publish_timeout=0.5)
    settings = scale_settings(tmp_path, pg_url, raw)
    timeouts = sample("fleetwire_rawlog_write_errors_total", reason="timeout")

    async def go() -> None:
        await migrate(settings)
        gw = Gateway(settings)
        await gw.start()
        try:
            dev = teltonika.Device(IMEI)
            r, w = await asyncio.open_connection("127.0.0.1", gw.ports["teltonika", "tcp"])
            w.write(dev.login()[0])
            assert await read_exactly(r, 1, 10) == b"\x01"
            frame, ack = dev.report([_record(3)])
            nats.pause()
            try:
                for _ in range(3):  # the device resends what it gets no ACK for
                    w.write(frame)
                    got = await received_within(r, 1.0)
                    assert got is None, f"{got!r} for a publish that timed out: {caplog.messages}"
                assert sample("fleetwire_rawlog_writable") == 0.0
                assert sample("fleetwire_rawlog_write_errors_total", reason="timeout") > timeouts
            finally:
                nats.resume()
            w.write(frame)
            assert await read_exactly(r, 4, 10) == ack
            assert sample("fleetwire_rawlog_writable") == 1.0
            w.close()
        finally:
            await gw.stop()

    asyncio.run(go())
    failed = [m for m in caplog.messages if m.startswith("rawlog_append_failed")]
    assert len(failed) == 1 and "backend=jetstream" in failed[0], failed
    assert any(m.startswith("rawlog_recovered") for m in caplog.messages)


def test_jetstream_out_of_storage_acks_nothing_and_recovers(
    tmp_path: Path, pg_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """JetStream's own "disk full": a server allowed 1 MiB of file store, filled by another
    stream. Its refusal (503 insufficient resources) is no ACK, counted as disk_full; once the
    filler is purged (space returns) the device's resend is stored once and ACKed."""
    server = PrivateNats(tmp_path, max_file_store=1 << 20)
    server.start()
    raw = raw_settings(server, publish_timeout=1.0)
    settings = scale_settings(tmp_path, pg_url, raw)
    full = sample("fleetwire_rawlog_write_errors_total", reason="disk_full")

    async def fill(js: Any) -> None:
        await js.add_stream(name="FILLER", subjects=["filler"])
        with contextlib.suppress(ServiceUnavailableError):
            while True:  # until JetStream refuses: insufficient resources
                await js.publish("filler", b"\0" * 4096)

    async def go() -> None:
        await migrate(settings)
        nc = await rawjs.connect(raw, "fleetwire-test-filler")
        js = nc.jetstream()
        gw = Gateway(settings)
        await gw.start()
        try:
            dev = teltonika.Device(IMEI)
            r, w = await asyncio.open_connection("127.0.0.1", gw.ports["teltonika", "tcp"])
            login, accept = dev.login()
            w.write(login)
            assert await read_exactly(r, 1, 10) == accept
            await fill(js)
            frame, ack = dev.report([_record(4)])
            for _ in range(3):  # the device resends what it gets no ACK for
                w.write(frame)
                assert await nothing_within(r, 1.0), "ACK for a frame JetStream refused"
            assert sample("fleetwire_rawlog_writable") == 0.0
            assert sample("fleetwire_rawlog_write_errors_total", reason="disk_full") > full
            await js.purge_stream("FILLER")  # space comes back
            w.write(frame)
            assert await read_exactly(r, 4, 10) == ack
            assert sample("fleetwire_rawlog_writable") == 1.0
            w.close()
            device_id = gw.committer.devices[IMEI]
        finally:
            await gw.stop()
            await nc.drain()
        assert await stream_frames(raw, device_id) == [login, frame]  # four sends, one copy

    try:
        asyncio.run(go())
    finally:
        server.stop()
    failed = [m for m in caplog.messages if m.startswith("rawlog_append_failed")]
    assert len(failed) == 1 and "reason=disk_full" in failed[0], failed
