"""Run leases: which process executes a run, and until when its claim holds.

Revision ID: 0003
Revises: 0002

The local runner claims each run it executes and renews the claim while it lives; another
process may mark a run interrupted only once its lease has expired. Existing rows get no lease,
which counts as expired: their executors are from before this migration.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

UNFINISHED = "status IN ('queued', 'running', 'waiting_for_input')"


def upgrade() -> None:
    op.add_column("workflow_runs", sa.Column("executor_id", sa.Text, nullable=True))
    op.add_column(
        "workflow_runs",
        sa.Column("lease_expires_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index(
        "ix_workflow_runs_unfinished_lease",
        "workflow_runs",
        ["lease_expires_at"],
        postgresql_where=sa.text(UNFINISHED),
    )


def downgrade() -> None:
    op.drop_index("ix_workflow_runs_unfinished_lease", table_name="workflow_runs")
    op.drop_column("workflow_runs", "lease_expires_at")
    op.drop_column("workflow_runs", "executor_id")
