"""Who may see what, from the permission links (Traccar's rules), on both backends.

- Administrators see everything: the ``visible_*`` functions return None for them.
- A user sees the devices linked to it, and every device of a group linked to it or nested (at
  any depth) under one; a manager (user_limit != 0) also sees what its managed users see.
- Geofences, notifications, drivers, calendars and maintenances: those linked to the user, plus
  those linked to a device or group it sees.
- Groups: those linked, and their nested groups.

Rights to change things (read-only users, device_readonly, limit_commands) are questions about
the user alone: ``can_edit``, ``can_edit_devices``, ``can_send_commands``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import literal, select, union
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from fleetwire.store.db import writing
from fleetwire.store.schema import LINKS, devices, groups, user_device, user_group, user_user
from fleetwire.store.users import User

# object kind -> (its user link table, its group link table, its device link table)
_OBJECTS = {
    kind: (LINKS["user", kind], LINKS.get(("group", kind)), LINKS.get(("device", kind)))
    for kind in (
        "geofence",
        "notification",
        "driver",
        "maintenance",
        "calendar",
        "command",
        "attribute",
    )
}


def _literal_id(value: int) -> Any:
    return literal(value).label("id")


def _user_ids(user: User) -> Any:
    if not user.manager:
        return [user.id]
    return (
        select(user_user.c.managed_user_id)
        .where(user_user.c.user_id == user.id)
        .union(select(_literal_id(user.id)))
    )


def _group_tree(user: User) -> Any:
    """Ids of the groups linked to the user (or its managed users) and all nested under them."""
    tree = (
        select(user_group.c.group_id.label("id"))
        .where(user_group.c.user_id.in_(_user_ids(user)))
        .cte("tree", recursive=True)
    )
    # UNION, not UNION ALL: a cycle in the parents ends instead of looping
    return tree.union(select(groups.c.id).where(groups.c.group_id == tree.c.id))


def _device_ids(user: User, tree: Any = None) -> Any:
    tree = _group_tree(user) if tree is None else tree
    return union(
        select(user_device.c.device_id.label("id")).where(
            user_device.c.user_id.in_(_user_ids(user))
        ),
        select(devices.c.id).where(devices.c.group_id.in_(select(tree.c.id))),
    )


async def _ids(engine: AsyncEngine | AsyncConnection, query: Any) -> set[int]:
    if isinstance(engine, AsyncConnection):
        return {int(r[0]) for r in await engine.execute(query)}
    async with engine.connect() as conn:
        return {int(r[0]) for r in await conn.execute(query)}


async def visible_device_ids(engine: AsyncEngine | AsyncConnection, user: User) -> set[int] | None:
    """The ids of the devices ``user`` may see; None: every device (administrator)."""
    if user.administrator:
        return None
    return await _ids(engine, _device_ids(user))


async def can_see_device(engine: AsyncEngine | AsyncConnection, user: User, device_id: int) -> bool:
    if user.administrator:
        return True
    ids = _device_ids(user).subquery()
    return bool(await _ids(engine, select(ids.c.id).where(ids.c.id == device_id)))


async def visible_group_ids(engine: AsyncEngine | AsyncConnection, user: User) -> set[int] | None:
    if user.administrator:
        return None
    tree = _group_tree(user)
    return await _ids(engine, select(tree.c.id))


async def can_see_group(engine: AsyncEngine | AsyncConnection, user: User, group_id: int) -> bool:
    ids = await visible_group_ids(engine, user)
    return ids is None or group_id in ids


async def visible_object_ids(
    engine: AsyncEngine | AsyncConnection, user: User, kind: str
) -> set[int] | None:
    """Ids of the ``kind`` objects (geofence, notification, driver, maintenance, calendar,
    command) the user may see; None: all (administrator)."""
    if user.administrator:
        return None
    by_user, by_group, by_device = _OBJECTS[kind]
    col = f"{kind}_id"
    parts: list[Any] = [select(by_user.c[col]).where(by_user.c.user_id.in_(_user_ids(user)))]
    tree = _group_tree(user)
    if by_group is not None:
        parts.append(select(by_group.c[col]).where(by_group.c.group_id.in_(select(tree.c.id))))
    if by_device is not None:
        dev = _device_ids(user, tree).subquery()
        parts.append(select(by_device.c[col]).where(by_device.c.device_id.in_(select(dev.c.id))))
    return await _ids(engine, union(*parts))


async def can_see_object(
    engine: AsyncEngine | AsyncConnection, user: User, kind: str, object_id: int
) -> bool:
    ids = await visible_object_ids(engine, user, kind)
    return ids is None or object_id in ids


async def visible_geofence_ids(
    engine: AsyncEngine | AsyncConnection, user: User
) -> set[int] | None:
    return await visible_object_ids(engine, user, "geofence")


async def can_see_geofence(engine: AsyncEngine | AsyncConnection, user: User, gid: int) -> bool:
    return await can_see_object(engine, user, "geofence", gid)


async def visible_notification_ids(
    engine: AsyncEngine | AsyncConnection, user: User
) -> set[int] | None:
    return await visible_object_ids(engine, user, "notification")


async def can_see_notification(engine: AsyncEngine | AsyncConnection, user: User, nid: int) -> bool:
    return await can_see_object(engine, user, "notification", nid)


async def managed_user_ids(engine: AsyncEngine | AsyncConnection, user: User) -> set[int] | None:
    """Users ``user`` may see and manage: itself and those it manages; None: all (admin)."""
    if user.administrator:
        return None
    if not user.manager:
        return {user.id}
    return await _ids(engine, _user_ids(user))


def can_edit(user: User) -> bool:
    """May change anything at all (not a read-only user)."""
    return user.administrator or not user.readonly


def can_edit_devices(user: User) -> bool:
    return user.administrator or not (user.readonly or user.device_readonly)


def can_send_commands(user: User) -> bool:
    """May send free commands to the devices it sees (limit_commands: none)."""
    return user.administrator or not (user.readonly or user.limit_commands)


# -- permission links (POST/DELETE /api/permissions) -----------------------------------------


class UnknownLink(ValueError):
    pass


def link_table(owner: str, prop: str) -> Any:
    """The link table of a Traccar key pair, e.g. ("user", "device") or ("user", "managedUser")."""
    key = (owner, "user") if (owner, prop) == ("user", "managedUser") else (owner, prop)
    table = LINKS.get(key)
    if table is None:
        raise UnknownLink(f"no permission between {owner} and {prop}")
    return table


async def link(engine: AsyncEngine, owner: str, owner_id: int, prop: str, prop_id: int) -> None:
    table = link_table(owner, prop)
    a, b = (c.name for c in table.primary_key.columns)
    async with writing(engine) as conn:
        exists = await conn.execute(
            select(table).where(table.c[a] == owner_id, table.c[b] == prop_id)
        )
        if exists.first() is None:
            await conn.execute(table.insert().values({a: owner_id, b: prop_id}))


async def unlink(engine: AsyncEngine, owner: str, owner_id: int, prop: str, prop_id: int) -> bool:
    table = link_table(owner, prop)
    a, b = (c.name for c in table.primary_key.columns)
    async with writing(engine) as conn:
        done = await conn.execute(
            table.delete().where(table.c[a] == owner_id, table.c[b] == prop_id)
        )
    return done.rowcount == 1
