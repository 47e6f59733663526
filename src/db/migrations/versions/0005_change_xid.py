"""The change feed reads by transaction ID: `change_xid`, and no advisory-lock ordering.

Revision ID: 0005
Revises: 0004_open_follow_up

Each run write records the writing transaction's ID (`pg_current_xact_id()`, 64 bits, no
wraparound) beside its `change_cursor`; the change feed reads the rows whose transaction ended
below the snapshot's horizon (see `src/state/feed.py`). Existing rows get 0: they were
committed before this migration, below every horizon the new feed will ever read from. The
feed's reads use the new index; nothing reads by `change_cursor` alone any more, except a
one-off resume from a cursor handed out before this migration (per owner or lecture, which
their own indexes serve), so its index goes: one index less for every write to maintain.

Stop every process of the old version before this migration runs: an old process would go on
writing without setting `change_xid`, and the new feed would not see those writes.
"""

from alembic import op

revision = "0005"
down_revision = "0004_open_follow_up"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A constant default fills the existing rows without rewriting the table; new rows then
    # default to their own transaction (the store sets it explicitly on every write).
    op.execute("ALTER TABLE workflow_runs ADD COLUMN change_xid xid8 NOT NULL DEFAULT '0'")
    op.execute("ALTER TABLE workflow_runs ALTER COLUMN change_xid SET DEFAULT pg_current_xact_id()")
    op.create_index("ix_workflow_runs_change_xid", "workflow_runs", ["change_xid", "change_cursor"])
    op.drop_index("ix_workflow_runs_change_cursor", table_name="workflow_runs")


def downgrade() -> None:
    op.create_index("ix_workflow_runs_change_cursor", "workflow_runs", ["change_cursor"])
    op.drop_index("ix_workflow_runs_change_xid", table_name="workflow_runs")
    op.drop_column("workflow_runs", "change_xid")
