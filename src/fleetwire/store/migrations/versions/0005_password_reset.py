"""Password reset: the table of emailed reset tokens (their SHA-256, expiry and use), and a kind
on the rate limiter's records so that reset requests are counted apart from failed logins.

Revision ID: 0005_password_reset
Revises: 0004_computed_attributes
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_password_reset"
down_revision = "0004_computed_attributes"
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.add_column(
        "login_failures", sa.Column("kind", sa.Text, nullable=False, server_default="login")
    )
    op.create_table(
        "password_resets",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("token_hash", sa.Text, nullable=False, unique=True),
        sa.Column("user_id", Id, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("created", sa.BigInteger, nullable=False),
        sa.Column("expires", sa.BigInteger, nullable=False),
        sa.Column("used", sa.BigInteger),
    )
    op.create_index("password_resets_user", "password_resets", ["user_id"])


def downgrade() -> None:
    raise NotImplementedError("the registry is migrated forward only")
