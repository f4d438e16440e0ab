"""The commands store, one implementation, on SQLite and PostgreSQL: the state machine, a reply
attached once, idempotency keys, delivery order, campaigns."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from fleetwire.config import Settings
from fleetwire.store.commands import Commands, State
from fleetwire.store.db import open_registry


def run(settings: Settings, fn: Callable[[Commands], Awaitable[None]]) -> None:
    async def go() -> None:
        engine = open_registry(settings)
        try:
            await fn(Commands(engine))
        finally:
            await engine.dispose()

    asyncio.run(go())


def test_state_machine_and_answers(registry_settings: Settings) -> None:
    async def go(s: Commands) -> None:
        cmd, created = await s.create(7, "custom", {"data": "getver"})
        assert created and cmd.state is State.QUEUED and cmd.attributes == {"data": "getver"}
        assert not await s.mark_acknowledged(cmd.id)  # not sent yet
        assert await s.mark_sent(cmd.id)
        assert not await s.mark_sent(cmd.id)  # never sent twice
        assert not await s.cancel(cmd.id)  # only queued ones cancel
        assert await s.mark_acknowledged(cmd.id)
        answered = await s.answer(7, "OK: getver", frame_seq=41)
        assert answered is not None and answered.id == cmd.id
        assert answered.state is State.ANSWERED and answered.result == "OK: getver"
        assert answered.attempts == 1
        assert await s.answer(7, "OK: getver", frame_seq=41) is None  # a replayed reply
        assert await s.answer(8, "nothing awaits", frame_seq=42) is None

        quick, _ = await s.create(7, "engineStop", {}, ttl=0.001)
        await asyncio.sleep(0.01)
        assert await s.expire() == 1
        assert (await s.get(quick.id)).state is State.EXPIRED  # type: ignore[union-attr]
        silent, _ = await s.create(7, "requestInfo", {})
        assert await s.mark_sent(silent.id)
        assert await s.fail_unanswered(older_than_ms=0) == 1
        failed = await s.get(silent.id)
        assert failed is not None and failed.state is State.FAILED and failed.error

    run(registry_settings, go)


def test_idempotency_order_and_visibility(registry_settings: Settings) -> None:
    async def go(s: Commands) -> None:
        a, made_a = await s.create(1, "engineStop", {}, idempotency_key="op-1")
        b, made_b = await s.create(1, "engineStop", {}, idempotency_key="op-1")
        assert made_a and not made_b and a.id == b.id
        assert a.expires - a.created == 300_000  # the safety TTL of an immobiliser
        low, _ = await s.create(2, "requestInfo", {})
        high, _ = await s.create(2, "rebootDevice", {}, priority=5)
        for _ in range(3):
            await s.create(3, "requestInfo", {}, priority=9)  # an offline device's backlog
        # thousands of connected devices: the ids are sent in chunks, the order kept
        queued = await s.queued_for([2, *range(100, 12100)], limit=5)
        assert [c.id for c in queued] == [high.id, low.id]
        # what a gateway asks first each round: the devices with anything to send
        assert await s.queued_devices() == {1, 2, 3}
        await s.create(4, "requestInfo", {}, ttl=0.001)
        await asyncio.sleep(0.01)
        assert await s.queued_devices() == {1, 2, 3}  # an expired command has nothing to send
        assert {c.device_id for c in await s.find(device_ids={2})} == {2}
        assert await s.find(device_ids=set()) == []
        assert [c.id for c in await s.find(2, State.QUEUED)] == [high.id, low.id]
        assert await s.mark_sent(low.id)
        assert await s.queued_devices() == {1, 2, 3}  # device 2 still has `high`
        assert await s.mark_sent(high.id)
        assert await s.queued_devices() == {1, 3}

    run(registry_settings, go)


def test_campaign_stop_cancels_what_is_queued(registry_settings: Settings) -> None:
    async def go(s: Commands) -> None:
        camp = await s.create_campaign(
            "custom", {"data": "x"}, [1, 2, 3], batch_size=2, failure_threshold=0.5,
            min_sample=2, ttl=60,
        )  # fmt: skip
        assert camp.device_ids == [1, 2, 3] and camp.state == "running"
        await s.create(1, "custom", {"data": "x"}, campaign_id=camp.id)
        assert await s.stop_campaign(camp.id, "by hand")
        assert not await s.stop_campaign(camp.id, "again")
        stopped = await s.campaign(camp.id)
        assert stopped is not None and stopped.state == "stopped" and stopped.reason == "by hand"
        assert [c.state for c in await s.campaign_commands(camp.id)] == [State.CANCELLED]
        assert [c.id for c in await s.campaigns("stopped")] == [camp.id]
        other = await s.create_campaign("custom", {}, [1], batch_size=1, failure_threshold=1,
                                        min_sample=1, ttl=1)  # fmt: skip
        await s.complete_campaign(other.id)
        assert (await s.campaign(other.id)).state == "completed"  # type: ignore[union-attr]

    run(registry_settings, go)
