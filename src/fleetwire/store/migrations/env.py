"""Alembic's environment: migrations run on the connection that store/migrate.py hands over
(``config.attributes["connection"]``), on SQLite or PostgreSQL alike. Offline (SQL script) mode
is not used."""

from __future__ import annotations

from alembic import context

from fleetwire.store.migrate import registry_only
from fleetwire.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    include_name=registry_only,  # on PostgreSQL the telemetry tables share the database
    transaction_per_migration=True,
    # SQLite does roll DDL back; without this Alembic would run a revision outside a transaction
    # there, and a crash half-way would leave tables that make the next attempt fail
    transactional_ddl=True,
)
with context.begin_transaction():
    context.run_migrations()
