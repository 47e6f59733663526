"""Process settings, read from the environment (prefix-free names match the README)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Engine(StrEnum):
    """Which runtime executes workflow flows."""

    LOCAL = "local"
    INNGEST = "inngest"


class Settings(BaseSettings):
    """Everything the service reads from its environment."""

    model_config = SettingsConfigDict(env_prefix="AGENT_PROGRESS_", extra="ignore")

    database_url: str | None = Field(default=None, validation_alias="DATABASE_URL")
    """A PostgreSQL URL; without one an embedded server is started in `data_dir`."""
    data_dir: Path = Path("var")
    """Where the embedded database and the asset files live."""
    host: str = "127.0.0.1"
    port: int = 8000
    public_url: str = ""
    """Prefix for asset URLs handed to clients; empty means relative URLs."""
    engine: Engine = Engine.LOCAL
    dev_mode: bool = True
    """Development conveniences: GraphiQL, introspection, readable errors."""
    feed_poll_seconds: float = 5.0
    """Backstop poll of the change feed, for notifications lost in transit."""
    review_window_seconds: float = 30.0
    """How long a flow waits for a human decision before re-checking the stored one."""
    openai_api_key: str | None = Field(default=None, validation_alias="OPENAI_API_KEY")

    @property
    def assets_dir(self) -> Path:
        return self.data_dir / "assets"

    @property
    def pgdata_dir(self) -> Path:
        return self.data_dir / "pgdata"
