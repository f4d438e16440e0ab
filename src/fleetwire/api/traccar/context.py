"""What every Traccar route needs: the registry and telemetry engines (opened on first use, on
the API's event loop), the command store, and the access checks phrased as Traccar answers
them (denied is 400, missing is 404, a read-only user may not write)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Annotated, Any

from fastapi import Depends, HTTPException
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from fleetwire.api.auth import current_user
from fleetwire.api.traccar.telemetry import Pos, TelemetryReader, open_telemetry
from fleetwire.config import Settings
from fleetwire.store import access
from fleetwire.store.db import open_registry
from fleetwire.store.schema import devices, groups
from fleetwire.store.users import User, get_user

# the caller, as app-store's authentication resolves it (401 when anonymous)
CurrentUser = Annotated[User, Depends(current_user)]


class Context:
    def __init__(
        self, settings: Settings, stores: Any, registry: AsyncEngine | None = None
    ) -> None:
        self.settings = settings
        self.stores = stores  # the sync stores of api/app.py
        self._registry: AsyncEngine | None = registry  # the app's, or opened on first use
        self._own_registry = registry is None
        self._telemetry: TelemetryReader | None = None
        self._lock = asyncio.Lock()

    async def registry(self) -> AsyncEngine:
        if self._registry is None:
            async with self._lock:
                if self._registry is None:
                    if not self.settings.store.postgres:
                        from fleetwire.store.migrate import migrate_embedded

                        await asyncio.to_thread(migrate_embedded, self.settings)
                    self._registry = open_registry(self.settings)
        return self._registry

    async def telemetry(self) -> TelemetryReader:
        if self._telemetry is None:
            async with self._lock:
                if self._telemetry is None:
                    if not self.settings.store.postgres:
                        # the worker creates the tables; an API started first must not fail
                        from fleetwire.store.telemetry import SqliteTelemetry

                        SqliteTelemetry(self.settings.telemetry_path).close()
                    self._telemetry = TelemetryReader(open_telemetry(self.settings))
        return self._telemetry

    async def close(self) -> None:
        if self._registry is not None and self._own_registry:
            await self._registry.dispose()
        if self._telemetry is not None:
            await self._telemetry.engine.dispose()

    # -- access, as Traccar answers it ----------------------------------------------------
    async def visible_device_ids(self, user: User) -> set[int] | None:
        return await access.visible_device_ids(await self.registry(), user)

    async def device_ids_for(self, user: User, wanted: Iterable[int] | None = None) -> list[int]:
        """Devices the user may see, narrowed to ``wanted`` when given (any one not visible
        is refused with 400, as Traccar's permission check does)."""
        visible = await self.visible_device_ids(user)
        if wanted is not None:
            wanted = list(dict.fromkeys(wanted))
            if visible is not None and not set(wanted) <= visible:
                raise HTTPException(400, "device access denied")
            return wanted
        if visible is None:
            async with (await self.registry()).connect() as conn:
                return [int(r[0]) for r in await conn.execute(select(devices.c.id))]
        return sorted(visible)

    async def check_device(self, user: User, device_id: int) -> Any:
        """The device's row; 404 when it does not exist, 400 when the user may not see it."""
        async with (await self.registry()).connect() as conn:
            row = (await conn.execute(select(devices).where(devices.c.id == device_id))).first()
        if row is None:
            raise HTTPException(404, f"no device {device_id}")
        if not await access.can_see_device(await self.registry(), user, device_id):
            raise HTTPException(400, "device access denied")
        return row

    async def device_rows(self, ids: Iterable[int]) -> dict[int, Any]:
        async with (await self.registry()).connect() as conn:
            rows = await conn.execute(select(devices).where(devices.c.id.in_(list(ids))))
            return {int(r.id): r for r in rows}

    async def protocols(self, ids: Iterable[int]) -> dict[int, str | None]:
        async with (await self.registry()).connect() as conn:
            rows = await conn.execute(
                select(devices.c.id, devices.c.protocol).where(devices.c.id.in_(list(ids)))
            )
            return {int(r[0]): r[1] for r in rows}

    async def latest_by_device(self, ids: Iterable[int] | None) -> dict[int, Pos]:
        reader = await self.telemetry()
        return {p.device_id: p for p in await reader.latest(ids)}

    async def visible_ids(self, user: User, kind: str) -> set[int] | None:
        """Objects of ``kind`` (group, geofence, notification, driver, calendar, maintenance)
        the user may see; None for administrators."""
        engine = await self.registry()
        if kind == "group":
            return await access.visible_group_ids(engine, user)
        return await access.visible_object_ids(engine, user, kind)

    async def other_user(self, user: User, user_id: int) -> User:
        """Another user, for `?userId=` (administrators only, as Traccar's managers are not
        served here yet)."""
        if user_id == user.id:
            return user
        check_admin(user)
        other = await get_user(await self.registry(), user_id)
        if other is None:
            raise HTTPException(404, f"no user {user_id}")
        return other


async def group_closure(conn: Any, roots: set[int]) -> set[int]:
    """The groups and every group nested under them."""
    seen = set(roots)
    frontier = set(roots)
    while frontier:
        rows = await conn.execute(select(groups.c.id).where(groups.c.group_id.in_(frontier)))
        frontier = {int(r[0]) for r in rows} - seen
        seen |= frontier
    return seen


def check_writable(user: User, *, device: bool = False) -> None:
    if user.readonly and not user.administrator:
        raise HTTPException(400, "account is read-only")
    if device and user.device_readonly and not user.administrator:
        raise HTTPException(400, "devices are read-only for this account")


def check_admin(user: User) -> None:
    if not user.administrator:
        raise HTTPException(400, "administrator access required")
