"""INTERIM registry tables and access checks, written to CONTRACT.md until app-store's store
layer (`fleetwire.store.schema`, `fleetwire.store.db.open_registry`, `fleetwire.store.access`)
lands on main; then this module goes and its callers import those instead.

Only what the Traccar routes need: the registry tables of the contract, an async engine on the
embedded registry.db (creating the missing tables and device columns), and the access queries.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Integer,
    MetaData,
    Table,
    Text,
    inspect,
    select,
    text,
    union,
)
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from fleetwire.api.auth import User
from fleetwire.config import Settings

metadata = MetaData()

devices = Table(
    "devices", metadata,
    Column("id", Integer, primary_key=True),
    Column("unique_id", Text, nullable=False, unique=True),
    Column("name", Text),
    Column("protocol", Text),
    Column("disabled", Integer, nullable=False, default=0),
    Column("created", BigInteger, nullable=False),
    Column("group_id", Integer),
    Column("calendar_id", Integer),
    Column("phone", Text),
    Column("model", Text),
    Column("contact", Text),
    Column("category", Text),
    Column("expiration_time", BigInteger),
    Column("attributes", Text),
)  # fmt: skip
# the columns the Traccar API added to the gateway's original devices table
_DEVICE_EXTRA = ("group_id", "calendar_id", "phone", "model", "contact", "category",
                 "expiration_time", "attributes")  # fmt: skip

users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("email", Text, nullable=False, unique=True),
    Column("login", Text),
    Column("password_hash", Text),
    Column("administrator", Boolean, nullable=False, default=False),
    Column("readonly", Boolean, nullable=False, default=False),
    Column("device_readonly", Boolean, nullable=False, default=False),
    Column("limit_commands", Boolean, nullable=False, default=False),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("expiration_time", BigInteger),
    Column("device_limit", Integer, nullable=False, default=-1),
    Column("user_limit", Integer, nullable=False, default=0),
    Column("attributes", Text, nullable=False, default="{}"),
)  # fmt: skip

groups = Table(
    "groups", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("group_id", Integer),
    Column("attributes", Text, nullable=False, default="{}"),
)  # fmt: skip
geofences = Table(
    "geofences", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("description", Text),
    Column("area", Text, nullable=False),
    Column("calendar_id", Integer),
    Column("attributes", Text, nullable=False, default="{}"),
)  # fmt: skip
notifications = Table(
    "notifications", metadata,
    Column("id", Integer, primary_key=True),
    Column("type", Text, nullable=False),
    Column("description", Text),
    Column("always", Boolean, nullable=False, default=False),
    Column("notificators", Text, nullable=False, default=""),
    Column("calendar_id", Integer),
    Column("command_id", Integer),
    Column("attributes", Text, nullable=False, default="{}"),
)  # fmt: skip
drivers = Table(
    "drivers", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("unique_id", Text, nullable=False),
    Column("attributes", Text, nullable=False, default="{}"),
)  # fmt: skip
calendars = Table(
    "calendars", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("data", Text, nullable=False, default=""),
    Column("attributes", Text, nullable=False, default="{}"),
)  # fmt: skip
maintenances = Table(
    "maintenances", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("start", Integer, nullable=False, default=0),
    Column("period", Integer, nullable=False, default=0),
    Column("attributes", Text, nullable=False, default="{}"),
)  # fmt: skip


def _link(owner: str, prop: str) -> Table:
    return Table(
        f"{owner}_{prop}", metadata,
        Column(f"{owner}_id", Integer, primary_key=True),
        Column(f"{prop}_id" if prop != "user" else "managed_user_id", Integer, primary_key=True),
    )  # fmt: skip


# user -> object links (what a user may see) and object -> object links
LINKS: dict[tuple[str, str], Table] = {
    (o, p): _link(o, p)
    for o, p in [
        ("user", "device"), ("user", "group"), ("user", "geofence"), ("user", "notification"),
        ("user", "driver"), ("user", "calendar"), ("user", "maintenance"), ("user", "user"),
        ("group", "geofence"), ("device", "geofence"), ("group", "notification"),
        ("device", "notification"), ("group", "driver"), ("device", "driver"),
        ("group", "maintenance"), ("device", "maintenance"),
    ]
}  # fmt: skip


def registry_url(settings: Settings) -> str:
    if settings.store.postgres:
        return settings.store.url.replace("postgresql://", "postgresql+asyncpg://", 1).replace(
            "postgres://", "postgresql+asyncpg://", 1
        )
    return f"sqlite+aiosqlite:///{settings.registry_path}"


async def open_registry(settings: Settings) -> AsyncEngine:
    """The registry engine, with the tables above present (created where missing)."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(registry_url(settings))
    async with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            await conn.execute(text("PRAGMA journal_mode=WAL"))
        await conn.run_sync(_ensure)
    return engine


def _ensure(sync_conn: object) -> None:
    conn = sync_conn
    insp = inspect(conn)
    have = set(insp.get_table_names())
    metadata.create_all(conn, tables=[t for t in metadata.sorted_tables if t.name not in have])  # type: ignore[arg-type]
    if "devices" in have:
        cols = {c["name"] for c in insp.get_columns("devices")}
        for name in _DEVICE_EXTRA:
            if name not in cols:
                kind = "TEXT" if name in ("phone", "model", "contact", "category",
                                          "attributes") else "BIGINT"  # fmt: skip
                conn.execute(text(f"ALTER TABLE devices ADD COLUMN {name} {kind}"))  # type: ignore[attr-defined]


# -- access (fleetwire.store.access, interim) -------------------------------------------------
async def _group_closure(conn: AsyncConnection, roots: set[int]) -> set[int]:
    """The groups and every group nested under them."""
    seen = set(roots)
    frontier = set(roots)
    while frontier:
        rows = await conn.execute(select(groups.c.id).where(groups.c.group_id.in_(frontier)))
        frontier = {int(r[0]) for r in rows} - seen
        seen |= frontier
    return seen


async def visible_group_ids(engine: AsyncEngine, user: User) -> set[int] | None:
    if user.administrator:
        return None
    ug = LINKS["user", "group"]
    async with engine.connect() as conn:
        roots = {int(r[0]) for r in await conn.execute(
            select(ug.c.group_id).where(ug.c.user_id == user.id))}  # fmt: skip
        return await _group_closure(conn, roots)


async def visible_device_ids(engine: AsyncEngine, user: User) -> set[int] | None:
    """Devices linked to the user directly or through a group (nested groups included);
    None means every device (administrators)."""
    if user.administrator:
        return None
    gids = await visible_group_ids(engine, user)
    ud = LINKS["user", "device"]
    async with engine.connect() as conn:
        q = union(
            select(ud.c.device_id).where(ud.c.user_id == user.id),
            select(devices.c.id).where(devices.c.group_id.in_(gids or {-1})),
        )
        return {int(r[0]) for r in await conn.execute(q)}


async def can_see_device(engine: AsyncEngine, user: User, device_id: int) -> bool:
    ids = await visible_device_ids(engine, user)
    return ids is None or device_id in ids


async def visible_object_ids(engine: AsyncEngine, user: User, kind: str) -> set[int] | None:
    """Objects of ``kind`` (geofence, notification, driver, calendar, maintenance, group) that
    the user is linked to; None for administrators."""
    if user.administrator:
        return None
    if kind == "group":
        return await visible_group_ids(engine, user)
    link = LINKS["user", kind]
    async with engine.connect() as conn:
        rows = await conn.execute(select(link.c[f"{kind}_id"]).where(link.c.user_id == user.id))
        return {int(r[0]) for r in rows}
