"""Alembic environment: migrations run on a connection handed in by `open_database`."""

from alembic import context

from src.db.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through src.db.open_database (or `agent-progress migrate`)")

context.configure(connection=connection, target_metadata=metadata)
with context.begin_transaction():
    context.run_migrations()
