"""Hostile traffic against a real gateway on loopback (issue 9): a flood of random bytes on the
Teltonika port must cost the flooders their connections, not the other devices their ACKs;
connections that never identify are closed after the identify timeout; the per-address cap on
unidentified connections and the connection cap refuse new connections cleanly, counted.
Bounded in count and time; figures under load belong to bench/hostile.py."""

from __future__ import annotations

import asyncio
import contextlib
import random
from pathlib import Path

from prometheus_client import REGISTRY

from fleetwire.protocols import teltonika
from fleetwire.simulate.track import Track, start_time
from tests.conftest import make_settings
from tests.gateway.running import running


def closed_count(reason: str, protocol: str = "teltonika") -> float:
    value = REGISTRY.get_sample_value(
        "fleetwire_connections_closed_total", {"protocol": protocol, "reason": reason}
    )
    return value or 0.0


async def flood(port: int, stop: asyncio.Event, seed: int) -> str:
    """Random bytes in 64 KiB writes as fast as the socket takes them; how it ended."""
    rng = random.Random(seed)
    r, w = await asyncio.open_connection("127.0.0.1", port)
    try:
        while not stop.is_set():
            w.write(rng.randbytes(65536))
            await w.drain()
            if r.at_eof():
                return "closed by the gateway"
        return "still open"
    except (ConnectionError, OSError):
        return "closed by the gateway"
    finally:
        w.close()
        with contextlib.suppress(ConnectionError, OSError):
            await w.wait_closed()


async def honest_device(port: int, index: int, frames: int) -> int:
    """A Teltonika device logging in and sending ``frames`` reports, each waiting for its ACK;
    returns the ACKs it got."""
    dev = teltonika.Device(str(356307042441013 + index))
    track = Track(index, start_time())
    r, w = await asyncio.open_connection("127.0.0.1", port)
    got = 0
    try:
        frame, reply = dev.login()
        w.write(frame)
        assert await asyncio.wait_for(r.readexactly(len(reply)), 10) == reply
        for _ in range(frames):
            frame, ack = dev.report([track.next() for _ in range(5)])
            w.write(frame)
            assert await asyncio.wait_for(r.readexactly(len(ack)), 10) == ack
            got += 1
            await asyncio.sleep(0.05)
    finally:
        w.close()
    return got


def test_five_flooders_are_closed_and_forty_devices_keep_their_acks(data_dir: Path) -> None:
    settings = make_settings(data_dir)
    before = sum(closed_count(r) for r in ("no_valid_frame", "garbage", "too_large"))

    async def scenario() -> None:
        async with running(settings) as gw:
            port = gw.ports["teltonika", "tcp"]
            stop = asyncio.Event()
            try:
                flooders = [asyncio.create_task(flood(port, stop, seed)) for seed in range(5)]
                await asyncio.sleep(0.2)  # the flood is on before the devices come
                acks = await asyncio.gather(*(honest_device(port, i, 10) for i in range(40)))
                assert acks == [10] * 40
                stop.set()
                ends = await asyncio.wait_for(asyncio.gather(*flooders), 10)
                assert ends == ["closed by the gateway"] * 5
                gw.flush_metrics()
            finally:
                stop.set()

    asyncio.run(scenario())
    after = sum(closed_count(r) for r in ("no_valid_frame", "garbage", "too_large"))
    assert after - before >= 5


def test_a_connection_that_never_identifies_is_closed_after_the_identify_timeout(
    data_dir: Path,
) -> None:
    settings = make_settings(data_dir, identify_timeout=0.3)
    before = closed_count("identify_timeout")

    async def scenario() -> None:
        async with running(settings) as gw:
            r, w = await asyncio.open_connection("127.0.0.1", gw.ports["teltonika", "tcp"])
            w.write(b"\xff")  # a keep-alive byte: a frame, but no identity
            assert await asyncio.wait_for(r.read(), 5) == b""  # EOF: the gateway closed it
            w.close()
            # an identified device on the same gateway is not touched by the same sweep
            assert await honest_device(gw.ports["teltonika", "tcp"], 1, 8) == 8
            gw.flush_metrics()

    asyncio.run(scenario())
    assert closed_count("identify_timeout") - before == 1


async def refused(port: int) -> bool:
    """Whether a new connection is closed by the gateway at once (EOF without a byte sent)."""
    r, w = await asyncio.open_connection("127.0.0.1", port)
    try:
        return await asyncio.wait_for(r.read(), 0.5) == b""
    except TimeoutError:
        return False
    finally:
        w.close()


def test_per_address_cap_counts_only_connections_not_yet_identified(data_dir: Path) -> None:
    settings = make_settings(data_dir, max_unidentified_per_address=3)
    before = closed_count("unidentified_per_address")

    async def scenario() -> None:
        async with running(settings) as gw:
            port = gw.ports["teltonika", "tcp"]
            silent = [await asyncio.open_connection("127.0.0.1", port) for _ in range(2)]
            assert await honest_device(port, 1, 3) == 3  # the 3rd unidentified, until login
            device = asyncio.create_task(honest_device(port, 2, 30))
            await asyncio.sleep(0.3)  # logged in: no longer counted against its address
            assert not await refused(port)  # 2 silent + this one: within the cap
            while sum(gw.unidentified.values()) > 2:  # until the gateway saw that one go
                await asyncio.sleep(0.01)
            silent.append(await asyncio.open_connection("127.0.0.1", port))
            await asyncio.sleep(0.1)
            assert await refused(port)  # a 4th unidentified one from the same address
            assert await device == 30
            for _, w in silent:
                w.close()
            gw.flush_metrics()

    asyncio.run(scenario())
    assert closed_count("unidentified_per_address") - before == 1


def test_connection_cap_refuses_new_connections_cleanly(data_dir: Path) -> None:
    settings = make_settings(data_dir, max_connections=4)
    before = closed_count("capacity")

    async def scenario() -> None:
        async with running(settings) as gw:
            port = gw.ports["teltonika", "tcp"]
            silent = [await asyncio.open_connection("127.0.0.1", port) for _ in range(2)]
            devices = [asyncio.create_task(honest_device(port, i, 20)) for i in range(2)]
            await asyncio.sleep(0.3)
            assert await refused(port)  # the 5th connection
            assert await asyncio.gather(*devices) == [20, 20]  # the others never noticed
            for _, w in silent:
                w.close()
            gw.flush_metrics()

    asyncio.run(scenario())
    assert closed_count("capacity") - before == 1
