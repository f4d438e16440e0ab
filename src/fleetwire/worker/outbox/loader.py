"""Notification rules and their links, read from the registry tables app-store owns
(CONTRACT.md: notifications, users, groups, user_notification, device_notification,
group_notification, user_device, user_group, devices.group_id, groups.group_id).

The same SQL on both backends through one ``fetch`` function. A registry without these tables
(an older schema) has no rules: evaluation is simply off. Rules' calendars are read here too
(worker/outbox/calendars.py); one that cannot be read is logged once and blocks nothing, as an
unknown calendar: a notification too many beats one silently lost.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Awaitable, Callable
from typing import Any

from fleetwire.logs import kv
from fleetwire.worker.outbox.calendars import Calendar, CalendarError, parse
from fleetwire.worker.outbox.rules import Rule, RuleSet

log = logging.getLogger("worker")

Fetch = Callable[[str], Awaitable[list[tuple[Any, ...]]]]

_QUERIES = {
    "rules": "SELECT id, type, always, notificators, calendar_id, attributes FROM notifications",
    "user_rule": "SELECT user_id, notification_id FROM user_notification",
    "device_rule": "SELECT device_id, notification_id FROM device_notification",
    "group_rule": "SELECT group_id, notification_id FROM group_notification",
    "user_device": "SELECT user_id, device_id FROM user_device",
    "user_group": "SELECT user_id, group_id FROM user_group",
    "device_group": "SELECT id, group_id FROM devices WHERE group_id IS NOT NULL",
    "group_parent": "SELECT id, group_id FROM groups WHERE group_id IS NOT NULL",
    "users": "SELECT id, administrator, disabled FROM users",
    "calendars": "SELECT id, data FROM calendars",
}
_unreadable: set[tuple[int, str]] = set()  # calendars already logged as unreadable


def calendars(rows: list[tuple[Any, ...]]) -> dict[int, Calendar]:
    """The readable calendars by id; each unreadable one logged once (per content)."""
    out: dict[int, Calendar] = {}
    for cid, data in rows:
        try:
            out[int(cid)] = parse(data or "")
        except CalendarError as e:
            if (int(cid), str(data)) not in _unreadable:
                _unreadable.add((int(cid), str(data)))
                log.warning(kv("calendar_unreadable", calendar=cid, error=str(e)))
    return out


def build(rows: dict[str, list[tuple[Any, ...]]]) -> RuleSet:
    """A rule set from the link tables' rows (keys as in ``_QUERIES``)."""
    rules = {r.id: r for r in (Rule.from_row(*row) for row in rows["rules"])}
    parent = {int(g): int(p) for g, p in rows["group_parent"]}

    def ancestors(group: int | None) -> list[int]:
        out: list[int] = []
        while group is not None and group not in out:  # a cycle must not hang the worker
            out.append(group)
            group = parent.get(group)
        return out

    group_rules: dict[int, set[int]] = {}
    for g, n in rows["group_rule"]:
        group_rules.setdefault(int(g), set()).add(int(n))
    device_group = {int(d): int(g) for d, g in rows["device_group"]}
    device_rules: dict[int, set[int]] = {}
    for d, n in rows["device_rule"]:
        device_rules.setdefault(int(d), set()).add(int(n))
    for d, g in device_group.items():
        for a in ancestors(g):
            device_rules.setdefault(d, set()).update(group_rules.get(a, ()))
    rule_users: dict[int, set[int]] = {}
    for u, n in rows["user_rule"]:
        rule_users.setdefault(int(n), set()).add(int(u))
    # who sees a device: users linked to it, or to its group or an ancestor group
    group_users: dict[int, set[int]] = {}
    for u, g in rows["user_group"]:
        group_users.setdefault(int(g), set()).add(int(u))
    device_users: dict[int, set[int]] = {}
    for u, d in rows["user_device"]:
        device_users.setdefault(int(d), set()).add(int(u))
    for d, g in device_group.items():
        for a in ancestors(g):
            device_users.setdefault(d, set()).update(group_users.get(a, ()))
    admins = frozenset(int(u) for u, adm, _dis in rows["users"] if adm)
    disabled = frozenset(int(u) for u, _adm, dis in rows["users"] if dis)
    return RuleSet(
        rules=rules,
        device_rules={d: frozenset(s) for d, s in device_rules.items()},
        rule_users={n: frozenset(s) for n, s in rule_users.items()},
        device_users={d: frozenset(s) for d, s in device_users.items()},
        administrators=admins,
        disabled=disabled,
        calendars=dict(calendars(rows.get("calendars", []))),
    )


async def load(fetch: Fetch) -> RuleSet:
    try:
        rows = {name: await fetch(q) for name, q in _QUERIES.items()}
    except Exception as e:  # no such table: the registry predates rules
        if "no such table" in str(e) or "does not exist" in str(e):
            return RuleSet()
        raise
    return build(rows)


def load_sqlite(conn: sqlite3.Connection) -> RuleSet:
    """The embedded worker's (synchronous) read of registry.db."""
    try:
        rows = {name: conn.execute(q).fetchall() for name, q in _QUERIES.items()}
    except sqlite3.OperationalError as e:
        if "no such table" in str(e) or "no such column" in str(e):
            return RuleSet()
        raise
    return build(rows)
