"""PostgreSQL: tables, migrations, connection URLs and the embedded server."""

from src.db.database import Database, open_database
from src.db.tables import assets, metadata, video_lectures, viewers, workflow_runs

__all__ = [
    "Database",
    "assets",
    "metadata",
    "open_database",
    "video_lectures",
    "viewers",
    "workflow_runs",
]
