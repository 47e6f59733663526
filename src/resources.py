"""`Resources`: everything the app owns for its lifetime, opened and closed in one place."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from dataclasses import dataclass

from openai import AsyncOpenAI

from src.assets import AssetLibrary, LocalBlobStorage
from src.auth import AccessTokens, AssetSigner
from src.auth.viewer import Viewer
from src.db import Database, open_database
from src.db.embedded import EmbeddedServer
from src.db.transient import DatabaseRetry
from src.inngest_fns import InngestServing
from src.lectures import LectureRepository
from src.lectures.config import RunLimits
from src.providers import offline_providers
from src.providers.openai import openai_client, openai_providers
from src.providers.ports import Providers
from src.providers.resilience import Breakers, PortPolicy, ResiliencePolicy, resilient
from src.runner.local import LocalRunner, RetryPolicy
from src.runner.queued import QueuedEngine
from src.runs.engine import RunEngine
from src.runs.service import WorkflowService
from src.settings import AuthMode, EngineSetting, Settings
from src.state.feed import ChangeFeed
from src.state.store import RunStore
from src.steps.runtime import Services

log = logging.getLogger(__name__)

LOCAL_VIEWER = Viewer(id=uuid.UUID("00000000-0000-4000-8000-000000000001"), name="local")
"""The single viewer of a development server with no tokens configured."""


def resilience_policy(settings: Settings) -> ResiliencePolicy:
    """The same timeout and breaker for every port, from the settings."""
    port = PortPolicy(
        timeout_seconds=settings.provider_timeout_seconds,
        failure_threshold=settings.breaker_failures,
        open_seconds=settings.breaker_open_seconds,
    )
    return ResiliencePolicy(text=port, image=port, speech=port, music=port)


@dataclass
class Resources:
    settings: Settings
    database: Database
    store: RunStore
    feed: ChangeFeed
    lectures: LectureRepository
    assets: AssetLibrary
    runner: LocalRunner | None
    """The local runner, when it is the engine (`AGENT_PROGRESS_ENGINE=local`) and this
    process runs workflows (not `AGENT_PROGRESS_RUNNER_ENABLED=false`)."""
    service: WorkflowService
    inngest: InngestServing | None = None
    """The Inngest client, functions and serve app, when Inngest is the engine."""
    tokens: AccessTokens | None = None
    signer: AssetSigner | None = None
    openai: AsyncOpenAI | None = None
    """The OpenAI client, when OPENAI_API_KEY is set (closed with the resources)."""
    embedded: EmbeddedServer | None = None
    """The embedded PostgreSQL this process started or attached to (stopped on close)."""

    @classmethod
    async def open(cls, settings: Settings, *, providers: Providers | None = None) -> Resources:
        url = settings.database_url
        embedded: EmbeddedServer | None = None
        if url is None:
            embedded = EmbeddedServer.start(settings.pgdata_dir)
            url = embedded.url
            log.info("using the embedded PostgreSQL in %s", settings.pgdata_dir)
        try:
            return await cls._open(settings, url, providers, embedded)
        except BaseException:
            if embedded is not None:
                embedded.stop()
            raise

    @classmethod
    async def _open(
        cls,
        settings: Settings,
        url: str,
        providers: Providers | None,
        embedded: EmbeddedServer | None,
    ) -> Resources:
        database = await open_database(
            url,
            pool_size=settings.database_pool_size,
            read_pool_size=settings.database_read_pool_size,
        )
        local = settings.engine is EngineSetting.LOCAL
        store = RunStore(
            database,
            retry=DatabaseRetry(settings.database_retry_seconds),
            # Inngest owns its runs' durability: no local watchdog may ever take them over.
            claim_grace_seconds=settings.run_lease_seconds if local else None,
        )
        feed = ChangeFeed(database.dsn, store, poll_seconds=settings.feed_poll_seconds)
        await feed.start()
        lectures = LectureRepository(database.engine)
        assets = AssetLibrary(database.pool, LocalBlobStorage(settings.assets_dir))
        openai: AsyncOpenAI | None = None
        if providers is None and settings.openai_api_key:
            openai = openai_client(
                settings.openai_api_key,
                base_url=settings.openai_base_url,
                timeout_seconds=settings.openai_timeout_seconds,
                max_retries=settings.openai_max_retries,
            )
            providers = openai_providers(openai)
            log.info("model providers: OpenAI (music: offline)")
        limits = RunLimits(
            max_segments=settings.max_segments_per_run,
            max_model_calls=settings.max_model_calls_per_run,
            review_rounds=settings.review_rounds,
        )
        policy = resilience_policy(settings)
        breakers = Breakers(policy)
        services = Services(
            providers=resilient(providers or offline_providers(settings.offline_latency), breakers),
            assets=assets,
            lectures=lectures,
            limits=limits,
        )
        runner: LocalRunner | None = None
        inngest: InngestServing | None = None
        engine: RunEngine
        if settings.engine is EngineSetting.INNGEST:
            # Inngest owns durability: runs in flight survive this process, so none is
            # marked interrupted here.
            inngest = InngestServing.create(settings, store, services, policy.by_port())
            engine = inngest.engine
        elif not settings.runner_enabled:
            # API-only: the runner processes on this database claim what it queues.
            engine = QueuedEngine(store.pool)
            log.info("API only: runs are queued for the runner processes on this database")
        else:
            runner = LocalRunner(
                store,
                services,
                review_window=settings.review_window_seconds,
                review_limit=settings.review_limit_seconds,
                lease_seconds=settings.run_lease_seconds,
                retry=RetryPolicy(ports=policy.by_port()),
                signals_dsn=database.dsn,
            )
            interrupted = await runner.recover()
            if interrupted:
                log.warning("marked %d runs interrupted by an earlier stop", interrupted)
            runner.start()
            engine = runner
        service = WorkflowService(
            store=store,
            lectures=lectures,
            assets=assets,
            engine=engine,
            providers=services.providers,
            limits=limits,
        )
        await lectures.ensure_viewer(LOCAL_VIEWER.id, LOCAL_VIEWER.name)
        if settings.auth is AuthMode.LOCAL:
            log.warning(
                "AGENT_PROGRESS_AUTH=local: no tokens are checked and every request acts as the "
                "single local viewer. Use AGENT_PROGRESS_AUTH=tokens for anything shared."
            )
        else:
            log.info("bearer tokens required (issue one with `agent-progress issue-token`)")
        return cls(
            settings,
            database,
            store,
            feed,
            lectures,
            assets,
            runner,
            service,
            inngest,
            tokens=AccessTokens(database.engine),
            signer=AssetSigner.from_file(settings.secret_key_path),
            openai=openai,
            embedded=embedded,
        )

    async def close(self) -> None:
        """Mark what the local runner cannot finish, close connections, stop the embedded
        server (here, not only at exit: a re-raised SIGTERM skips `atexit`)."""
        try:
            if self.runner is not None:
                await self.runner.shutdown()
            await self.feed.stop()
            # The last commits' wake-ups reach the other processes (their poll would, later).
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(2.0):
                    await self.store.notifier.drain()
            if self.openai is not None:
                await self.openai.close()
            await self.database.close()
        finally:
            if self.embedded is not None:
                self.embedded.stop()
