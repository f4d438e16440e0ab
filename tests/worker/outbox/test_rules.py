"""Notification rules: Traccar's matching (type, alarms, geofenceIds, calendar, users who see the
device) and ours (minimum duration, cooldown, late policy), through the real enqueue path."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import orjson

from fleetwire.config import OutboxSettings
from fleetwire.store.telemetry import SqliteTelemetry
from fleetwire.worker.outbox.enqueue import Outbox
from fleetwire.worker.outbox.loader import build
from fleetwire.worker.outbox.rules import Rule, RuleSet
from fleetwire.worker.outbox_seam import OutboxItem
from tests.worker.outbox.helpers import T0, event, write

DEV = 5
MIN = 60_000


def rules(*rs: Rule, users: frozenset[int] = frozenset({1})) -> RuleSet:
    return RuleSet(
        rules={r.id: r for r in rs},
        device_rules={DEV: frozenset(r.id for r in rs)},
        rule_users={r.id: users for r in rs},
        device_users={DEV: frozenset({1, 2, 3})},
    )


class Bench:
    """An outbox over a real telemetry.db; the clock sits at the last event's time."""

    def __init__(self, data_dir: Path, ruleset: RuleSet) -> None:
        self.path = data_dir / "telemetry.db"
        self.store = SqliteTelemetry(self.path)
        self.now = T0 / 1000
        self.outbox = Outbox(OutboxSettings(), clock=lambda: self.now)
        self.outbox.rules = ruleset
        self.n = 0

    def events(self, *evs: OutboxItem) -> None:
        self.n += 1
        self.now = max(e.time for e in evs) / 1000
        write(self.store, self.outbox, [], self.n, evs)

    def rows(self, channel: str = "web") -> list[tuple[str, str, int, dict[str, object]]]:
        c = sqlite3.connect(self.path)
        try:
            return [
                (record, status, user, orjson.loads(payload))
                for record, status, user, payload in c.execute(
                    "SELECT record_id, status, user_id, payload FROM outbox WHERE sink = ?"
                    " ORDER BY seq", (f"notify:{channel}",),
                )
            ]  # fmt: skip
        finally:
            c.close()


def ev(i: str, type: str, t_s: float, **kw: Any) -> OutboxItem:
    return event(i, DEV, type, T0 + int(t_s * 1000), **kw)


def test_stops_at_traffic_lights_give_one_notification_per_trip(data_dir: Path) -> None:
    """#5000/#5245: with minDuration 120 s the lights (stops of 30-40 s) notify nothing."""
    stopped = Rule(1, "deviceStopped", ("web",), min_duration_ms=2 * MIN)
    moving = Rule(2, "deviceMoving", ("web",), min_duration_ms=2 * MIN)
    b = Bench(data_dir, rules(stopped, moving))
    b.events(ev("m0", "deviceMoving", 0))
    b.events(ev("s1", "deviceStopped", 300), ev("m1", "deviceMoving", 330))  # a light
    b.events(ev("s2", "deviceStopped", 600))
    b.events(ev("m2", "deviceMoving", 640))  # another light, in the next batch
    b.events(ev("s3", "deviceStopped", 1200))  # arrived
    b.events(ev("m3", "deviceMoving", 4800))  # the next trip, an hour later
    got = {(r, s) for r, s, _u, _b in b.rows()}
    assert got == {("m0", "held"), ("s1", "cancelled"), ("s2", "cancelled"), ("s3", "held"),
                   ("m3", "held")}  # fmt: skip


def test_alarm_and_geofence_filters(data_dir: Path) -> None:
    sos = Rule(1, "alarm", ("web",), alarms=frozenset({"sos"}))
    bare = Rule(2, "alarm", ("web",))  # Traccar: an alarm rule without alarms never matches
    fence = Rule(3, "geofenceEnter", ("web",), geofence_ids=frozenset({7}))
    b = Bench(data_dir, rules(sos, bare, fence))
    b.events(ev("a1", "alarm", 0, attributes={"alarm": "sos"}),
             ev("a2", "alarm", 1, attributes={"alarm": "powerCut"}),
             ev("a3", "alarm", 2, attributes={"alarm": "powerCut,sos"}),
             ev("g1", "geofenceEnter", 3, geofenceId=7),
             ev("g2", "geofenceEnter", 4, geofenceId=8))  # fmt: skip
    assert [r for r, *_ in b.rows()] == ["a1", "a3", "g1"]


