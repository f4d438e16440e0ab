"""Commands down the socket the device opened: real sockets, the real gateway, the real worker,
and simulated devices that answer as the vendors document (Teltonika Codec 12 response, GT06
0x15 string information; see each protocol's Device.respond)."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fleetwire.config import Settings
from fleetwire.gateway.server import Gateway
from fleetwire.model import Command
from fleetwire.protocols import gt06, teltonika
from fleetwire.protocols.base import Session, SimulatedDevice
from fleetwire.store.commands import BlockingCommands, State
from fleetwire.store.registry import SqliteRegistry
from fleetwire.worker import campaigns
from fleetwire.worker.loop import Worker
from tests.conftest import make_settings
from tests.gateway.running import running as gateway

IMEI = "356307042441013"


def settings_for(data_dir: Path) -> Settings:
    s = make_settings(data_dir, command_poll=0.05, command_reply_timeout=1.0)
    s.worker.poll_interval = 0.02
    return s


def register(data_dir: Path, uid: str, protocol: str) -> int:
    reg = SqliteRegistry(data_dir / "registry.db")
    dev = reg.resolve([(uid, protocol)], register=True)[uid]
    reg.close()
    assert dev is not None
    return dev.id


@contextmanager
def worker_running(settings: Settings) -> Iterator[None]:
    """The real worker loop (decoding replies, housekeeping, campaigns) in a thread."""
    w = Worker(settings)
    w._housekept = 0.0
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            w._housekept = 0.0  # housekeeping every pass: the tests use short timeouts
            w.housekeeping()
            if not w.step():
                time.sleep(0.02)

    t = threading.Thread(target=loop, daemon=True)
    t.start()
    try:
        yield
    finally:
        stop.set()
        t.join(10)
        w.close()


class Tracker:
    """A simulated device on a real socket that answers commands as the real one does."""

    def __init__(self, gw: Gateway, protocol: str, device: SimulatedDevice) -> None:
        self.gw, self.protocol, self.device = gw, protocol, device
        self.received: list[bytes] = []

    async def __aenter__(self) -> Tracker:
        self.r, self.w = await asyncio.open_connection(
            "127.0.0.1", self.gw.ports[self.protocol, "tcp"]
        )
        frame, reply = self.device.login()
        self.w.write(frame)
        if reply:
            assert await asyncio.wait_for(self.r.readexactly(len(reply)), 5) == reply
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.w.close()

    async def take_command(self, timeout: float = 5.0, answer: bool = True) -> bytes:
        data = await asyncio.wait_for(self.r.read(4096), timeout)
        self.received.append(data)
        if answer:
            self.w.write(self.device.respond(data))
        return data

    async def nothing(self, seconds: float) -> bool:
        try:
            data = await asyncio.wait_for(self.r.read(4096), seconds)
        except TimeoutError:
            return True
        self.received.append(data)
        return False


async def wait_state(
    store: BlockingCommands, cmd_id: int, state: State, timeout: float = 5
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        cmd = store.get(cmd_id)
        assert cmd is not None
        if cmd.state is state:
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"command {cmd_id} is {store.get(cmd_id)}, expected {state}")


def test_command_to_a_connected_device_is_answered(data_dir: Path) -> None:
    settings = settings_for(data_dir)
    dev_id = register(data_dir, IMEI, "teltonika")
    store = BlockingCommands.of(settings)

    async def scenario() -> None:
        async with gateway(settings) as gw, Tracker(gw, "teltonika", teltonika.Device(IMEI)) as t:
            # a write from inside the gateway's loop goes through a thread: blocking the loop
            # would stall the dispatcher's own transaction, which the write then waits for
            cmd, _ = await asyncio.to_thread(store.create, dev_id, "custom", {"data": "getver"})
            data = await t.take_command()
            # exactly the protocol's Codec 12 bytes (their layout is checked against the
            # Teltonika document's getinfo example in tests/protocols/teltonika)
            assert data == teltonika.PROTOCOL.encode_command(
                Command("custom", {"data": "getver"}), Session()
            )
            await wait_state(store, cmd.id, State.ANSWERED)
            answered = store.get(cmd.id)
            assert answered is not None
            assert answered.result == "OK: getver" and answered.attempts == 1
            assert answered.sent and answered.acknowledged and answered.answered

    with worker_running(settings):
        asyncio.run(scenario())


def test_offline_device_gets_its_commands_on_connect_in_priority_order(data_dir: Path) -> None:
    settings = settings_for(data_dir)
    uid = "123456789012345"
    dev_id = register(data_dir, uid, "gt06")
    store = BlockingCommands.of(settings)
    low, _ = store.create(dev_id, "requestInfo", {})
    high, _ = store.create(dev_id, "engineStop", {}, priority=5)

    async def scenario() -> None:
        async with gateway(settings) as gw, Tracker(gw, "gt06", gt06.Device(uid)) as t:
            first = await t.take_command()
            assert b"Relay,1#" in first  # the higher priority goes first
            second = await t.take_command()
            assert b"STATUS#" in second  # only after the first was answered
            await wait_state(store, low.id, State.ANSWERED)
            await wait_state(store, high.id, State.ANSWERED)

    with worker_running(settings):
        asyncio.run(scenario())


def test_expired_and_cancelled_commands_are_never_sent(data_dir: Path) -> None:
    settings = settings_for(data_dir)
    dev_id = register(data_dir, IMEI, "teltonika")
    store = BlockingCommands.of(settings)
    stale, _ = store.create(dev_id, "engineStop", {}, ttl=0.1)
    dropped, _ = store.create(dev_id, "rebootDevice", {})
    assert store.cancel(dropped.id)
    time.sleep(0.2)

    async def scenario() -> None:
        async with gateway(settings) as gw, Tracker(gw, "teltonika", teltonika.Device(IMEI)) as t:
            assert await t.nothing(0.6)
        assert store.get(stale.id).state is State.EXPIRED  # type: ignore[union-attr]
        assert store.get(dropped.id).state is State.CANCELLED  # type: ignore[union-attr]
        assert not store.cancel(stale.id)  # final states stay final

    asyncio.run(scenario())


def test_unanswered_command_fails_and_is_not_resent_after_restart(data_dir: Path) -> None:
    settings = settings_for(data_dir)
    dev_id = register(data_dir, IMEI, "teltonika")
    store = BlockingCommands.of(settings)
    first, _ = store.create(dev_id, "requestInfo", {})
    second, _ = store.create(dev_id, "custom", {"data": "getgps"})

    async def scenario() -> None:
        async with gateway(settings) as gw, Tracker(gw, "teltonika", teltonika.Device(IMEI)) as t:
            await t.take_command(answer=False)  # the device stays silent
        # gateway and worker restart while the second command is still queued
        async with gateway(settings) as gw, Tracker(gw, "teltonika", teltonika.Device(IMEI)) as t:
            data = await t.take_command()
            assert b"getgps" in data
            await wait_state(store, second.id, State.ANSWERED)
            assert await t.nothing(1.5)  # the first is never sent again
        await wait_state(store, first.id, State.FAILED)

    with worker_running(settings):
        asyncio.run(scenario())
    failed = store.get(first.id)
    assert failed is not None and failed.attempts == 1 and failed.error


def test_a_command_whose_device_hung_up_without_answering_fails_at_the_reply_timeout(
    data_dir: Path,
) -> None:
    """The gateway alone (no worker housekeeping): the device takes the command, closes its
    connection without answering, and the command fails once the reply timeout has passed, not
    left `sent` for good because its connection is gone from the dispatcher."""
    settings = settings_for(data_dir)
    dev_id = register(data_dir, IMEI, "teltonika")
    store = BlockingCommands.of(settings)
    cmd, _ = store.create(dev_id, "requestInfo", {})

    async def scenario() -> None:
        async with gateway(settings) as gw:
            async with Tracker(gw, "teltonika", teltonika.Device(IMEI)) as t:
                await t.take_command(answer=False)
            assert store.get(cmd.id).state is State.SENT  # type: ignore[union-attr]
            await wait_state(
                store, cmd.id, State.FAILED, timeout=settings.gateway.command_reply_timeout + 3
            )

    asyncio.run(scenario())
    failed = store.get(cmd.id)
    assert failed is not None and failed.error == "no answer from the device"


def test_idempotency_key_queues_once(data_dir: Path) -> None:
    settings = settings_for(data_dir)
    dev_id = register(data_dir, IMEI, "teltonika")
    store = BlockingCommands.of(settings)
    a, created_a = store.create(dev_id, "engineStop", {}, idempotency_key="op-42")
    b, created_b = store.create(dev_id, "engineStop", {}, idempotency_key="op-42")
    assert created_a and not created_b and a.id == b.id
    assert len(store.find(dev_id)) == 1
    assert a.expires - a.created == 300_000  # engine stop: the short safety TTL


def test_campaign_over_50_devices_with_some_failing(data_dir: Path) -> None:
    settings = settings_for(data_dir)
    uids = [str(352093081452000 + i) for i in range(50)]
    ids = [register(data_dir, u, "teltonika") for u in uids]
    silent = set(uids[::10])  # 5 devices never answer
    store = BlockingCommands.of(settings)
    camp = store.create_campaign(
        "custom", {"data": "setparam 1000:1"}, ids, batch_size=10, failure_threshold=0.5,
        min_sample=10, ttl=60,
    )  # fmt: skip
    strict = store.create_campaign(
        "custom", {"data": "setparam 1000:2"}, ids, batch_size=1, failure_threshold=0.01,
        min_sample=5, ttl=60,
    )  # fmt: skip

    wire: dict[str, bytes] = {}  # every byte each device got down its socket

    async def device(gw: Gateway, uid: str, stop: asyncio.Event) -> None:
        async with Tracker(gw, "teltonika", teltonika.Device(uid)) as t:
            while not stop.is_set():
                try:
                    await t.take_command(timeout=0.2, answer=uid not in silent)
                except TimeoutError:
                    continue
            wire[uid] = b"".join(t.received)

    async def scenario() -> None:
        async with gateway(settings) as gw:
            stop = asyncio.Event()
            tasks = [asyncio.create_task(device(gw, u, stop)) for u in uids]
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                states = {c.state for c in store.campaigns()}
                if "running" not in states:
                    break
                await asyncio.sleep(0.1)
            stop.set()
            await asyncio.gather(*tasks)

    with worker_running(settings):
        asyncio.run(scenario())
    done = store.campaign(camp.id)
    assert done is not None and done.state == "completed"
    p = campaigns.progress_counts(done, store.campaign_commands(done.id))
    assert (p["answered"], p["failed"], p["pending"]) == (45, 5, 0)
    halted = store.campaign(strict.id)
    assert halted is not None and halted.state == "stopped" and "failed" in (halted.reason or "")
    hp = campaigns.progress_counts(halted, store.campaign_commands(halted.id))
    assert hp["pending"] > 0  # it stopped before reaching every device
    # no device got a campaign's command twice: counted on the wire (the registry's unique
    # idempotency key per campaign and device could not show a command sent twice)
    attempts = {(cid, c.device_id): c.attempts for cid in (camp.id, strict.id)
                for c in store.campaign_commands(cid)}  # fmt: skip
    for uid, dev_id in zip(uids, ids, strict=True):
        for cid, text in ((camp.id, b"setparam 1000:1"), (strict.id, b"setparam 1000:2")):
            assert wire[uid].count(text) == attempts.get((cid, dev_id), 0) <= 1, (uid, text)


def test_offline_devices_queues_do_not_crowd_out_a_connected_one(data_dir: Path) -> None:
    store = BlockingCommands.of(Settings(data_dir=data_dir))
    for _ in range(20):
        store.create(1, "requestInfo", {}, priority=9)  # device 1 is offline
    mine, _ = store.create(2, "requestInfo", {})
    assert [c.id for c in store.queued_for([2], limit=5)] == [mine.id]
    store.close()
