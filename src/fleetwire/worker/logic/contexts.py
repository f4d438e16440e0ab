"""Per-device contexts from a registry snapshot: each device's keys resolved through its groups
and the server's, its geofences (linked to it or to any of its groups, up the parent chain)
compiled once and indexed once per distinct set, its maintenances. Pure: the snapshot comes from
store/logic_registry.py (or a test)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fleetwire.store.logic_registry import GeofenceDef, RegistrySnapshot
from fleetwire.worker.logic import computed
from fleetwire.worker.logic.config import resolve
from fleetwire.worker.logic.engine import DeviceContext
from fleetwire.worker.logic.geofences import GeofenceIndex, Shape, compile_all


class Contexts:
    """Callable: device id -> DeviceContext, cached until the snapshot is replaced."""

    def __init__(self, server: Mapping[str, Any] | None = None,
                 snapshot: RegistrySnapshot | None = None) -> None:  # fmt: skip
        self.server = dict(server or {})
        self.errors: list[str] = []
        self._shapes: dict[int, Shape] = {}
        self._areas: dict[int, tuple[str, str]] = {}
        self.update(snapshot or RegistrySnapshot())

    def update(self, snap: RegistrySnapshot) -> None:
        if getattr(self, "snap", None) == snap:
            return  # the registry did not change since the last look: keep every context
        # recompile only geofences whose area or attributes changed
        keep = {
            gid: s for gid, s in self._shapes.items()
            if gid in snap.geofences and self._areas.get(gid) == _sig(snap.geofences[gid])
        }  # fmt: skip
        fresh, self.errors = compile_all(g for gid, g in snap.geofences.items() if gid not in keep)
        self._shapes = {**keep, **fresh}
        self._steps, self.computed_errors = computed.compile_all(snap.computed.values())
        self._areas = {gid: _sig(g) for gid, g in snap.geofences.items()}
        self.snap = snap
        self._cache: dict[int, DeviceContext] = {}
        self._indexes: dict[frozenset[int], GeofenceIndex] = {}

    def _chain(self, device_id: int) -> list[int]:
        out: list[int] = []
        g = self.snap.device_group.get(device_id)
        while g is not None and g not in out:
            out.append(g)
            g = self.snap.groups.get(g, (None, {}))[0]
        return out

    def __call__(self, device_id: int) -> DeviceContext:
        ctx = self._cache.get(device_id)
        if ctx is not None:
            return ctx
        snap = self.snap
        chain = self._chain(device_id)
        layers = [snap.device_attributes.get(device_id, {})]
        layers += [snap.groups[g][1] for g in chain if g in snap.groups]
        layers.append(self.server)
        gids = set(snap.device_geofences.get(device_id, ()))
        mids = set(snap.device_maintenances.get(device_id, ()))
        cids = set(snap.device_computed.get(device_id, ()))
        for g in chain:
            gids |= snap.group_geofences.get(g, set())
            mids |= snap.group_maintenances.get(g, set())
            cids |= snap.group_computed.get(g, set())
        key = frozenset(gid for gid in gids if gid in self._shapes)
        index = self._indexes.get(key)
        if index is None:
            index = self._indexes[key] = GeofenceIndex(self._shapes[g] for g in sorted(key))
        maint = tuple(snap.maintenances[m] for m in sorted(mids) if m in snap.maintenances)
        comp = computed.assemble((snap.computed[c] for c in cids if c in snap.computed),
                                 self._steps)  # fmt: skip
        ctx = self._cache[device_id] = DeviceContext(resolve(layers), index, maint, comp)
        return ctx


def _sig(g: GeofenceDef) -> tuple[str, str]:
    return (g.area, repr(sorted(g.attributes.items())))
