"""How `/metrics` is protected: a bearer token in production, which refuses to start without."""

from __future__ import annotations

import dataclasses
from typing import Any

import httpx
import pytest
from pydantic import SecretStr, ValidationError

from src.settings import AuthMode, Settings
from tests.ops.scrape import scrape
from tests.servers import serving


def test_production_refuses_to_serve_metrics_without_a_token() -> None:
    with pytest.raises(ValidationError, match="AGENT_PROGRESS_METRICS_TOKEN"):
        Settings(dev_mode=False, auth=AuthMode.TOKENS)
    Settings(dev_mode=False, auth=AuthMode.TOKENS, metrics_token=SecretStr("s3cret"))
    Settings(dev_mode=False, auth=AuthMode.TOKENS, metrics_enabled=False)


async def test_metrics_with_a_token_answer_only_the_scraper_that_sends_it(resources: Any) -> None:
    settings = resources.settings.model_copy(update={"metrics_token": SecretStr("s3cret")})
    guarded = dataclasses.replace(resources, settings=settings)
    async with serving(guarded) as url, httpx.AsyncClient(base_url=url) as http:
        assert (await http.get("/metrics")).status_code == 404
        wrong = await http.get("/metrics", headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 404
        scraped = await scrape(http, token="s3cret")
        assert scraped.value("process_resident_memory_bytes") > 0


async def test_metrics_switched_off_are_not_served(resources: Any) -> None:
    settings = resources.settings.model_copy(update={"metrics_enabled": False})
    off = dataclasses.replace(resources, settings=settings)
    async with serving(off) as url, httpx.AsyncClient(base_url=url) as http:
        assert (await http.get("/metrics")).status_code == 404
