"""One unfinished follow-up per run: at most one re-run or resume of a run may be going at once.

Revision ID: 0004_open_follow_up
Revises: 0003

A partial unique index on `rerun_of` over the unfinished runs: a second `rerunRun` or
`retryRun` of a run whose first follow-up has not finished (a double click, two tabs) fails
to insert, and the service answers it with the run the first one created
(`src/runs/follow_ups.py`). Once that follow-up has finished, the run may be re-run again.

Before this, concurrent requests could create duplicates. Where unfinished duplicates exist,
the earliest keeps its link and the later ones lose it (`rerun_of` set to NULL, as retention
does when the run they point at is deleted); they are kept, and finish as they would have.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_open_follow_up"
down_revision = "0003"
branch_labels = None
depends_on = None

INDEX = "uq_workflow_runs_open_follow_up"
UNFINISHED = "status IN ('queued', 'running', 'waiting_for_input')"


def upgrade() -> None:
    op.execute(
        f"""
        UPDATE workflow_runs SET rerun_of = NULL
        WHERE id IN (
            SELECT id FROM (
                SELECT id, row_number() OVER (
                    PARTITION BY rerun_of ORDER BY created_at, id
                ) AS place
                FROM workflow_runs
                WHERE rerun_of IS NOT NULL AND {UNFINISHED}
            ) ranked
            WHERE place > 1
        )
        """
    )
    op.create_index(
        INDEX,
        "workflow_runs",
        ["rerun_of"],
        unique=True,
        postgresql_where=sa.text(f"rerun_of IS NOT NULL AND {UNFINISHED}"),
    )


def downgrade() -> None:
    op.drop_index(INDEX, table_name="workflow_runs")