def test_calendar_cooldown_and_late_policy(data_dir: Path) -> None:
    in_hours = Rule(1, "ignitionOn", ("web",), calendar_id=9)
    cool = Rule(2, "deviceOverspeed", ("web",), cooldown_ms=MIN)
    skip_late = Rule(3, "deviceOffline", ("web",), late_policy="skip")
    keep_late = Rule(4, "deviceOnline", ("web",))
    rs = rules(in_hours, cool, skip_late, keep_late)
    rs.calendars = {9: lambda t: (t - T0) % 3_600_000 < 1_800_000}  # first half of each hour
    b = Bench(data_dir, rs)
    b.events(ev("i1", "ignitionOn", 10), ev("i2", "ignitionOn", 2000))
    b.events(*(ev(f"o{k}", "deviceOverspeed", 2100 + 30 * k) for k in range(5)))
    b.events(ev("late1", "deviceOffline", 0), ev("late2", "deviceOnline", 1),
             ev("now", "deviceOffline", 2300))  # fmt: skip
    rows = b.rows()
    assert [r for r, *_ in rows] == ["i1", "o0", "o2", "o4", "late2", "now"]
    delayed = {r: bool(body.get("delayed")) for r, _s, _u, body in rows}
    assert delayed["late2"] and not delayed["now"]  # sent, marked delayed


def test_users_who_see_the_device_and_are_enabled(data_dir: Path) -> None:
    rule = Rule(1, "deviceOnline", ("web", "mail"))
    always = Rule(2, "deviceOffline", ("web",), always=True)
    rs = rules(rule, users=frozenset({1, 2, 4, 9}))
    rs.rules[2] = always
    rs.rule_users[2] = frozenset({3})
    rs.device_rules = {}  # only `always` reaches the device now
    rs.disabled = frozenset({2})
    rs.administrators = frozenset({4})
    b = Bench(data_dir, rs)
    b.events(ev("on", "deviceOnline", 0), ev("off", "deviceOffline", 1))
    assert [(r, u) for r, _s, u, _b in b.rows()] == [("off", 3)]
    rs.device_rules = {DEV: frozenset({1})}
    b.events(ev("on2", "deviceOnline", 2))
    # 9 cannot see the device, 2 is disabled, 4 is an administrator
    assert [(r, u) for r, _s, u, _b in b.rows()][1:] == [("on2", 1), ("on2", 4)]
    assert [(r, u) for r, _s, u, _b in b.rows("mail")] == [("on2", 1), ("on2", 4)]


def test_the_same_events_again_and_corrections_notify_nothing_new(data_dir: Path) -> None:
    rule = Rule(1, "alarm", ("web",), alarms=frozenset({"sos"}), cooldown_ms=MIN)
    b = Bench(data_dir, rules(rule))
    e = ev("a1", "alarm", 0, attributes={"alarm": "sos"})
    b.events(e)
    b.events(e)  # the batch again (a worker killed before its commit, or a replay)
    b.events(ev("a1", "alarm", 0, attributes={"alarm": "sos"}, change="superseded"))
    b.events(ev("a1", "alarm", 0, attributes={"alarm": "sos"}, change="changed"))
    b.events(ev("a2", "alarm", 100, attributes={"alarm": "sos"}, replayed=True))
    assert len(b.rows()) == 1


def test_rules_from_registry_rows_follow_groups_and_users() -> None:
    rs = build({
        "rules": [(1, "alarm", 0, "web,mail", None, '{"alarms": "sos", "cooldown": 30}'),
                  (2, "deviceOnline", 1, "web", None, None)],
        "user_rule": [(10, 1), (11, 1), (12, 2)],
        "device_rule": [],
        "group_rule": [(100, 1)],  # on the parent group
        "user_device": [(11, 5)],
        "user_group": [(10, 100)],
        "device_group": [(5, 101)],
        "group_parent": [(101, 100)],
        "users": [(10, 0, 0), (11, 0, 1), (12, 1, 0)],
    })  # fmt: skip
    assert rs.rules[1].alarms == {"sos"} and rs.rules[1].cooldown_ms == 30_000
    assert rs.rules[1].notificators == ("web", "mail")
    assert {r.id for r in rs.candidates(5)} == {1, 2}  # through the group tree, and `always`
    assert rs.users(rs.rules[1], 5) == [10]  # 11 is disabled
    assert rs.users(rs.rules[2], 5) == [12]  # an administrator
