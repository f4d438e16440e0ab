"""Users gain Traccar's `totpKey`: the base32 secret of their one-time passwords (null: none).

Revision ID: 0003_totp
Revises: 0002_saved_commands
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_totp"
down_revision = "0002_saved_commands"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("users", sa.Column("totp_key", sa.Text))


def downgrade() -> None:
    raise NotImplementedError("the registry is migrated forward only")
