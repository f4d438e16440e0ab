"""Notification rules (Traccar's model) and their evaluation against events: pure, no I/O.

A rule has Traccar's fields (type, always, notificators, calendarId, and the attributes
``alarms`` and ``geofenceIds``) plus three of ours, also read from its attributes: ``cooldown``
(s: at most one notification per rule and device in that time), ``minDuration`` (s: a state
event such as deviceStopped is notified only once the state has held that long; a return to the
previous state sooner cancels it, and a blip of the opposite state shorter than that does not
announce the state again), and ``latePolicy`` ("delayed": send, marked delayed; "skip": Traccar's
behaviour for events older than ``time_threshold``).

Which users a rule reaches follows Traccar: rules linked to the device (directly or through its
groups) or ``always`` rules, of the matching type, alarm and geofence, in the calendar; then every
user linked to the rule who can see the device and is not disabled.

What evaluation must remember between batches (cooldown times, debounced states) lives in the
``outbox_state`` table, and the statements that enqueue writes decide with it (store/outbox.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import orjson

LatePolicy = Literal["delayed", "skip"]


@dataclass(frozen=True, slots=True)
class Event:
    """What rules look at of an event (an outbox item's payload)."""

    id: str
    device_id: int
    type: str
    time: int  # ms
    geofence_id: int | None = None
    attributes: Mapping[str, Any] = field(default_factory=dict)


# state events and their opposite: minDuration debounces these pairs
OPPOSITE = {
    "deviceMoving": "deviceStopped",
    "deviceStopped": "deviceMoving",
    "ignitionOn": "ignitionOff",
    "ignitionOff": "ignitionOn",
    "deviceOnline": "deviceOffline",
    "deviceOffline": "deviceOnline",
    "geofenceEnter": "geofenceExit",
    "geofenceExit": "geofenceEnter",
}


def _id_set(value: Any) -> frozenset[int]:
    if value is None or value == "":
        return frozenset()
    if isinstance(value, str):
        return frozenset(int(v) for v in value.split(",") if v.strip())
    if isinstance(value, int):
        return frozenset({value})
    return frozenset(int(v) for v in value)


@dataclass(frozen=True, slots=True)
class Rule:
    id: int
    type: str
    notificators: tuple[str, ...]
    always: bool = False
    calendar_id: int | None = None
    alarms: frozenset[str] = frozenset()
    geofence_ids: frozenset[int] = frozenset()
    cooldown_ms: int = 0
    min_duration_ms: int = 0
    late_policy: LatePolicy = "delayed"

    @classmethod
    def from_row(
        cls,
        id: int,
        type: str,
        always: Any,
        notificators: str | None,
        calendar_id: int | None,
        attributes: str | Mapping[str, Any] | None,
    ) -> Rule:
        """From the registry's ``notifications`` row (Traccar's columns)."""
        attrs: Mapping[str, Any] = {}
        if isinstance(attributes, str):
            attrs = orjson.loads(attributes) if attributes.strip() else {}
        elif attributes is not None:
            attrs = attributes
        alarms = attrs.get("alarms") or ""
        late = attrs.get("latePolicy", "delayed")
        return cls(
            id=int(id),
            type=type,
            notificators=tuple(n.strip() for n in (notificators or "").split(",") if n.strip()),
            always=bool(always),
            calendar_id=calendar_id or None,
            alarms=frozenset(a.strip() for a in str(alarms).split(",") if a.strip()),
            geofence_ids=_id_set(attrs.get("geofenceIds")),
            cooldown_ms=int(float(attrs.get("cooldown", 0)) * 1000),
            min_duration_ms=int(float(attrs.get("minDuration", 0)) * 1000),
            late_policy="skip" if late == "skip" else "delayed",
        )


@dataclass(slots=True)
class RuleSet:
    rules: dict[int, Rule] = field(default_factory=dict)
    device_rules: dict[int, frozenset[int]] = field(default_factory=dict)  # direct or by group
    rule_users: dict[int, frozenset[int]] = field(default_factory=dict)
    device_users: dict[int, frozenset[int]] = field(default_factory=dict)  # who sees the device
    administrators: frozenset[int] = frozenset()  # see every device
    disabled: frozenset[int] = frozenset()
    # calendar id -> "is this time (ms) in the calendar"; an unknown calendar never blocks
    calendars: dict[int, Callable[[int], bool]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.rules)

    def candidates(self, device_id: int) -> Iterable[Rule]:
        linked = self.device_rules.get(device_id, frozenset())
        for rule in self.rules.values():
            if rule.always or rule.id in linked:
                yield rule

    def users(self, rule: Rule, device_id: int) -> list[int]:
        viewers = self.device_users.get(device_id, frozenset())
        return sorted(
            u
            for u in self.rule_users.get(rule.id, frozenset())
            if (u in viewers or u in self.administrators) and u not in self.disabled
        )

    def matching(self, e: Event) -> list[Rule]:
        """The rules an event satisfies (type, alarm, geofence, calendar), before users."""
        out = []
        for rule in self.candidates(e.device_id):
            if rule.type != e.type and not (
                rule.min_duration_ms and OPPOSITE.get(rule.type) == e.type
            ):
                continue
            if rule.type == e.type and not filters_pass(rule, e, self.calendars):
                continue
            out.append(rule)
        return sorted(out, key=lambda r: r.id)


def filters_pass(rule: Rule, e: Event, calendars: Mapping[int, Callable[[int], bool]]) -> bool:
    if rule.type == "alarm":
        # as Traccar: an alarm rule without an alarms list never matches
        alarm = e.attributes.get("alarm")
        if not rule.alarms or not isinstance(alarm, str):
            return False
        if rule.alarms.isdisjoint(a.strip() for a in alarm.split(",")):
            return False
    if rule.geofence_ids and e.geofence_id not in rule.geofence_ids:
        return False
    if rule.calendar_id is not None:
        inside = calendars.get(rule.calendar_id)
        if inside is not None and not inside(e.time):
            return False
    return True
