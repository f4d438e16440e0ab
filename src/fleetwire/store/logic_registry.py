"""Reads what the business logic needs from the registry (device and group attributes, groups,
geofences and their links, maintenances) into a RegistrySnapshot, on SQLite and PostgreSQL with
the same SQL. Tables the registry does not have yet (an older schema) read as empty."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson


@dataclass(frozen=True, slots=True)
class GeofenceDef:
    """A geofence as the registry holds it."""

    id: int
    area: str
    attributes: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class MaintenanceDef:
    id: int
    type: str
    start: float
    period: float


@dataclass(frozen=True, slots=True)
class ComputedDef:
    """A computed attribute (Traccar's): which attribute, from what expression, as which type
    (string, number, boolean); a priority below 0 runs before the logic, else after it."""

    id: int
    attribute: str
    expression: str
    type: str
    priority: int = 0


@dataclass(slots=True)
class RegistrySnapshot:
    """What the logic reads from the registry, as plain data."""

    device_attributes: dict[int, dict[str, Any]] = field(default_factory=dict)
    device_group: dict[int, int] = field(default_factory=dict)
    groups: dict[int, tuple[int | None, dict[str, Any]]] = field(default_factory=dict)  # parent
    geofences: dict[int, GeofenceDef] = field(default_factory=dict)
    device_geofences: dict[int, set[int]] = field(default_factory=dict)
    group_geofences: dict[int, set[int]] = field(default_factory=dict)
    maintenances: dict[int, MaintenanceDef] = field(default_factory=dict)
    device_maintenances: dict[int, set[int]] = field(default_factory=dict)
    group_maintenances: dict[int, set[int]] = field(default_factory=dict)
    computed: dict[int, ComputedDef] = field(default_factory=dict)
    device_computed: dict[int, set[int]] = field(default_factory=dict)
    group_computed: dict[int, set[int]] = field(default_factory=dict)


QUERIES = {
    "devices": "SELECT id, group_id, attributes FROM devices",
    "groups": "SELECT id, group_id, attributes FROM groups",
    "geofences": "SELECT id, area, attributes FROM geofences",
    "device_geofence": "SELECT device_id, geofence_id FROM device_geofence",
    "group_geofence": "SELECT group_id, geofence_id FROM group_geofence",
    "maintenances": "SELECT id, type, start, period FROM maintenances",
    "device_maintenance": "SELECT device_id, maintenance_id FROM device_maintenance",
    "group_maintenance": "SELECT group_id, maintenance_id FROM group_maintenance",
    "computed": "SELECT id, attribute, expression, type, priority FROM computed_attributes",
    "device_computed": "SELECT device_id, attribute_id FROM device_attribute",
    "group_computed": "SELECT group_id, attribute_id FROM group_attribute",
}


def _attrs(text: Any) -> dict[str, Any]:
    if not text:
        return {}
    try:
        v = orjson.loads(text)
    except orjson.JSONDecodeError:
        return {}
    return v if isinstance(v, dict) else {}


def _links(rows: Iterable[Any]) -> dict[int, set[int]]:
    out: dict[int, set[int]] = {}
    for a, b in rows:
        out.setdefault(int(a), set()).add(int(b))
    return out


def build(rows: dict[str, list[Any]]) -> RegistrySnapshot:
    """A snapshot from each query's rows (absent tables: no rows)."""
    snap = RegistrySnapshot()
    for dev, group, attrs in rows.get("devices", []):
        snap.device_attributes[int(dev)] = _attrs(attrs)
        if group is not None:
            snap.device_group[int(dev)] = int(group)
    for gid, parent, attrs in rows.get("groups", []):
        snap.groups[int(gid)] = (None if parent is None else int(parent), _attrs(attrs))
    for gid, area, attrs in rows.get("geofences", []):
        snap.geofences[int(gid)] = GeofenceDef(int(gid), str(area), _attrs(attrs))
    snap.device_geofences = _links(rows.get("device_geofence", []))
    snap.group_geofences = _links(rows.get("group_geofence", []))
    for mid, type_, start, period in rows.get("maintenances", []):
        snap.maintenances[int(mid)] = MaintenanceDef(int(mid), str(type_), float(start or 0),
                                                     float(period or 0))  # fmt: skip
    snap.device_maintenances = _links(rows.get("device_maintenance", []))
    snap.group_maintenances = _links(rows.get("group_maintenance", []))
    for cid, attribute, expression, type_, priority in rows.get("computed", []):
        snap.computed[int(cid)] = ComputedDef(int(cid), str(attribute), str(expression),
                                              str(type_), int(priority or 0))  # fmt: skip
    snap.device_computed = _links(rows.get("device_computed", []))
    snap.group_computed = _links(rows.get("group_computed", []))
    return snap


def load_sqlite(conn: sqlite3.Connection) -> RegistrySnapshot:
    rows: dict[str, list[Any]] = {}
    for name, sql in QUERIES.items():
        try:
            rows[name] = conn.execute(sql).fetchall()
        except sqlite3.OperationalError:  # no such table / column (yet)
            rows[name] = []
    return build(rows)


async def load_pg(conn: Any) -> RegistrySnapshot:
    import asyncpg

    rows: dict[str, list[Any]] = {}
    for name, sql in QUERIES.items():
        try:
            async with conn.transaction():  # a failed query must not poison the connection
                rows[name] = [tuple(r) for r in await conn.fetch(sql)]
        except (asyncpg.UndefinedTableError, asyncpg.UndefinedColumnError):
            rows[name] = []
    return build(rows)
