"""Everything the Inngest engine needs in one process: the client, the functions, the engine
port, and the ASGI app the SDK serves them from (`/api/inngest`).

The SDK has no Starlette adapter, so its FastAPI adapter serves a small FastAPI app that the
main app routes `/api/inngest` to.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

import fastapi
import inngest
import inngest.fast_api

from src.inngest_fns.engine import InngestEngine
from src.inngest_fns.functions import FunctionOptions, WorkflowFunctions
from src.inngest_fns.runtime import ReviewPolicy
from src.providers.resilience import PortPolicy
from src.settings import Settings
from src.state.store import RunStore
from src.steps.runtime import Services

SERVE_PATH = "/api/inngest"


def inngest_client(settings: Settings) -> inngest.Inngest:
    return inngest.Inngest(
        app_id=settings.inngest_app_id,
        is_production=not settings.inngest_dev,
        api_base_url=settings.inngest_base_url,
        event_api_base_url=settings.inngest_base_url,
        event_key=settings.inngest_event_key,
        signing_key=settings.inngest_signing_key,
        logger=logging.getLogger("inngest"),
    )


def function_options(
    settings: Settings, ports: Mapping[str, PortPolicy] | None = None
) -> FunctionOptions:
    return FunctionOptions(
        ports=dict(ports or {}),
        retries=settings.inngest_retries,
        review=ReviewPolicy(
            window=timedelta(seconds=settings.inngest_review_window_seconds),
            limit=timedelta(seconds=settings.review_limit_seconds),
        ),
        model_concurrency=settings.inngest_model_concurrency,
    )


def serve_app(client: inngest.Inngest, functions: WorkflowFunctions) -> fastapi.FastAPI:
    app = fastapi.FastAPI(openapi_url=None, docs_url=None, redoc_url=None)
    inngest.fast_api.serve(app, client, functions.all(), serve_path=SERVE_PATH)
    return app


@dataclass(frozen=True)
class InngestServing:
    client: inngest.Inngest
    functions: WorkflowFunctions
    engine: InngestEngine
    app: fastapi.FastAPI

    @classmethod
    def create(
        cls,
        settings: Settings,
        store: RunStore,
        services: Services,
        ports: Mapping[str, PortPolicy] | None = None,
    ) -> InngestServing:
        client = inngest_client(settings)
        options = function_options(settings, ports)
        functions = WorkflowFunctions(client, store, services, options)
        return cls(client, functions, InngestEngine(client, store), serve_app(client, functions))
