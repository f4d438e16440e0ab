"""Per-device contexts from a registry snapshot: keys device → groups (up the parent chain) →
server, geofences linked to the device or any of its groups, one index per distinct set."""

from __future__ import annotations

from fleetwire.store.logic_registry import GeofenceDef, MaintenanceDef, RegistrySnapshot
from fleetwire.worker.logic.config import KNOT
from fleetwire.worker.logic.contexts import Contexts


def snapshot() -> RegistrySnapshot:
    return RegistrySnapshot(
        device_attributes={1: {"speedLimit": 50}, 2: {}, 3: {}},
        device_group={1: 10, 2: 11},
        groups={10: (11, {"report.trip.minDistance": 500}), 11: (None, {"speedLimit": 70,
                "report.trip.minDuration": 60})},
        geofences={5: GeofenceDef(5, "CIRCLE (54 25, 100)"), 6: GeofenceDef(6, "CIRCLE (55 25, 9)"),
                   7: GeofenceDef(7, "POLYGON ((broken")},
        device_geofences={1: {5}},
        group_geofences={11: {6, 7}},
        maintenances={9: MaintenanceDef(9, "hours", 0, 3_600_000)},
        group_maintenances={10: {9}},
    )  # fmt: skip


def test_keys_resolve_device_then_groups_then_server() -> None:
    ctx = Contexts({"speedLimit": 30, "report.trip.minDuration": 999}, snapshot())
    one, two, three = ctx(1).config, ctx(2).config, ctx(3).config
    assert abs(one.speed_limit - 50 * KNOT) < 1e-9  # its own
    assert one.trip_min_distance == 500 and one.trip_min_duration == 60  # group, parent group
    assert abs(two.speed_limit - 70 * KNOT) < 1e-9
    assert abs(three.speed_limit - 30 * KNOT) < 1e-9 and three.trip_min_duration == 999


def test_geofences_and_maintenances_through_groups() -> None:
    ctx = Contexts({}, snapshot())
    assert sorted(ctx(1).geofences.by_id) == [5, 6]  # 7 does not parse: skipped, reported
    assert sorted(ctx(2).geofences.by_id) == [6]
    assert ctx(3).geofences.shapes == []
    assert [m.id for m in ctx(1).maintenances] == [9] and ctx(2).maintenances == ()
    assert ctx.errors and "geofence 7" in ctx.errors[0]


def test_update_replaces_contexts() -> None:
    ctx = Contexts({}, snapshot())
    assert sorted(ctx(1).geofences.by_id) == [5, 6]
    snap = snapshot()
    snap.device_geofences = {}
    ctx.update(snap)
    assert sorted(ctx(1).geofences.by_id) == [6]
