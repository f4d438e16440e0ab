"""The registry's tables, once, for both backends (SQLite registry.db and PostgreSQL): devices,
users, groups, the objects users link to (geofences, notifications, drivers, calendars,
maintenances, saved commands), the Traccar-style permission link tables, the server settings,
commands and campaigns, sessions, API tokens and password-reset tokens.

Queries are written against these ``Table`` objects with SQLAlchemy Core, so one query serves
both backends. The migrations under ``migrations/versions`` create what is declared here (a test
compares the two); a change here needs a new migration. Times are integer milliseconds since the
epoch, UTC; JSON is stored as text.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
)

metadata = MetaData()

# SQLite makes only "INTEGER PRIMARY KEY" an alias of the rowid (and so auto-numbered)
Id = BigInteger().with_variant(Integer(), "sqlite")


def _id() -> Column[int]:
    return Column("id", Id, primary_key=True, autoincrement=True)


def _attributes() -> Column[str]:
    return Column("attributes", Text, nullable=False, server_default="{}")


devices = Table(
    "devices",
    metadata,
    _id(),
    Column("unique_id", Text, nullable=False, unique=True),
    Column("name", Text),
    Column("protocol", Text),
    Column("disabled", Boolean, nullable=False, server_default="0"),
    Column("created", BigInteger, nullable=False),
    Column("group_id", Id, ForeignKey("groups.id", ondelete="SET NULL")),
    Column("phone", Text),
    Column("model", Text),
    Column("contact", Text),
    Column("category", Text),
    Column("calendar_id", Id, ForeignKey("calendars.id", ondelete="SET NULL")),
    Column("expiration_time", BigInteger),
    _attributes(),
)

users = Table(
    "users",
    metadata,
    _id(),
    Column("name", Text, nullable=False, server_default=""),
    Column("email", Text, nullable=False, unique=True),
    Column("login", Text, unique=True),
    Column("password_hash", Text),
    Column("administrator", Boolean, nullable=False, server_default="0"),
    Column("readonly", Boolean, nullable=False, server_default="0"),
    Column("device_readonly", Boolean, nullable=False, server_default="0"),
    Column("limit_commands", Boolean, nullable=False, server_default="0"),
    Column("disable_reports", Boolean, nullable=False, server_default="0"),
    Column("disabled", Boolean, nullable=False, server_default="0"),
    Column("expiration_time", BigInteger),
    Column("device_limit", Integer, nullable=False, server_default="-1"),
    Column("user_limit", Integer, nullable=False, server_default="0"),
    Column("phone", Text),
    Column("created", BigInteger, nullable=False),
    _attributes(),
    Column("totp_key", Text),  # base32 secret of the user's one-time passwords (store/totp.py)
)

groups = Table(
    "groups",
    metadata,
    _id(),
    Column("name", Text, nullable=False),
    Column("group_id", Id, ForeignKey("groups.id", ondelete="SET NULL")),  # the parent
    _attributes(),
)

calendars = Table(
    "calendars",
    metadata,
    _id(),
    Column("name", Text, nullable=False),
    Column("data", Text, nullable=False, server_default=""),  # iCalendar text
    _attributes(),
)

geofences = Table(
    "geofences",
    metadata,
    _id(),
    Column("name", Text, nullable=False),
    Column("description", Text),
    Column("area", Text, nullable=False),  # lat-lon WKT: POLYGON, LINESTRING, CIRCLE (lat lon, r)
    Column("calendar_id", Id, ForeignKey("calendars.id", ondelete="SET NULL")),
    _attributes(),
)

notifications = Table(
    "notifications",
    metadata,
    _id(),
    Column("type", Text, nullable=False),
    Column("description", Text),
    Column("always", Boolean, nullable=False, server_default="0"),
    Column("notificators", Text, nullable=False, server_default=""),  # comma list: web,mail
    Column("calendar_id", Id, ForeignKey("calendars.id", ondelete="SET NULL")),
    Column("command_id", BigInteger),
    _attributes(),
)

drivers = Table(
    "drivers",
    metadata,
    _id(),
    Column("name", Text, nullable=False),
    Column("unique_id", Text, nullable=False, unique=True),
    _attributes(),
)

maintenances = Table(
    "maintenances",
    metadata,
    _id(),
    Column("name", Text, nullable=False),
    Column("type", Text, nullable=False),  # the position attribute it counts: totalDistance...
    Column("start", Float, nullable=False, server_default="0"),
    Column("period", Float, nullable=False, server_default="0"),
    _attributes(),
)


# Traccar's saved commands (/api/commands): a type and attributes sent later by id. Not the
# `commands` queue below, which holds each command sent to a device and its delivery state.
saved_commands = Table(
    "saved_commands",
    metadata,
    _id(),
    Column("description", Text),
    Column("type", Text, nullable=False),
    Column("text_channel", Boolean, nullable=False, server_default="0"),
    Column("device_id", BigInteger),
    _attributes(),
)

# the Server object as an administrator last PUT it (one row, id 1), over the defaults
server_settings = Table(
    "server_settings",
    metadata,
    Column("id", Id, primary_key=True),
    Column("body", Text, nullable=False),
)

computed_attributes = Table(  # Traccar's computed attributes (its tc_attributes)
    "computed_attributes",
    metadata,
    _id(),
    Column("description", Text),
    Column("attribute", Text, nullable=False),  # the position attribute it sets
    Column("expression", Text, nullable=False),  # worker/logic/expressions.py
    Column("type", Text, nullable=False),  # string, number or boolean
    Column("priority", Integer, nullable=False, server_default="0"),  # < 0: before the logic
    _attributes(),
)


def _link(owner: str, owner_table: str, prop: str, prop_table: str) -> Table:
    """A permission link, Traccar's tc_<owner>_<property>: both ends deleted with their rows."""
    name = f"{owner}_{prop}"
    a, b = f"{owner}_id", f"{prop}_id"
    if owner == prop:  # user_user: the manager and the user managed
        b = f"managed_{prop}_id"
    return Table(
        name,
        metadata,
        Column(a, Id, ForeignKey(f"{owner_table}.id", ondelete="CASCADE"), primary_key=True),
        Column(b, Id, ForeignKey(f"{prop_table}.id", ondelete="CASCADE"), primary_key=True),
        Index(f"{name}_{b}", b),
    )


