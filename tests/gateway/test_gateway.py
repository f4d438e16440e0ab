"""The gateway against real loopback sockets and a real SQLite raw log.

Frames are built by the protocols' own simulated devices (whose bytes the protocol tests check
against the vendor documents) plus hand-corrupted copies.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from fleetwire.gateway.server import Gateway
from fleetwire.model import Record
from fleetwire.protocols import gt06, teltonika
from fleetwire.protocols.base import Transport
from fleetwire.rawlog.base import SESSION
from fleetwire.rawlog.sqlite import SqliteRawLogReader
from fleetwire.store.registry import SqliteRegistry
from tests.conftest import make_settings

IMEI = "356307042441013"  # the IMEI of the Teltonika documentation's handshake example


def _record(second: int) -> Record:
    return Record(
        fix_time=datetime(2026, 11, 20, 10, 0, second, tzinfo=UTC),
        valid=True, latitude=54.6872, longitude=25.2797, altitude=120.0, speed=42.0,
        course=90.0, satellites=9, attributes={"ignition": True},
    )  # fmt: skip


@contextlib.asynccontextmanager
async def gateway(data_dir: Path, **overrides: object) -> AsyncIterator[Gateway]:
    gw = Gateway(make_settings(data_dir, **overrides))
    await gw.start()
    try:
        yield gw
    finally:
        await gw.stop()


async def connect(gw: Gateway, protocol: str) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    return await asyncio.open_connection("127.0.0.1", gw.ports[protocol, "tcp"])


async def read_exactly(reader: asyncio.StreamReader, n: int, timeout: float = 5.0) -> bytes:
    return await asyncio.wait_for(reader.readexactly(n), timeout)


async def nothing_within(reader: asyncio.StreamReader, seconds: float) -> bool:
    try:
        await asyncio.wait_for(reader.read(1), seconds)
    except TimeoutError:
        return True
    return False


def raw_frames(data_dir: Path) -> list[bytes]:
    """The frames in the raw log, without the connections' session records."""
    reader = SqliteRawLogReader(data_dir / "rawlog.db")
    try:
        return [f.data for f in reader.read(0, 1000) if f.transport != SESSION]
    finally:
        reader.close()


def rejected(data_dir: Path) -> list[tuple[object, ...]]:
    reader = SqliteRawLogReader(data_dir / "rawlog.db")
    try:
        return reader.rejected(100)
    finally:
        reader.close()


def test_teltonika_login_and_ack_after_append(data_dir: Path) -> None:
    async def scenario() -> None:
        async with gateway(data_dir) as gw:
            dev = teltonika.Device(IMEI)
            r, w = await connect(gw, "teltonika")
            login, accept = dev.login()
            w.write(login)
            assert await read_exactly(r, 1) == accept == b"\x01"
            frame, ack = dev.report([_record(1), _record(2), _record(3)])
            w.write(frame)
            assert await read_exactly(r, 4) == ack == b"\x00\x00\x00\x03"
            # the ACK came back, so the frame must already be in the raw log
            assert raw_frames(data_dir) == [login, frame]
            w.close()

    asyncio.run(scenario())
    reg = SqliteRegistry(data_dir / "registry.db")
    dev = reg.get(IMEI)
    assert dev is not None and dev.protocol == "teltonika"


def test_ack_waits_until_the_append_is_durable(data_dir: Path) -> None:
    """While another process holds the raw log's write lock nothing is durable, so no ACK."""

    async def scenario() -> None:
        async with gateway(data_dir) as gw:
            dev = teltonika.Device(IMEI)
            r, w = await connect(gw, "teltonika")
            w.write(dev.login()[0])
            await read_exactly(r, 1)
            blocker = sqlite3.connect(data_dir / "rawlog.db", isolation_level=None)
            blocker.execute("BEGIN EXCLUSIVE")
            frame, ack = dev.report([_record(5)])
            w.write(frame)
            assert await nothing_within(r, 0.7), "ACK sent before the frame was durable"
            assert frame not in raw_frames_uncommitted_view(blocker)
            blocker.execute("COMMIT")
            blocker.close()
            assert await read_exactly(r, 4) == ack
            assert frame in raw_frames(data_dir)
            w.close()

    asyncio.run(scenario())


def raw_frames_uncommitted_view(conn: sqlite3.Connection) -> list[bytes]:
    return [row[0] for row in conn.execute("SELECT data FROM frames WHERE transport != ?",
                                           (SESSION,))]  # fmt: skip


