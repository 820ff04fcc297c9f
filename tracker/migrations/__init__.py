"""Alembic migrations of the store schema, run programmatically by tracker.store (never by hand)."""
