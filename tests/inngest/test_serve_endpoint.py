"""The running app serves the Inngest functions at `/api/inngest`: it answers the SDK's
introspection and Inngest's signed in-band sync over real HTTP, refuses unsigned calls in
production mode, and is absent when the local runner is the engine."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import parse_qs

import httpx
import pytest

from src.db import Database
from src.inngest_fns import InngestEngine
from src.resources import Resources
from src.settings import EngineSetting, Settings
from src.steps import all_kinds
from tests.servers import serving

SIGNING_KEY = "signkey-test-" + "3f" * 32
EVENT_KEY = "test-event-key"
APP_ID = "agent-progress-serve-test"


def sign(body: bytes, key: str = SIGNING_KEY, *, at: int | None = None) -> str:
    """Sign a request as the Inngest server does: HMAC-SHA256 of the body and a timestamp,
    keyed by the signing key without its `signkey-<env>-` prefix."""
    at = at or int(time.time())
    secret = key.split("-", 2)[2].encode()
    digest = hmac.new(secret, body + str(at).encode(), hashlib.sha256).hexdigest()
    return f"t={at}&s={digest}"


@pytest.fixture
async def production_app(
    database_url: str, database: Database, tmp_path: Path
) -> AsyncIterator[tuple[str, Resources]]:
    """The whole app, Inngest engine in production (cloud) mode, on a real uvicorn server."""
    settings = Settings(
        database_url=database_url,
        data_dir=tmp_path,
        engine=EngineSetting.INNGEST,
        inngest_dev=False,
        inngest_app_id=APP_ID,
        inngest_signing_key=SIGNING_KEY,
        inngest_event_key=EVENT_KEY,
    )
    resources = await Resources.open(settings)
    try:
        async with serving(resources) as url:
            yield url, resources
    finally:
        await resources.close()


async def test_the_inngest_engine_setting_routes_mutations_to_inngest(
    production_app: tuple[str, Resources],
) -> None:
    _, resources = production_app

    assert resources.runner is None
    assert resources.inngest is not None
    assert isinstance(resources.service.engine, InngestEngine)


async def test_the_running_app_answers_signed_introspection_at_api_inngest(
    production_app: tuple[str, Resources],
) -> None:
    base, _ = production_app
    async with httpx.AsyncClient(base_url=base) as http:
        unsigned = await http.get("/api/inngest")
        response = await http.get("/api/inngest", headers={"x-inngest-signature": sign(b"")})

    assert unsigned.status_code == 401
    assert response.status_code == 200
    body = response.json()
    assert body["authentication_succeeded"] is True
    assert body["app_id"] == APP_ID
    assert body["function_count"] == len(all_kinds()) + 2
    assert body["mode"] == "cloud"
    assert body["has_signing_key"] is True
    assert body["has_event_key"] is True


async def test_the_running_app_answers_a_signed_in_band_sync_with_its_functions(
    production_app: tuple[str, Resources],
) -> None:
    base, _ = production_app
    body = json.dumps({"url": f"{base}/api/inngest"}, separators=(",", ":")).encode()
    async with httpx.AsyncClient(base_url=base) as http:
        response = await http.put(
            "/api/inngest",
            content=body,
            headers={
                "content-type": "application/json",
                "x-inngest-sync-kind": "in_band",
                "x-inngest-signature": sign(body),
            },
        )

    assert response.status_code == 200, response.text
    synced = response.json()
    assert synced["app_id"] == APP_ID
    assert synced["inspection"]["authentication_succeeded"] is True
    ids = {fn["id"] for fn in synced["functions"]}
    expected = {f"{APP_ID}-run-{kind.key.replace('_', '-')}" for kind in all_kinds()}
    assert ids == expected | {f"{APP_ID}-finalize-failed-run", f"{APP_ID}-finalize-cancelled-run"}
    image = next(fn for fn in synced["functions"] if fn["id"] == f"{APP_ID}-run-image")
    assert image["steps"]["step"]["runtime"]["url"].startswith(f"{base}/api/inngest?fnId=")
    # The answer is signed with the same key, so Inngest can trust it.
    signature = parse_qs(response.headers["x-inngest-signature"])
    mac = hmac.new(SIGNING_KEY.split("-", 2)[2].encode(), response.content, hashlib.sha256)
    mac.update(signature["t"][0].encode())
    assert signature["s"][0] == mac.hexdigest()


async def test_production_mode_refuses_unsigned_function_calls(
    production_app: tuple[str, Resources],
) -> None:
    base, _ = production_app
    async with httpx.AsyncClient(base_url=base) as http:
        response = await http.post(
            "/api/inngest", params={"fnId": f"{APP_ID}-run-image", "stepId": "step"}, json={}
        )

    assert response.status_code == 401


async def test_api_inngest_is_not_served_when_the_local_runner_is_the_engine(server: str) -> None:
    async with httpx.AsyncClient(base_url=server) as http:
        response = await http.get("/api/inngest")

    assert response.status_code == 404
