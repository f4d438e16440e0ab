"""Computed attributes (Traccar's tc_attributes) and their links to users, groups and devices:
what the worker's logic/computed.py evaluates on each position.

Revision ID: 0004_computed_attributes
Revises: 0003_totp
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_computed_attributes"
down_revision = "0003_totp"
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "computed_attributes",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("description", sa.Text),
        sa.Column("attribute", sa.Text, nullable=False),
        sa.Column("expression", sa.Text, nullable=False),
        sa.Column("type", sa.Text, nullable=False),
        sa.Column("priority", sa.Integer, nullable=False, server_default="0"),
        sa.Column("attributes", sa.Text, nullable=False, server_default="{}"),
    )
    for owner, owner_table in (("user", "users"), ("group", "groups"), ("device", "devices")):
        name, a = f"{owner}_attribute", f"{owner}_id"
        op.create_table(
            name,
            sa.Column(
                a, Id, sa.ForeignKey(f"{owner_table}.id", ondelete="CASCADE"), primary_key=True
            ),
            sa.Column(
                "attribute_id",
                Id,
                sa.ForeignKey("computed_attributes.id", ondelete="CASCADE"),
                primary_key=True,
            ),
        )
        op.create_index(f"{name}_attribute_id", name, ["attribute_id"])


def downgrade() -> None:
    raise NotImplementedError("the registry is migrated forward only")
