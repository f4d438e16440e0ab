"""Campaign rollout: one command for a group of devices, n at a time, stopped when too many fail.

``plan`` is the decision (pure); ``tick`` applies it to the commands store (store/commands.py,
both backends), in the worker's housekeeping. Each device's command is created with
the idempotency key ``campaign:<id>:<device>`` so a worker that dies mid-tick never queues a
device twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from fleetwire.logs import kv
from fleetwire.store.commands import FINAL, Campaign, Commands, State, StoredCommand

log = logging.getLogger("worker")

FAILED = (State.FAILED, State.EXPIRED)


@dataclass(slots=True)
class Plan:
    stop: str | None = None  # the reason to stop the campaign
    complete: bool = False
    queue: list[int] = field(default_factory=list)  # devices to queue a command for now


def plan(camp: Campaign, issued: list[StoredCommand]) -> Plan:
    finished = [c for c in issued if c.state in FINAL]
    failed = sum(1 for c in finished if c.state in FAILED)
    if len(finished) >= camp.min_sample and failed / len(finished) > camp.failure_threshold:
        return Plan(stop=f"{failed} of {len(finished)} failed, over {camp.failure_threshold:.0%}")
    open_now = len(issued) - len(finished)
    done = {c.device_id for c in issued}
    todo = [d for d in camp.device_ids if d not in done]
    if not todo:
        return Plan(complete=open_now == 0)
    return Plan(queue=todo[: max(camp.batch_size - open_now, 0)])


def progress_counts(camp: Campaign, issued: list[StoredCommand]) -> dict[str, int]:
    counts = {str(s): 0 for s in State}
    for c in issued:
        counts[str(c.state)] += 1
    counts["pending"] = len(camp.device_ids) - sum(counts.values())
    return counts


async def progress(store: Commands, campaign: Campaign) -> dict[str, int]:
    return progress_counts(campaign, await store.campaign_commands(campaign.id))


def _key(camp: Campaign, device_id: int) -> str:
    return f"campaign:{camp.id}:{device_id}"


async def tick(store: Commands) -> None:
    for camp in await store.campaigns("running"):
        p = plan(camp, await store.campaign_commands(camp.id))
        if p.stop:
            await store.stop_campaign(camp.id, p.stop)
            log.warning(kv("campaign_stopped", id=camp.id, reason=p.stop))
        elif p.complete:
            await store.complete_campaign(camp.id)
            log.info(kv("campaign_completed", id=camp.id))
        for device_id in p.queue:
            await store.create(
                device_id, camp.type, camp.attributes, priority=camp.priority, ttl=camp.ttl,
                idempotency_key=_key(camp, device_id), campaign_id=camp.id,
            )  # fmt: skip