def test_bad_checksum_is_logged_kept_and_not_acked(
    data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async def scenario() -> None:
        async with gateway(data_dir) as gw:
            dev = teltonika.Device(IMEI)
            r, w = await connect(gw, "teltonika")
            w.write(dev.login()[0])
            await read_exactly(r, 1)
            frame, ack = dev.report([_record(7)])
            bad = frame[:-1] + bytes([frame[-1] ^ 0xFF])
            w.write(bad)
            assert await nothing_within(r, 0.5)
            w.write(frame)  # the device resends; the good copy is ACKed on the same connection
            assert await read_exactly(r, 4) == ack
            w.close()

    asyncio.run(scenario())
    rows = rejected(data_dir)
    assert len(rows) == 1 and rows[0][5] == "checksum"
    assert any("frame_rejected" in m and "reason=checksum" in m for m in caplog.messages)


def test_garbage_past_the_size_limit_closes_only_that_connection(data_dir: Path) -> None:
    async def scenario() -> None:
        async with gateway(data_dir) as gw:
            good = teltonika.Device(IMEI)
            r1, w1 = await connect(gw, "teltonika")
            w1.write(good.login()[0])
            await read_exactly(r1, 1)
            r2, w2 = await connect(gw, "teltonika")
            w2.write(bytes([0x41]) * (gw_max(gw) + 10))
            assert await asyncio.wait_for(r2.read(), 5) == b""  # closed by the gateway
            frame, ack = good.report([_record(9)])
            w1.write(frame)
            assert await read_exactly(r1, 4) == ack
            w1.close()
            w2.close()

    asyncio.run(scenario())


def gw_max(gw: Gateway) -> int:
    return teltonika.PROTOCOL.max_frame_size


def test_unknown_device_refused_when_registration_is_off(data_dir: Path) -> None:
    async def scenario() -> None:
        async with gateway(data_dir, register_unknown=False) as gw:
            r, w = await connect(gw, "teltonika")
            w.write(teltonika.Device(IMEI).login()[0])
            assert await read_exactly(r, 1) == b"\x00"
            assert await asyncio.wait_for(r.read(), 5) == b""
            w.close()

    asyncio.run(scenario())
    assert SqliteRegistry(data_dir / "registry.db").get(IMEI) is None
    assert raw_frames(data_dir) == []


def test_gt06_login_heartbeat_and_position(data_dir: Path) -> None:
    async def scenario() -> None:
        async with gateway(data_dir) as gw:
            dev = gt06.Device("123456789012345")
            r, w = await connect(gw, "gt06")
            for frame, reply in (dev.login(), dev.heartbeat(), dev.report([_record(11)])):
                w.write(frame)
                if reply:
                    assert await read_exactly(r, len(reply)) == reply
            w.close()
            await asyncio.sleep(0.2)

    asyncio.run(scenario())
    assert len(raw_frames(data_dir)) == 3


def test_gt06_data_before_login_is_refused(data_dir: Path) -> None:
    async def scenario() -> None:
        async with gateway(data_dir) as gw:
            dev = gt06.Device("123456789012345")
            r, w = await connect(gw, "gt06")
            hb, _ = dev.heartbeat()
            w.write(hb)
            assert await nothing_within(r, 0.5)
            w.close()

    asyncio.run(scenario())
    assert raw_frames(data_dir) == []
    assert [row[5] for row in rejected(data_dir)] == ["unidentified"]


def test_teltonika_udp_reply_echoes_packet_id(data_dir: Path) -> None:
    async def scenario() -> None:
        async with gateway(data_dir) as gw:
            loop = asyncio.get_running_loop()
            got: asyncio.Queue[bytes] = asyncio.Queue()

            class Rx(asyncio.DatagramProtocol):
                def datagram_received(self, data: bytes, addr: object) -> None:
                    got.put_nowait(data)

            t, _ = await loop.create_datagram_endpoint(
                Rx, remote_addr=("127.0.0.1", gw.ports["teltonika", "udp"])
            )
            dev = teltonika.Device(IMEI, Transport.UDP)
            for second in (1, 2):
                frame, ack = dev.report([_record(second)])
                t.sendto(frame)
                assert await asyncio.wait_for(got.get(), 5) == ack
            t.close()

    asyncio.run(scenario())
    assert len(raw_frames(data_dir)) == 2


def test_idle_connections_are_closed(data_dir: Path) -> None:
    async def scenario() -> None:
        async with gateway(data_dir, idle_timeout=0.3) as gw:
            r, w = await connect(gw, "teltonika")
            w.write(teltonika.Device(IMEI).login()[0])
            await read_exactly(r, 1)
            assert await asyncio.wait_for(r.read(), 5) == b""
            w.close()

    asyncio.run(scenario())


def test_stop_appends_and_acks_everything_received(data_dir: Path) -> None:
    """Frames in flight when the gateway is told to stop are made durable and ACKed first."""

    async def scenario() -> None:
        gw = Gateway(make_settings(data_dir))
        await gw.start()
        devices = [teltonika.Device(str(IMEI_BASE + i)) for i in range(20)]
        conns = [await connect(gw, "teltonika") for _ in devices]
        for dev, (r, w) in zip(devices, conns, strict=True):
            w.write(dev.login()[0])
            await read_exactly(r, 1)
        acks = []
        for dev, (_r, w) in zip(devices, conns, strict=True):
            frame, ack = dev.report([_record(20)])
            w.write(frame)
            acks.append(ack)
        await asyncio.sleep(0.05)
        await gw.stop()
        for (r, w), ack in zip(conns, acks, strict=True):
            assert await read_exactly(r, 4) == ack
            w.close()

    asyncio.run(scenario())
    assert len(raw_frames(data_dir)) == 40


IMEI_BASE = 352093081452250


def test_a_protocol_refusal_is_sent_for_a_bad_frame(data_dir: Path) -> None:
    """Wialon IPS 2.0 answers a login whose CRC is wrong with #AL#10 (the protocol's own
    refusal), so the device resends at once; nothing is stored or ACKed."""
    from fleetwire.protocols import wialon

    async def scenario() -> None:
        async with gateway(data_dir) as gw:
            r, w = await connect(gw, "wialon")
            login, accept = wialon.Device(IMEI).login()
            w.write(login.replace(b";CF2A", b";0000"))
            assert await read_exactly(r, len(b"#AL#10\r\n")) == b"#AL#10\r\n"
            w.write(login)
            assert await read_exactly(r, len(accept)) == accept == b"#AL#1\r\n"
            w.close()

    asyncio.run(scenario())
    assert [row[5] for row in rejected(data_dir)] == ["checksum"]


def test_osmand_http_200_and_400_on_one_keep_alive_connection(data_dir: Path) -> None:
    """OsmAnd over HTTP/1.1 keep-alive: a good request is answered 200 once stored, a request
    without coordinates 400 at once (OsmAnd/Traccar Client documentation: 200 means stored)."""

    async def scenario() -> None:
        async with gateway(data_dir) as gw:
            r, w = await connect(gw, "osmand")
            ok = b"GET /?id=123456&lat=54.6872&lon=25.2797&timestamp=1795168801 HTTP/1.1\r\n\r\n"
            bad = b"GET /?id=123456&timestamp=1795168801 HTTP/1.1\r\n\r\n"
            w.write(ok)
            assert (await read_exactly(r, 38)).startswith(b"HTTP/1.1 200 OK")
            w.write(bad)
            status = await asyncio.wait_for(r.readuntil(b"\r\n"), 5)
            assert status.startswith(b"HTTP/1.1 400")
            w.close()

    asyncio.run(scenario())
    assert len(raw_frames(data_dir)) == 1


def test_proxy_protocol_v2_gives_the_devices_real_address(data_dir: Path) -> None:
    """Behind HAProxy (send-proxy-v2) the raw log keeps the device's address, not HAProxy's;
    a LOCAL header (a health check) is no device; a bad header closes the connection."""
    import ipaddress
    import struct

    def v2(src: str, sport: int, command: int = 0x21) -> bytes:
        # PROXY protocol spec 2.2: signature, ver 2 + PROXY, AF_INET/STREAM, 12-byte addresses
        addrs = (
            ipaddress.IPv4Address(src).packed
            + bytes([127, 0, 0, 1])
            + struct.pack("!HH", sport, 5027)
        )
        return (b"\r\n\r\n\x00\r\nQUIT\n" + bytes([command, 0x11])
                + struct.pack("!H", len(addrs)) + addrs)  # fmt: skip

    async def scenario() -> None:
        async with gateway(data_dir, proxy_protocol=True) as gw:
            r, w = await connect(gw, "teltonika")
            login, accept = teltonika.Device(IMEI).login()
            w.write(v2("203.0.113.7", 40001) + login)
            assert await read_exactly(r, 1) == accept
            w.close()
            hr, hw = await connect(gw, "teltonika")  # health check: LOCAL, then nothing
            hw.write(b"\r\n\r\n\x00\r\nQUIT\n\x20\x00\x00\x00")
            assert await nothing_within(hr, 0.3)
            hw.close()
            br, bw = await connect(gw, "teltonika")
            bw.write(b"GET / HTTP/1.0\r\n\r\n")  # no PROXY header at all
            assert await asyncio.wait_for(br.read(), 5) == b""
            bw.close()

    asyncio.run(scenario())
    reader = SqliteRawLogReader(data_dir / "rawlog.db")
    frames = reader.read(0, 10)
    reader.close()
    # the login, with its connection's session records (online, offline) around it
    assert [f.transport for f in frames] == [SESSION, "tcp", SESSION]
    assert {f.peer for f in frames} == {"203.0.113.7:40001"}
