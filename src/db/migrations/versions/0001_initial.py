"""Viewers, lectures, workflow runs with persisted state, versioned assets.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB, UUID

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _timestamp(name: str, *, nullable: bool = False, default: bool = False) -> sa.Column[object]:
    return sa.Column(
        name,
        sa.DateTime(timezone=True),
        nullable=nullable,
        server_default=sa.func.now() if default else None,
    )


def upgrade() -> None:
    op.execute("CREATE SEQUENCE workflow_change_cursor")
    op.create_table(
        "viewers",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        _timestamp("created_at", default=True),
    )
    op.create_table(
        "video_lectures",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("owner_id", UUID(as_uuid=True), sa.ForeignKey("viewers.id"), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("prompt", sa.Text, nullable=False, server_default=""),
        sa.Column("config", JSONB, nullable=False),
        sa.Column("timeline", JSONB, nullable=True),
        _timestamp("created_at", default=True),
        _timestamp("updated_at", default=True),
    )
    op.create_index("ix_video_lectures_owner", "video_lectures", ["owner_id", "created_at"])
    op.create_table(
        "workflow_runs",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("owner_id", UUID(as_uuid=True), sa.ForeignKey("viewers.id"), nullable=False),
        sa.Column(
            "lecture_id", UUID(as_uuid=True), sa.ForeignKey("video_lectures.id"), nullable=False
        ),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("workflow_state", JSONB, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("change_cursor", sa.BigInteger, nullable=False),
        sa.Column("input", JSONB, nullable=False),
        sa.Column("rerun_of", UUID(as_uuid=True), sa.ForeignKey("workflow_runs.id"), nullable=True),
        sa.Column("triggered_by", UUID(as_uuid=True), sa.ForeignKey("viewers.id"), nullable=False),
        sa.Column("trigger", sa.Text, nullable=False),
        _timestamp("created_at"),
        _timestamp("started_at", nullable=True),
        _timestamp("finished_at", nullable=True),
        _timestamp("updated_at"),
    )
    op.create_index("ix_workflow_runs_lecture", "workflow_runs", ["lecture_id", "created_at"])
    op.create_index("ix_workflow_runs_owner", "workflow_runs", ["owner_id", "created_at"])
    op.create_index("ix_workflow_runs_change_cursor", "workflow_runs", ["change_cursor"])
    op.create_index("ix_workflow_runs_status", "workflow_runs", ["status"])
    op.create_table(
        "assets",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("owner_id", UUID(as_uuid=True), sa.ForeignKey("viewers.id"), nullable=False),
        sa.Column(
            "lecture_id", UUID(as_uuid=True), sa.ForeignKey("video_lectures.id"), nullable=False
        ),
        sa.Column("run_id", UUID(as_uuid=True), sa.ForeignKey("workflow_runs.id"), nullable=True),
        sa.Column("slot", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("media_type", sa.Text, nullable=False),
        sa.Column("content_hash", sa.Text, nullable=False),
        sa.Column("byte_size", sa.BigInteger, nullable=False),
        sa.Column("storage_key", sa.Text, nullable=False),
        sa.Column("details", JSONB, nullable=False),
        _timestamp("created_at", default=True),
        _timestamp("decided_at", nullable=True),
    )
    op.create_index("ix_assets_lecture_slot", "assets", ["lecture_id", "slot", "status"])
    op.create_index(
        "uq_assets_one_current_per_slot",
        "assets",
        ["lecture_id", "slot"],
        unique=True,
        postgresql_where=sa.text("status = 'current'"),
    )


def downgrade() -> None:
    op.drop_table("assets")
    op.drop_table("workflow_runs")
    op.drop_table("video_lectures")
    op.drop_table("viewers")
    op.execute("DROP SEQUENCE workflow_change_cursor")
