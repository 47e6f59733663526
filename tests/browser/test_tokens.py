"""Tokens mode in the browser: the page asks for a token, keeps it, and sends it on HTTP and in
the websocket's connection_init; signed asset URLs load."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from playwright.async_api import Page, Request, Route, expect

from src.resources import Resources
from src.settings import AuthMode, Settings
from tests.browser.panel import START_IMAGE, block, dialog, new_lecture
from tests.graphql_client import GraphQLClient
from tests.servers import serving

RUN_STATUS = """
query($id: ID!) { run(id: $id) { status currentStep error { code message } } }"""


@pytest.fixture(scope="module")
async def guarded(
    database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[tuple[str, str]]:
    """A server with AGENT_PROGRESS_AUTH=tokens; yields its URL and a valid token."""
    settings = Settings(
        database_url=database_url,
        data_dir=tmp_path_factory.mktemp("tokens-data"),
        auth=AuthMode.TOKENS,
        feed_poll_seconds=1.0,
        review_window_seconds=2.0,
    )
    resources = await Resources.open(settings)
    assert resources.tokens is not None
    _, token = await resources.tokens.issue(name="Ada")
    try:
        async with serving(resources) as url:
            yield url, token
    finally:
        await resources.close()


async def test_the_page_asks_for_a_token_and_sends_it_everywhere(
    page: Page, guarded: tuple[str, str]
) -> None:
    url, token = guarded
    api = GraphQLClient(url, token=token)
    try:
        lecture_id = await new_lecture(api, "Estuaries")
        sent: list[dict[str, Any]] = []

        def graphql_headers(request: Request) -> None:
            if request.url.endswith("/graphql") and request.method == "POST":
                sent.append(request.headers)

        page.on("request", graphql_headers)
        await page.goto(f"{url}/lectures/{lecture_id}")
        field = page.get_by_label("Access token")
        await field.fill("ap_not-a-real-token")
        await page.get_by_role("button", name="Continue").click()
        await expect(page.get_by_role("alert")).to_contain_text("refused that token")

        await page.get_by_label("Access token").fill(token)
        await page.get_by_role("button", name="Continue").click()
        await expect(page.get_by_test_id("connection-state")).to_have_text("Live")
        await expect(page.get_by_role("heading", name="Estuaries")).to_be_visible()

        # "Live": subscribed, so the run started now reaches the page over the
        # token-authenticated websocket.
        run_id = (await api.execute(START_IMAGE, l=lecture_id, p="an estuary at low tide"))[
            "startRun"
        ]["run"]["id"]
        run = block(page, run_id)
        try:
            await expect(run).to_have_attribute("data-status", "WAITING_FOR_INPUT", timeout=30_000)
        except AssertionError as missing:
            stored = await api.execute(RUN_STATUS, id=run_id)
            shown = await page.locator("body").inner_text()
            raise AssertionError(f"the page showed {shown!r}; stored: {stored}") from missing
        await run.get_by_role("button", name="Review Image").click()
        picture = dialog(page, "Review Image").get_by_role("img", name="New image")
        await picture.evaluate("img => img.decode()")  # a signed asset URL
        assert await picture.evaluate("img => img.naturalWidth") > 0

        assert sent, "the page sent no GraphQL request"
        assert all(h.get("authorization") == f"Bearer {token}" for h in sent[-3:])

        await page.reload()  # the token is kept in this browser
        await expect(page.get_by_test_id("connection-state")).to_have_text("Live")
        await expect(page.get_by_label("Access token")).to_have_count(0)
    finally:
        await api.close()


async def test_a_late_refusal_of_a_replaced_token_keeps_the_new_one(
    page: Page, guarded: tuple[str, str]
) -> None:
    """A mistyped token's requests may still be in flight when the person pastes the right
    one. Their refusal is about the old token: the page keeps the new one and stays live.
    (Before, it threw the new token away and asked again: the token test's Review Image then
    never came, in full runs on a loaded machine, where such an answer came late.)"""
    url, token = guarded
    api = GraphQLClient(url, token=token)
    try:
        lecture_id = await new_lecture(api, "Deltas")
        held: list[Route] = []
        release = asyncio.Event()

        async def hold_one_refusal(route: Route) -> None:
            sent = route.request.headers.get("authorization", "")
            if sent.endswith("ap_not-a-real-token") and not held:
                held.append(route)
                await release.wait()
            await route.fallback()

        await page.route("**/graphql", hold_one_refusal)
        await page.goto(f"{url}/lectures/{lecture_id}")
        await page.get_by_label("Access token").fill("ap_not-a-real-token")
        await page.get_by_role("button", name="Continue").click()
        await expect(page.get_by_role("alert")).to_contain_text("refused that token")
        assert held, "no request with the refused token was held"
        await page.get_by_label("Access token").fill(token)
        await page.get_by_role("button", name="Continue").click()
        await expect(page.get_by_test_id("connection-state")).to_have_text("Live")

        async with page.expect_response(lambda response: response.status == 401):
            release.set()
        run_id = (await api.execute(START_IMAGE, l=lecture_id, p="a delta from above"))["startRun"][
            "run"
        ]["id"]
        await expect(block(page, run_id).get_by_role("button", name="Review Image")).to_be_visible()
        await expect(page.get_by_label("Access token")).to_have_count(0)
        assert await page.evaluate("localStorage.getItem('agent-progress.token')") == token
    finally:
        await api.close()
