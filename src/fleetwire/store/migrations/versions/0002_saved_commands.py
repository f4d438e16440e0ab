"""Traccar's saved commands (the /api/commands objects: a type and attributes kept under a
description, sent later by id) with their permission links to users, groups and devices, and
the server settings an administrator writes with PUT /api/server (one JSON row).

Saved commands are their own table: `commands` is Fleetwire's command queue (one row per
command sent to one device, with its delivery state).

Revision ID: 0002_saved_commands
Revises: 0001_registry
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_saved_commands"
down_revision = "0001_registry"
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "saved_commands",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("description", sa.Text),
        sa.Column("type", sa.Text, nullable=False),
        sa.Column("text_channel", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("device_id", sa.BigInteger),
        sa.Column("attributes", sa.Text, nullable=False, server_default="{}"),
    )
    for owner, owner_table in (("user", "users"), ("group", "groups"), ("device", "devices")):
        name = f"{owner}_command"
        op.create_table(
            name,
            sa.Column(
                f"{owner}_id", Id, sa.ForeignKey(f"{owner_table}.id", ondelete="CASCADE"),
                primary_key=True,
            ),
            sa.Column(
                "command_id", Id, sa.ForeignKey("saved_commands.id", ondelete="CASCADE"),
                primary_key=True,
            ),
        )  # fmt: skip
        op.create_index(f"{name}_command_id", name, ["command_id"])
    op.create_table(
        "server_settings",
        sa.Column("id", Id, primary_key=True),
        sa.Column("body", sa.Text, nullable=False),  # the Server JSON an administrator PUT
    )


def downgrade() -> None:
    raise NotImplementedError("the registry is migrated forward only")
