"""The relational schema. Alembic migrations in `migrations/` create exactly this."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB, UUID

metadata = sa.MetaData()

CHANGE_CURSOR_SEQUENCE = sa.Sequence("workflow_change_cursor", metadata=metadata)
"""Every run change takes the next value: unique per change and, per run, increasing in commit
order (across runs it is not commit order; the feed reads by `change_xid`)."""


class XID8(sa.types.UserDefinedType[int]):
    """PostgreSQL's 64-bit transaction ID (`xid8`), which SQLAlchemy has no type for."""

    cache_ok = True

    def get_col_spec(self, **_: object) -> str:
        return "xid8"


viewers = sa.Table(
    "viewers",
    metadata,
    sa.Column("id", UUID(as_uuid=True), primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column(
        "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    ),
)

access_tokens = sa.Table(
    "access_tokens",
    metadata,
    sa.Column("id", UUID(as_uuid=True), primary_key=True),
    sa.Column("viewer_id", UUID(as_uuid=True), sa.ForeignKey("viewers.id"), nullable=False),
    sa.Column("token_hash", sa.Text, nullable=False, unique=True),
    sa.Column("label", sa.Text, nullable=False),
    sa.Column(
        "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    ),
    sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
)

video_lectures = sa.Table(
    "video_lectures",
    metadata,
    sa.Column("id", UUID(as_uuid=True), primary_key=True),
    sa.Column("owner_id", UUID(as_uuid=True), sa.ForeignKey("viewers.id"), nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("prompt", sa.Text, nullable=False, server_default=""),
    sa.Column("config", JSONB, nullable=False),
    sa.Column("timeline", JSONB, nullable=True),
    sa.Column(
        "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    ),
    sa.Column(
        "updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    ),
    sa.Index("ix_video_lectures_owner", "owner_id", "created_at"),
)

workflow_runs = sa.Table(
    "workflow_runs",
    metadata,
    sa.Column("id", UUID(as_uuid=True), primary_key=True),
    sa.Column("owner_id", UUID(as_uuid=True), sa.ForeignKey("viewers.id"), nullable=False),
    sa.Column("lecture_id", UUID(as_uuid=True), sa.ForeignKey("video_lectures.id"), nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("workflow_state", JSONB, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("change_cursor", sa.BigInteger, nullable=False),
    # The transaction that wrote the run's latest change: the change feed's position.
    sa.Column("change_xid", XID8(), nullable=False, server_default=sa.text("pg_current_xact_id()")),
    sa.Column("input", JSONB, nullable=False),
    sa.Column("rerun_of", UUID(as_uuid=True), sa.ForeignKey("workflow_runs.id"), nullable=True),
    sa.Column("triggered_by", UUID(as_uuid=True), sa.ForeignKey("viewers.id"), nullable=False),
    sa.Column("trigger", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    # The process executing the run (local runner) and until when its claim holds: NULL
    # counts as expired, 'infinity' never expires (see `src/runner/leases.py`).
    sa.Column("executor_id", sa.Text, nullable=True),
    sa.Column("lease_expires_at", sa.DateTime(timezone=True), nullable=True),
    sa.Index("ix_workflow_runs_lecture", "lecture_id", "created_at"),
    sa.Index("ix_workflow_runs_owner", "owner_id", "created_at"),
    sa.Index("ix_workflow_runs_change_xid", "change_xid", "change_cursor"),
    sa.Index("ix_workflow_runs_status", "status"),
    sa.Index(
        "ix_workflow_runs_unfinished_lease",
        "lease_expires_at",
        postgresql_where=sa.text("status IN ('queued', 'running', 'waiting_for_input')"),
    ),
    # At most one unfinished re-run or resume of a run (`src/runs/follow_ups.py`).
    sa.Index(
        "uq_workflow_runs_open_follow_up",
        "rerun_of",
        unique=True,
        postgresql_where=sa.text(
            "rerun_of IS NOT NULL AND status IN ('queued', 'running', 'waiting_for_input')"
        ),
    ),
)

assets = sa.Table(
    "assets",
    metadata,
    sa.Column("id", UUID(as_uuid=True), primary_key=True),
    sa.Column("owner_id", UUID(as_uuid=True), sa.ForeignKey("viewers.id"), nullable=False),
    sa.Column("lecture_id", UUID(as_uuid=True), sa.ForeignKey("video_lectures.id"), nullable=False),
    sa.Column("run_id", UUID(as_uuid=True), sa.ForeignKey("workflow_runs.id"), nullable=True),
    sa.Column("slot", sa.Text, nullable=False),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("media_type", sa.Text, nullable=False),
    sa.Column("content_hash", sa.Text, nullable=False),
    sa.Column("byte_size", sa.BigInteger, nullable=False),
    sa.Column("storage_key", sa.Text, nullable=False),
    sa.Column("details", JSONB, nullable=False),
    sa.Column(
        "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    ),
    sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
    sa.Index("ix_assets_lecture_slot", "lecture_id", "slot", "status"),
    sa.Index(
        "uq_assets_one_current_per_slot",
        "lecture_id",
        "slot",
        unique=True,
        postgresql_where=sa.text("status = 'current'"),
    ),
)
