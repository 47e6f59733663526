"""Structured logs: JSON lines carrying the run's fields and the request ID, which is also
the reference a person sees when a run fails unexpectedly."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
import structlog

from src.ops.log_format import formatter
from src.providers import offline_providers
from src.resources import Resources
from src.settings import LogFormat, Settings
from tests.servers import serving


class Broken:
    """An image model with a bug: the run fails with a plain sentence and a reference."""

    async def generate(self, request: Any) -> Any:
        raise RuntimeError("/srv/secret/path exploded")


@pytest.fixture
def json_lines() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter(LogFormat.JSON))
    root = logging.getLogger()
    root.addHandler(handler)
    yield stream
    root.removeHandler(handler)
    structlog.contextvars.clear_contextvars()


START = (
    'mutation($l: ID!) { startRun(input: {lectureId: $l, workflow: {image: {prompt: "tides"}}})'
    " { run { id } userErrors { message } } }"
)
RUN = "query($id: ID!) { run(id: $id) { status error { message } } }"


async def test_a_failed_run_logs_json_with_its_fields_under_the_reference_it_shows(
    database_url: str, tmp_path: Path, json_lines: io.StringIO
) -> None:
    settings = Settings(database_url=database_url, data_dir=tmp_path)
    resources = await Resources.open(
        settings, providers=replace(offline_providers(), image=Broken())
    )
    try:
        async with serving(resources) as url, httpx.AsyncClient(base_url=url) as http:
            headers = {"X-Request-ID": "req-4242"}
            created = await http.post(
                "/graphql",
                json={
                    "query": 'mutation { createLecture(input: {title: "T"}) { lecture { id } } }'
                },
            )
            lecture_id = created.json()["data"]["createLecture"]["lecture"]["id"]
            started = await http.post(
                "/graphql", json={"query": START, "variables": {"l": lecture_id}}, headers=headers
            )
            assert started.headers["x-request-id"] == "req-4242"
            run_id = started.json()["data"]["startRun"]["run"]["id"]
            assert resources.runner is not None
            await resources.runner.wait_idle()
            run = await http.post("/graphql", json={"query": RUN, "variables": {"id": run_id}})
            error = run.json()["data"]["run"]["error"]["message"]
    finally:
        await resources.close()

    # An image run: a resume would reuse nothing, so the advice is a re-run.
    assert error == "Something went wrong on our side (reference req-4242). You can re-run it."
    lines = [json.loads(line) for line in json_lines.getvalue().splitlines() if line.strip()]
    failed = next(line for line in lines if "failed unexpectedly" in line["event"])
    assert failed["request_id"] == "req-4242"
    assert failed["kind"] == "image"
    assert failed["level"] == "error"
    assert failed["run_id"] and failed["viewer"]
    assert "step" in failed
    assert "/srv/secret/path exploded" in failed["exception"]  # the detail is in the log only
    assert "/srv/secret" not in error


def test_development_logs_are_readable_lines() -> None:
    record = logging.LogRecord("src.x", logging.INFO, __file__, 1, "hello %s", ("world",), None)
    line = formatter(LogFormat.CONSOLE).format(record)
    assert "hello world" in line and not line.startswith("{")
    assert Settings().logs is LogFormat.CONSOLE


async def test_an_unexpected_graphql_error_shows_the_request_id_its_log_line_carries(
    server: str, resources: Any, monkeypatch: pytest.MonkeyPatch, json_lines: io.StringIO
) -> None:
    """ "Something went wrong on our side (reference …)" names the request ID: the same ID is
    the log line's `reference` and `request_id`, so a person's reference finds the detail."""
    import sqlalchemy as sa

    from src.settings import AuthMode

    class BrokenTokens:
        async def viewer(self, token: str) -> None:
            async with resources.database.engine.connect() as conn:
                await conn.execute(sa.text("SELECT viewer_id FROM no_such_table"))

    monkeypatch.setattr(resources.settings, "auth", AuthMode.TOKENS)
    monkeypatch.setattr(resources, "tokens", BrokenTokens())
    async with httpx.AsyncClient(base_url=server, timeout=30) as http:
        response = await http.post(
            "/graphql",
            json={"query": "{ lectures(first: 1) { nodes { id } } }"},
            headers={"authorization": "Bearer ap_x", "X-Request-ID": "req-9191"},
        )
    assert response.status_code == 500
    assert response.headers["x-request-id"] == "req-9191"
    [error] = response.json()["errors"]
    assert error["message"] == "Something went wrong on our side (reference req-9191)."
    lines = [json.loads(line) for line in json_lines.getvalue().splitlines() if line.strip()]
    [logged] = [line for line in lines if line.get("reference") == "req-9191"]
    assert logged["request_id"] == "req-9191"
    assert logged["level"] == "error"
    assert "no_such_table" in logged["exception"]  # the detail is in the log only
