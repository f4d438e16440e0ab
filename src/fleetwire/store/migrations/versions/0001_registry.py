"""The registry: users, groups, geofences, notifications, drivers, calendars, maintenances, the
permission links, sessions, tokens and login failures; devices gain their Traccar columns.

devices, commands and campaigns may exist already: on SQLite the gateway and the older stores
created them with plain SQL, on PostgreSQL the hand-written migrations of store/postgres/schema.py
did (and still do, before this runs). They are created here only where missing, then brought to
one shape: PostgreSQL's devices.created turns from a timestamp into milliseconds.

Revision ID: 0001_registry
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_registry"
down_revision = None
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _id() -> sa.Column[int]:
    return sa.Column("id", Id, primary_key=True, autoincrement=True)


def _attributes() -> sa.Column[str]:
    return sa.Column("attributes", sa.Text, nullable=False, server_default="{}")


def _flag(name: str) -> sa.Column[bool]:
    return sa.Column(name, sa.Boolean, nullable=False, server_default="0")


def _tables() -> set[str]:
    return set(sa.inspect(op.get_bind()).get_table_names())


def _legacy_tables(have: set[str]) -> None:
    if "devices" not in have:
        op.create_table(
            "devices",
            _id(),
            sa.Column("unique_id", sa.Text, nullable=False, unique=True),
            sa.Column("name", sa.Text),
            sa.Column("protocol", sa.Text),
            _flag("disabled"),
            sa.Column("created", sa.BigInteger, nullable=False),
        )
    if "commands" not in have:
        op.create_table(
            "commands",
            _id(),
            sa.Column("device_id", sa.BigInteger, nullable=False),
            sa.Column("type", sa.Text, nullable=False),
            sa.Column("attributes", sa.Text, nullable=False),
            sa.Column("priority", sa.Integer, nullable=False, server_default="0"),
            sa.Column("state", sa.Text, nullable=False),
            sa.Column("idempotency_key", sa.Text, unique=True),
            sa.Column("campaign_id", sa.BigInteger),
            sa.Column("created", sa.BigInteger, nullable=False),
            sa.Column("expires", sa.BigInteger, nullable=False),
            sa.Column("sent", sa.BigInteger),
            sa.Column("acknowledged", sa.BigInteger),
            sa.Column("answered", sa.BigInteger),
            sa.Column("finished", sa.BigInteger),
            sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
            sa.Column("result", sa.Text),
            sa.Column("error", sa.Text),
            sa.Column("answer_frame", sa.BigInteger, unique=True),
            sa.Column("await_answer", sa.Integer, nullable=False, server_default="1"),
        )
        op.create_index("commands_open", "commands", ["state", "device_id", "priority", "id"])
        op.create_index("commands_device", "commands", ["device_id", "id"])
        op.create_index("commands_campaign", "commands", ["campaign_id", "state"])
    if "campaigns" not in have:
        op.create_table(
            "campaigns",
            _id(),
            sa.Column("type", sa.Text, nullable=False),
            sa.Column("attributes", sa.Text, nullable=False),
            sa.Column("device_ids", sa.Text, nullable=False),
            sa.Column("batch_size", sa.Integer, nullable=False),
            sa.Column("failure_threshold", sa.Float, nullable=False),
            sa.Column("min_sample", sa.Integer, nullable=False),
            sa.Column("ttl", sa.Float, nullable=False),
            sa.Column("priority", sa.Integer, nullable=False),
            sa.Column("state", sa.Text, nullable=False),
            sa.Column("reason", sa.Text),
            sa.Column("created", sa.BigInteger, nullable=False),
            sa.Column("finished", sa.BigInteger),
        )


def _objects() -> None:
    op.create_table(
        "users",
        _id(),
        sa.Column("name", sa.Text, nullable=False, server_default=""),
        sa.Column("email", sa.Text, nullable=False, unique=True),
        sa.Column("login", sa.Text, unique=True),
        sa.Column("password_hash", sa.Text),
        _flag("administrator"),
        _flag("readonly"),
        _flag("device_readonly"),
        _flag("limit_commands"),
        _flag("disable_reports"),
        _flag("disabled"),
        sa.Column("expiration_time", sa.BigInteger),
        sa.Column("device_limit", sa.Integer, nullable=False, server_default="-1"),
        sa.Column("user_limit", sa.Integer, nullable=False, server_default="0"),
        sa.Column("phone", sa.Text),
        sa.Column("created", sa.BigInteger, nullable=False),
        _attributes(),
    )
    op.create_table(
        "groups",
        _id(),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("group_id", Id, sa.ForeignKey("groups.id", ondelete="SET NULL")),
        _attributes(),
    )
    op.create_table(
        "calendars",
        _id(),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("data", sa.Text, nullable=False, server_default=""),
        _attributes(),
    )
    op.create_table(
        "geofences",
        _id(),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("description", sa.Text),
        sa.Column("area", sa.Text, nullable=False),
        sa.Column("calendar_id", Id, sa.ForeignKey("calendars.id", ondelete="SET NULL")),
        _attributes(),
    )
    op.create_table(
        "notifications",
        _id(),
        sa.Column("type", sa.Text, nullable=False),
        sa.Column("description", sa.Text),
        _flag("always"),
        sa.Column("notificators", sa.Text, nullable=False, server_default=""),
        sa.Column("calendar_id", Id, sa.ForeignKey("calendars.id", ondelete="SET NULL")),
        sa.Column("command_id", sa.BigInteger),
        _attributes(),
    )
    op.create_table(
        "drivers",
        _id(),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("unique_id", sa.Text, nullable=False, unique=True),
        _attributes(),
    )
    op.create_table(
        "maintenances",
        _id(),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.Text, nullable=False),
        sa.Column("start", sa.Float, nullable=False, server_default="0"),
        sa.Column("period", sa.Float, nullable=False, server_default="0"),
        _attributes(),
    )


def _device_columns() -> None:
    bind = op.get_bind()
    have = {c["name"] for c in sa.inspect(bind).get_columns("devices")}
    big = "INTEGER" if bind.dialect.name == "sqlite" else "bigint"
    # plain ADD COLUMN on both backends: SQLite's batch mode would copy the table the gateway
    # writes to, and a nullable column with a reference is allowed there as it is
    new = {
        "group_id": f"{big} REFERENCES groups (id) ON DELETE SET NULL",
        "phone": "TEXT",
        "model": "TEXT",
        "contact": "TEXT",
        "category": "TEXT",
        "calendar_id": f"{big} REFERENCES calendars (id) ON DELETE SET NULL",
        "expiration_time": "BIGINT",
        "attributes": "TEXT NOT NULL DEFAULT '{}'",
    }
    for name, ddl in new.items():
        if name not in have:
            op.execute(f"ALTER TABLE devices ADD COLUMN {name} {ddl}")
    if op.get_bind().dialect.name == "postgresql":
        # milliseconds, as every other time in the registry; the scale-out gateway inserts
        # devices without it, so the default stays
        op.execute(
            "ALTER TABLE devices ALTER COLUMN created DROP DEFAULT,"
            " ALTER COLUMN created TYPE bigint"
            " USING (extract(epoch FROM created) * 1000)::bigint,"
            " ALTER COLUMN created SET DEFAULT"
            " (extract(epoch FROM clock_timestamp()) * 1000)::bigint"
        )


LINKS = (
    ("user", "users", "device", "devices"),
    ("user", "users", "group", "groups"),
    ("user", "users", "geofence", "geofences"),
    ("user", "users", "notification", "notifications"),
    ("user", "users", "calendar", "calendars"),
    ("user", "users", "driver", "drivers"),
    ("user", "users", "maintenance", "maintenances"),
    ("user", "users", "user", "users"),
    ("group", "groups", "geofence", "geofences"),
    ("group", "groups", "notification", "notifications"),
    ("group", "groups", "driver", "drivers"),
    ("group", "groups", "maintenance", "maintenances"),
    ("device", "devices", "geofence", "geofences"),
    ("device", "devices", "notification", "notifications"),
    ("device", "devices", "driver", "drivers"),
    ("device", "devices", "maintenance", "maintenances"),
)


def _links() -> None:
    for owner, owner_table, prop, prop_table in LINKS:
        name = f"{owner}_{prop}"
        a, b = f"{owner}_id", (f"managed_{prop}_id" if owner == prop else f"{prop}_id")
        op.create_table(
            name,
            sa.Column(
                a, Id, sa.ForeignKey(f"{owner_table}.id", ondelete="CASCADE"), primary_key=True
            ),
            sa.Column(
                b, Id, sa.ForeignKey(f"{prop_table}.id", ondelete="CASCADE"), primary_key=True
            ),
        )
        op.create_index(f"{name}_{b}", name, [b])


def _auth() -> None:
    op.create_table(
        "tokens",
        _id(),
        sa.Column("token_hash", sa.Text, nullable=False, unique=True),
        sa.Column("user_id", Id, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("created", sa.BigInteger, nullable=False),
        sa.Column("expires", sa.BigInteger, nullable=False),
        sa.Column("revoked", sa.BigInteger),
    )
    op.create_index("tokens_user", "tokens", ["user_id"])
    op.create_table(
        "sessions",
        sa.Column("id_hash", sa.Text, primary_key=True),
        sa.Column("user_id", Id, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("origin", sa.Text),
        sa.Column("created", sa.BigInteger, nullable=False),
        sa.Column("expires", sa.BigInteger),
        sa.Column("token_id", Id, sa.ForeignKey("tokens.id", ondelete="CASCADE")),
    )
    op.create_index("sessions_user", "sessions", ["user_id"])
    op.create_table(
        "login_failures",
        _id(),
        sa.Column("address", sa.Text, nullable=False),
        sa.Column("account", sa.Text, nullable=False),
        sa.Column("at", sa.BigInteger, nullable=False),
    )
    op.create_index("login_failures_address", "login_failures", ["address", "at"])
    op.create_index("login_failures_account", "login_failures", ["account", "at"])


def upgrade() -> None:
    _legacy_tables(_tables())
    _objects()
    _device_columns()
    _links()
    _auth()


def downgrade() -> None:
    raise NotImplementedError("the registry is migrated forward only")
