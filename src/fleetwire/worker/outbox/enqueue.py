"""The outbox side of the worker's batch transaction: seam items in, statements out.

For every forwarding sink that takes the item's kind, one row; for every (rule, user, channel)
an event notifies, one row, written by a statement that also checks the rule's cooldown and
debounced state in the same transaction (store/outbox.py). Ids are digests of what caused the
row (the record's id, its change, and the sink or the rule, user and channel), so processing a
batch again inserts nothing. Nothing here reads the database: the seam lets the outbox add
statements to the batch's transaction, and the store runs them on either backend.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from fleetwire.config import OutboxSettings
from fleetwire.store import outbox as sql
from fleetwire.store.telemetry import PositionRow
from fleetwire.worker.logic.model import position_id
from fleetwire.worker.outbox import payload as pl
from fleetwire.worker.outbox.rules import OPPOSITE, Event, Rule, RuleSet, filters_pass
from fleetwire.worker.outbox_seam import OutboxItem, Statements

# device id -> (unique id, name, protocol), for the payloads
DeviceInfo = Callable[[int], tuple[str | None, str | None, str | None]]


def _no_info(device_id: int) -> tuple[str | None, str | None, str | None]:
    return None, None, None


def _position_item(r: PositionRow) -> OutboxItem:
    payload = {
        "deviceId": r[0], "fixTime": r[2], "serverTime": r[3], "valid": bool(r[4]),
        "latitude": r[5], "longitude": r[6], "altitude": r[7], "speed": r[8], "course": r[9],
        "attributes": r[11],
    }  # fmt: skip
    return OutboxItem("position", str(position_id(r[0], r[2], r[13])), r[0], r[2], payload)


def position_items(rows: Sequence[PositionRow]) -> list[OutboxItem]:
    """Seam items for stored positions, as the business logic makes them (for a worker that
    runs without it)."""
    return [_position_item(r) for r in rows]


class Outbox:
    """What ``outbox_seam.enqueue`` runs once the worker has installed it."""

    def __init__(
        self,
        settings: OutboxSettings,
        *,
        devices: DeviceInfo = _no_info,
        partitions: int = 1,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.settings = settings
        self.rules = RuleSet()
        self.devices = devices
        self.partitions = partitions
        self.clock = clock
        sinks = settings.sinks
        self._position_sinks = [n for n, s in sinks.items() if "positions" in s.records]
        self._event_sinks = [n for n, s in sinks.items() if "events" in s.records]
        self._channels = set(settings.notify.channels)

    @property
    def forwards_positions(self) -> bool:
        return bool(self._position_sinks)

    @property
    def active(self) -> bool:
        return bool(self._position_sinks or self._event_sinks or self.rules)

    def enqueue(self, tx: Statements, items: Sequence[OutboxItem]) -> None:
        if not items or not self.active:
            return
        now_ms = int(self.clock() * 1000)
        forwarded: list[sql.OutboxRow] = []
        for it in items:
            sinks = self._position_sinks if it.kind == "position" else self._event_sinks
            if sinks:
                self._forward_rows(it, sinks, now_ms, forwarded)
        tx.add(sql.INSERT, forwarded)
        if self.rules:
            for it in items:
                if it.kind == "event" and it.change == "new" and not it.replayed:
                    self._notify(tx, it, now_ms)

    # -- forwarding ------------------------------------------------------------------------------
    def _device(self, device_id: int) -> tuple[dict[str, Any], str | None]:
        uid, name, protocol = self.devices(device_id)
        return pl.device_json(device_id, uid, name), protocol

    def _body(self, it: OutboxItem) -> dict[str, Any]:
        device, protocol = self._device(it.device_id)
        if it.kind == "position":
            return {"position": pl.position_json(it.payload, int(it.id), protocol),
                    "device": device}  # fmt: skip
        body: dict[str, Any] = {"event": pl.event_json(it.payload), "device": device}
        flags = {"late": it.late, "replayed": it.replayed}
        if it.change != "new":
            body["event"]["change"] = it.change  # changed, or superseded: the correction
        body["event"].update({k: True for k, v in flags.items() if v})
        return body

    def _forward_rows(
        self, it: OutboxItem, sinks: Sequence[str], now_ms: int, out: list[sql.OutboxRow]
    ) -> None:
        text = pl.dumps(self._body(it))
        part = it.device_id % self.partitions
        # a change is a new message (its own id); the same record again is the same message
        version = pl.digest(text) if it.change != "new" else ""
        for sink in sinks:
            out.append((pl.digest(sink, it.kind, it.id, it.change, version), sink, part,
                        it.device_id, it.kind, it.id, None, None, now_ms, text, sql.QUEUED, 0,
                        it.time))  # fmt: skip

    # -- notifications ---------------------------------------------------------------------------
    def _notify(self, tx: Statements, it: OutboxItem, now_ms: int) -> None:
        p = it.payload
        e = Event(it.id, it.device_id, str(p.get("type")), it.time, p.get("geofenceId"),
                  p.get("attributes") or {})  # fmt: skip
        for rule in self.rules.matching(e):
            debounced = bool(rule.min_duration_ms) and rule.type in OPPOSITE
            scope = f":{e.geofence_id}" if rule.type.startswith("geofence") else ""
            last_key = f"last:{rule.id}:{e.device_id}{scope}" if debounced else ""
            stable_key = f"stable:{rule.id}:{e.device_id}{scope}" if debounced else ""
            if debounced:
                tx.add(sql.STABLE, [(stable_key, e.time, last_key, e.type,
                                     e.time - rule.min_duration_ms)])  # fmt: skip
                if e.type != rule.type:  # the opposite state: held ones that did not last
                    tx.add(sql.CANCEL, [(now_ms, rule.id, e.device_id,
                                         e.time - rule.min_duration_ms)])  # fmt: skip
            if e.type == rule.type and filters_pass(rule, e, self.rules.calendars):
                self._notify_rows(tx, it, e, rule, now_ms, last_key, stable_key)
            if debounced:
                tx.add(sql.LAST, [(last_key, e.time, e.type)])

    def _notify_rows(
        self, tx: Statements, it: OutboxItem, e: Event, rule: Rule, now_ms: int, last_key: str,
        stable_key: str,
    ) -> None:  # fmt: skip
        late = it.late or now_ms - e.time > int(self.settings.notify.time_threshold * 1000)
        if late and rule.late_policy == "skip":
            return
        users = self.rules.users(rule, e.device_id)
        channels = [c for c in rule.notificators if c in self._channels]
        if not users or not channels:
            return  # sms, firebase... are not run here; a rule nobody can receive sends nothing
        body = self._body(it)
        body["rule"] = {"id": rule.id, "type": rule.type}
        if late:
            body["delayed"] = True
        held = 0
        if last_key:  # minDuration: wait for the state to last
            held = max(e.time, now_ms) + rule.min_duration_ms
        status = sql.HELD if held else sql.PENDING
        cool_key = f"cool:{rule.id}:{e.device_id}" if rule.cooldown_ms else ""
        part = e.device_id % self.partitions
        rows = []
        for user in users:
            text = pl.dumps({**body, "userId": user})
            for channel in channels:
                rows.append((pl.digest("notify", channel, e.id, rule.id, user),
                             f"notify:{channel}", part, e.device_id, "notification", e.id,
                             rule.id, user, now_ms, text, status, held, e.time,
                             cool_key, e.time - rule.cooldown_ms, stable_key, e.type,
                             last_key, e.type))  # fmt: skip
        tx.add(sql.NOTIFY, rows)
        if cool_key:
            tx.add(sql.COOL, [(cool_key, e.time, rule.id, e.id)])
