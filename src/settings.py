"""Process settings, read from the environment (prefix-free names match the README)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from src.providers.latency import SimulatedLatency

MAX_REVIEW_WINDOWS = 200
"""Inngest caps a run's steps (1,000 by default); a review spends two per window."""


class EngineSetting(StrEnum):
    """Which runtime executes workflow flows."""

    LOCAL = "local"
    INNGEST = "inngest"


class LogFormat(StrEnum):
    JSON = "json"
    CONSOLE = "console"


class AuthMode(StrEnum):
    LOCAL = "local"
    TOKENS = "tokens"


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
    engine: EngineSetting = EngineSetting.LOCAL
    runner_enabled: bool = True
    """Local engine: execute runs in this process. False (`serve --no-runner`): an API-only
    process; its runs are queued for the runner processes on the same `DATABASE_URL`."""
    dev_mode: bool = True
    """Development conveniences: GraphiQL, introspection, readable errors."""
    feed_poll_seconds: float = 5.0
    """Backstop poll of the change feed, for notifications lost in transit."""
    shared_fanout: bool = True
    """Live subscription batches executed once per selection and written to every
    subscriber; off, each subscription executes its own (the benchmarks' baseline)."""
    gc_freeze_connections: int = Field(default=1000, ge=0)
    """Move the collector's old objects out of its walk (`gc.freeze()`) once this many
    websockets opened since the last time and the burst settled (`src/ops/collector.py`);
    0: off."""
    websocket_ping_seconds: float = Field(default=15.0, ge=0)
    """`serve`: a keep-alive ping to every websocket this often (0: none); one timer and one
    small write per socket each time."""
    websocket_ping_timeout_seconds: float = Field(default=20.0, gt=0)
    """`serve`: a websocket whose pong is this late is closed (a dead peer or a lost route)."""
    database_retry_seconds: float = Field(default=30.0, gt=0)
    """How long an operation retries through a database outage before giving up; a run still
    without its database then fails ("The database could not be reached. You can resume it
    where it stopped, or re-run it from the start.")."""
    run_lease_seconds: float = Field(default=30.0, gt=0)
    """Local runner: a run's lease, renewed every third of it while its process lives; another
    process marks the run interrupted only once the lease has expired."""
    review_window_seconds: float = 30.0
    """How long a flow waits for a human decision before re-checking the stored one."""
    inngest_app_id: str = "agent-progress"
    """The app's ID in Inngest; function IDs are `<app id>-run-<kind>`."""
    inngest_dev: bool = True
    """Talk to an Inngest dev server (no request signing). False in production."""
    inngest_base_url: str | None = Field(default=None, validation_alias="INNGEST_BASE_URL")
    """The Inngest server (dev server: http://127.0.0.1:8288); unset means the SDK default."""
    inngest_event_key: str | None = Field(default=None, validation_alias="INNGEST_EVENT_KEY")
    inngest_signing_key: str | None = Field(default=None, validation_alias="INNGEST_SIGNING_KEY")
    inngest_retries: int = Field(default=3, ge=0, le=20)
    """Retries of a failing unit of work before the run fails."""
    inngest_review_window_seconds: int = Field(default=900, ge=1)
    """Each bounded wait for a decision; a decision that raced the wait is seen after one."""
    review_limit_seconds: float = Field(default=86400, gt=0)
    """A review left undecided this long ends the run (either engine)."""
    review_rounds: int = Field(default=3, ge=1, le=10)
    """How many candidates one image, narration or score review may show, the first included:
    after `review_rounds - 1` requests for changes, only accept or reject remain."""
    inngest_model_concurrency: int = Field(default=10, ge=1)
    """Units of work (model calls) executing at once across all runs."""
    offline_latency_ms: str | None = None
    """Offline twins only: wait this long per model call, as a real provider would — `500` or a
    range such as `200-2000` (each call's wait is fixed by a hash of its request). Unset: answer
    at once."""
    database_pool_size: int = Field(default=10, ge=2, le=200)
    """Connections for run writes; other queries get this many plus as many again on demand.
    A run write holds one for about a millisecond; bench/throughput.py (120 runs) uses 10.
    Mind PostgreSQL's max_connections (100 by default) across processes."""
    database_read_pool_size: int = Field(default=4, ge=1, le=100)
    """Connections for viewers' reads of runs (`run(id:)`, `nodes(ids:)`) only, so that a read
    never waits for a connection behind run writes (docs/benchmarks.md, goal 3). Each read is
    one statement of about a millisecond."""
    openai_api_key: str | None = Field(default=None, validation_alias="OPENAI_API_KEY")
    """With a key, the OpenAI models; without, the offline twins."""
    openai_base_url: str | None = Field(default=None, validation_alias="OPENAI_BASE_URL")
    openai_timeout_seconds: float = Field(default=120.0, gt=0)
    openai_max_retries: int = Field(default=2, ge=0, le=10)
    """Quick retries inside one unit of work; the runtime retries what still fails."""
    max_segments_per_run: int = Field(default=60, ge=1)
    """The most segments a full video may have (checked when its configuration is confirmed)."""
    max_model_calls_per_run: int = Field(default=300, ge=1)
    """The most model calls (script, image prompts, images, narration, score) one run may make."""
    auth: AuthMode = AuthMode.LOCAL
    """`local`: every request is the one local viewer. `tokens`: bearer tokens required."""
    secret_key_file: Path | None = None
    """The secret that signs asset URLs; default `<data_dir>/secret_key`, created if missing."""

    metrics_enabled: bool = True
    """Serve Prometheus metrics at `/metrics`."""
    metrics_token: SecretStr | None = None
    """The bearer token a scraper must send for `/metrics`; required in production."""
    provider_timeout_seconds: float = Field(default=180.0, gt=0)
    """A model call still running after this is abandoned and retried (per-unit timeout)."""
    breaker_failures: int = Field(default=5, ge=1)
    """Failures in a row of one provider port that open its circuit breaker."""
    breaker_open_seconds: float = Field(default=30.0, gt=0)
    """How long an open breaker fails fast before one call probes the provider."""

    retention_days: float | None = Field(default=None, gt=0)
    """Delete finished runs, dead assets and revoked tokens older than this many days, in a
    periodic job; unset: never (run `agent-progress cleanup` by hand)."""
    retention_interval_seconds: float = Field(default=3600.0, gt=0)
    """How often the retention job runs, when `retention_days` is set."""
    log_format: LogFormat | None = None
    """`json` or `console`; unset: JSON lines in production, readable lines in development."""

    @property
    def offline_latency(self) -> SimulatedLatency | None:
        return (
            None
            if self.offline_latency_ms is None
            else (SimulatedLatency.parse(self.offline_latency_ms))
        )

    @model_validator(mode="after")
    def _latency_parses(self) -> Settings:
        if self.offline_latency_ms is not None:
            SimulatedLatency.parse(self.offline_latency_ms)  # ValueError: a clear start-up error
        return self

    @property
    def logs(self) -> LogFormat:
        if self.log_format is not None:
            return self.log_format
        return LogFormat.CONSOLE if self.dev_mode else LogFormat.JSON

    @model_validator(mode="after")
    def _production_protects_metrics(self) -> Settings:
        if not self.dev_mode and self.metrics_enabled and self.metrics_token is None:
            raise ValueError(
                "production (AGENT_PROGRESS_DEV_MODE=false) serves /metrics only with "
                "AGENT_PROGRESS_METRICS_TOKEN set (or AGENT_PROGRESS_METRICS_ENABLED=false)"
            )
        return self

    @model_validator(mode="after")
    def _production_needs_tokens(self) -> Settings:
        if not self.dev_mode and self.auth is AuthMode.LOCAL:
            raise ValueError(
                "production (AGENT_PROGRESS_DEV_MODE=false) needs AGENT_PROGRESS_AUTH=tokens"
            )
        return self

    @model_validator(mode="after")
    def _api_only_shares_a_database(self) -> Settings:
        local = self.engine is EngineSetting.LOCAL
        if local and not self.runner_enabled and self.database_url is None:
            raise ValueError(
                "an API-only process (AGENT_PROGRESS_RUNNER_ENABLED=false) needs "
                "DATABASE_URL: the processes that run its workflows must share its database"
            )
        return self

    @model_validator(mode="after")
    def _inngest_is_configured(self) -> Settings:
        if self.engine is EngineSetting.INNGEST and not self.inngest_dev:
            missing = [
                name
                for name, value in (
                    ("INNGEST_SIGNING_KEY", self.inngest_signing_key),
                    ("INNGEST_EVENT_KEY", self.inngest_event_key),
                )
                if not value
            ]
            if missing:
                raise ValueError(f"the production Inngest engine needs {' and '.join(missing)}")
        windows = self.review_limit_seconds / self.inngest_review_window_seconds
        if windows > MAX_REVIEW_WINDOWS:
            raise ValueError(
                "review_limit_seconds / inngest_review_window_seconds must be at most "
                f"{MAX_REVIEW_WINDOWS}: each window costs two Inngest steps"
            )
        return self

    @property
    def secret_key_path(self) -> Path:
        return self.secret_key_file or self.data_dir / "secret_key"

    @property
    def assets_dir(self) -> Path:
        return self.data_dir / "assets"

    @property
    def pgdata_dir(self) -> Path:
        return self.data_dir / "pgdata"
