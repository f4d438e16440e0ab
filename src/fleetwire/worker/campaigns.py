"""Campaign rollout: one command for a group of devices, n at a time, stopped when too many fail.

Runs in the worker's housekeeping; each device's command is created with the idempotency key
``campaign:<id>:<device>`` so a worker that dies mid-tick never queues a device twice.
"""

from __future__ import annotations

import logging

from fleetwire.logs import kv
from fleetwire.store.commands import FINAL, Campaign, SqliteCommands, State

log = logging.getLogger("worker")

FAILED = (State.FAILED, State.EXPIRED)


def progress(store: SqliteCommands, campaign: Campaign) -> dict[str, int]:
    counts = {str(s): 0 for s in State}
    for c in store.campaign_commands(campaign.id):
        counts[str(c.state)] += 1
    counts["pending"] = len(campaign.device_ids) - sum(counts.values())
    return counts


def tick(store: SqliteCommands) -> None:
    for camp in store.campaigns("running"):
        issued = store.campaign_commands(camp.id)
        finished = [c for c in issued if c.state in FINAL]
        failed = sum(1 for c in finished if c.state in FAILED)
        if len(finished) >= camp.min_sample and failed / len(finished) > camp.failure_threshold:
            reason = f"{failed} of {len(finished)} failed, over {camp.failure_threshold:.0%}"
            store.stop_campaign(camp.id, reason)
            log.warning(kv("campaign_stopped", id=camp.id, reason=reason))
            continue
        open_now = len(issued) - len(finished)
        done = {c.device_id for c in issued}
        todo = [d for d in camp.device_ids if d not in done]
        if not todo:
            if open_now == 0:
                store.complete_campaign(camp.id)
                log.info(kv("campaign_completed", id=camp.id, failed=failed))
            continue
        for device_id in todo[: max(camp.batch_size - open_now, 0)]:
            store.create(
                device_id, camp.type, camp.attributes, priority=camp.priority, ttl=camp.ttl,
                idempotency_key=f"campaign:{camp.id}:{device_id}", campaign_id=camp.id,
            )  # fmt: skip
