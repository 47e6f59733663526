"""The pages the server ships load in a browser with no internet: GraphiQL and the panel."""

from __future__ import annotations

from playwright.async_api import Page, expect

from tests.browser.conftest import Offline, PanelServer


async def test_graphiql_loads_from_the_app_with_no_internet_and_runs_a_query(
    page: Page, panel: PanelServer, offline: Offline
) -> None:
    await page.goto(f"{panel.url}/graphql")
    await expect(page.locator(".graphiql-container")).to_be_visible()
    editor = page.locator(".graphiql-query-editor")
    await expect(editor).to_be_visible()
    await editor.click()
    await page.keyboard.press("Control+A")
    await page.keyboard.type("{ __typename }")
    await page.keyboard.press("Control+Enter")
    await expect(page.locator(".graphiql-response")).to_contain_text('"__typename": "Query"')
    assert offline.attempts == []


async def test_the_panel_loads_live_with_no_internet(
    page: Page, panel: PanelServer, offline: Offline
) -> None:
    await page.goto(panel.url)
    progress = page.get_by_role("region", name="Agent Progress")
    await expect(progress).to_be_visible()
    await expect(page.get_by_test_id("connection-state")).to_have_text("Live")
    assert offline.attempts == []