# (owner, owner table, property, property table): Traccar's permission pairs
LINKS: dict[tuple[str, str], Table] = {
    (o, p): _link(o, ot, p, pt)
    for o, ot, p, pt in (
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
        ("user", "users", "command", "saved_commands"),
        ("group", "groups", "command", "saved_commands"),
        ("device", "devices", "command", "saved_commands"),
        ("user", "users", "attribute", "computed_attributes"),
        ("group", "groups", "attribute", "computed_attributes"),
        ("device", "devices", "attribute", "computed_attributes"),
    )
}
user_device = LINKS["user", "device"]
user_group = LINKS["user", "group"]
user_geofence = LINKS["user", "geofence"]
user_notification = LINKS["user", "notification"]
user_user = LINKS["user", "user"]
group_geofence = LINKS["group", "geofence"]
device_geofence = LINKS["device", "geofence"]
group_notification = LINKS["group", "notification"]
device_notification = LINKS["device", "notification"]

tokens = Table(
    "tokens",
    metadata,
    _id(),
    Column("token_hash", Text, nullable=False, unique=True),  # SHA-256 of the opaque token
    Column("user_id", Id, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("created", BigInteger, nullable=False),
    Column("expires", BigInteger, nullable=False),
    Column("revoked", BigInteger),
    Index("tokens_user", "user_id"),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id_hash", Text, primary_key=True),  # SHA-256 of the cookie value, never the value
    Column("user_id", Id, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("origin", Text),  # the login's Origin header: the session is honoured only there
    Column("created", BigInteger, nullable=False),
    Column("expires", BigInteger),
    # the API token this session was opened with (GET /api/session?token=): revoking it ends it
    Column("token_id", Id, ForeignKey("tokens.id", ondelete="CASCADE")),
    Index("sessions_user", "user_id"),
)

# what the rate limiter counts, per client address and per account: failed logins (kind
# "login") and password-reset requests (kind "reset"), each kind against its own limits
login_failures = Table(
    "login_failures",
    metadata,
    _id(),
    Column("address", Text, nullable=False),
    Column("account", Text, nullable=False),
    Column("at", BigInteger, nullable=False),
    Column("kind", Text, nullable=False, server_default="login"),
    Index("login_failures_address", "address", "at"),
    Index("login_failures_account", "account", "at"),
)

# emailed password-reset tokens (POST /api/password/reset): only the SHA-256 of the token, which
# works once (``used``) and until ``expires``
password_resets = Table(
    "password_resets",
    metadata,
    _id(),
    Column("token_hash", Text, nullable=False, unique=True),
    Column("user_id", Id, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("created", BigInteger, nullable=False),
    Column("expires", BigInteger, nullable=False),
    Column("used", BigInteger),
    Index("password_resets_user", "user_id"),
)

commands = Table(
    "commands",
    metadata,
    _id(),
    Column("device_id", BigInteger, nullable=False),
    Column("type", Text, nullable=False),
    Column("attributes", Text, nullable=False),
    Column("priority", Integer, nullable=False, server_default="0"),
    Column("state", Text, nullable=False),
    Column("idempotency_key", Text, unique=True),
    Column("campaign_id", BigInteger),
    Column("created", BigInteger, nullable=False),
    Column("expires", BigInteger, nullable=False),
    Column("sent", BigInteger),
    Column("acknowledged", BigInteger),
    Column("answered", BigInteger),
    Column("finished", BigInteger),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("result", Text),
    Column("error", Text),
    Column("answer_frame", BigInteger, unique=True),  # raw-log seq of the reply
    Column("await_answer", Integer, nullable=False, server_default="1"),
    Index("commands_open", "state", "device_id", "priority", "id"),
    Index("commands_device", "device_id", "id"),
    Index("commands_campaign", "campaign_id", "state"),
)

campaigns = Table(
    "campaigns",
    metadata,
    _id(),
    Column("type", Text, nullable=False),
    Column("attributes", Text, nullable=False),
    Column("device_ids", Text, nullable=False),  # JSON array, in rollout order
    Column("batch_size", Integer, nullable=False),
    Column("failure_threshold", Float, nullable=False),
    Column("min_sample", Integer, nullable=False),
    Column("ttl", Float, nullable=False),
    Column("priority", Integer, nullable=False),
    Column("state", Text, nullable=False),
    Column("reason", Text),
    Column("created", BigInteger, nullable=False),
    Column("finished", BigInteger),
)
