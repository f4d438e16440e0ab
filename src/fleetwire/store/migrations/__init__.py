"""Alembic migrations of the registry tables (store/schema.py), shipped in the package and applied
by `fleetwire migrate` and at embedded start (store/migrate.py)."""
