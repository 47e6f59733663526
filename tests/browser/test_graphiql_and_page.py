"""The pages the server ships load in a browser with no internet: GraphiQL and the panel."""

from __future__ import annotations

import re
from urllib.parse import unquote

from playwright.async_api import Page, expect

from tests.browser.conftest import Offline, PanelServer


async def test_graphiql_loads_from_the_app_with_no_internet_and_runs_a_query(
    page: Page, panel: PanelServer, offline: Offline
) -> None:
    await page.goto(f"{panel.url}/graphql")
    await expect(page.locator(".graphiql-container")).to_be_visible()
    editor = page.locator(".graphiql-query-editor .monaco-editor")
    await expect(editor).to_be_visible()
    await editor.click()
    await page.keyboard.press("Control+A")
    await page.keyboard.type("{ __typename")  # the editor closes the brace itself
    await expect(editor).to_contain_text("__typename")
    # The schema-aware completion list may open over the button at any moment: click it
    # where it is rather than where the pointer would land.
    await page.get_by_role("button", name=re.compile("^Execute query")).dispatch_event("click")
    await expect(page.locator(".graphiql-response")).to_contain_text('"__typename": "Query"')
    assert offline.attempts == []


async def test_the_panel_loads_live_with_no_internet_and_creates_a_lecture(
    page: Page, panel: PanelServer, offline: Offline
) -> None:
    await page.goto(panel.url)
    await page.get_by_role("button", name="New lecture").first.click()
    form = page.get_by_role("dialog", name="New lecture")
    await form.get_by_label("Title").fill("Coral reefs")
    await form.get_by_role("button", name="Create").click()
    await expect(form).to_be_hidden()
    await expect(page).to_have_url(re.compile(rf"^{re.escape(panel.url)}/lectures/[^/]+$"))
    await expect(page.get_by_role("combobox", name="Lecture")).to_have_value(
        unquote(page.url.rsplit("/", 1)[1])
    )
    await expect(page.get_by_role("region", name="Agent Progress")).to_be_visible()
    await expect(page.get_by_test_id("connection-state")).to_have_text("Live")
    for tab in ("Configuration", "Visuals", "Audio", "Video preview"):
        await expect(page.get_by_role("tab", name=tab)).to_be_visible()
    assert offline.attempts == []
