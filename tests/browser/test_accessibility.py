"""Keyboard and screen-reader basics: modals trap focus and close on Escape, and axe-core finds
no serious or critical violation in the panel's main states."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.async_playwright import Axe
from playwright.async_api import Locator, Page, expect

from tests.browser.conftest import PanelServer
from tests.browser.panel import (
    FULL_VIDEO_PROMPT,
    START_IMAGE,
    block,
    blocks,
    dialog,
    full_video_confirmed,
    new_lecture,
    open_lecture,
    start_from_prompt,
)
from tests.graphql_client import GraphQLClient

SERIOUS = {"serious", "critical"}


async def serious_violations(page: Page) -> list[str]:
    """axe-core (bundled by axe-playwright-python: nothing fetched) on the whole page."""
    results = await Axe().run(page)
    violations: list[dict[str, Any]] = results.response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(node["target"]) for node in v["nodes"][:5])
        for v in violations
        if v["impact"] in SERIOUS
    ]


async def assert_focus_stays_inside(page: Page, modal: Locator, presses: int) -> None:
    for key in ("Tab", "Shift+Tab"):
        for _ in range(presses):
            await page.keyboard.press(key)
            inside = await modal.evaluate("d => d.contains(document.activeElement)")
            assert inside, f"{key} moved focus out of the modal"


async def test_modals_open_from_the_keyboard_trap_focus_and_close_on_escape(
    page: Page, panel: PanelServer, api: GraphQLClient
) -> None:
    lecture_id = await new_lecture(api)
    await open_lecture(page, panel.url, lecture_id)
    await start_from_prompt(page, FULL_VIDEO_PROMPT)
    run = blocks(page).last

    opener = run.get_by_role("button", name="Review and Confirm Configuration")
    await opener.focus()
    await page.keyboard.press("Enter")
    review = dialog(page, "Review and Confirm Configuration")
    await expect(review).to_be_visible()
    assert await review.evaluate("d => d.contains(document.activeElement)")
    fields = await review.locator("input, select, textarea, button").count()
    await assert_focus_stays_inside(page, review, fields + 3)
    await page.keyboard.press("Escape")
    await expect(review).to_be_hidden()
    await expect(opener).to_be_focused()
    await expect(run).to_have_attribute("data-status", "WAITING_FOR_INPUT")  # nothing decided

    cancel = run.get_by_role("button", name="Cancel", exact=True)
    await cancel.focus()
    await page.keyboard.press("Enter")
    confirm = dialog(page, "Cancel this run?")
    await expect(confirm).to_be_visible()
    await assert_focus_stays_inside(page, confirm, 5)
    await page.keyboard.press("Escape")
    await expect(confirm).to_be_hidden()
    await expect(cancel).to_be_focused()
    await expect(run).to_have_attribute("data-status", "WAITING_FOR_INPUT")  # not cancelled


async def test_no_serious_accessibility_violation_in_the_main_states(
    page: Page, panel: PanelServer, api: GraphQLClient
) -> None:
    found: dict[str, list[str]] = {}
    lecture_id = await new_lecture(api)
    await open_lecture(page, panel.url, lecture_id)
    found["empty lecture"] = await serious_violations(page)

    image = (await api.execute(START_IMAGE, l=lecture_id, p="a shoreline"))["startRun"]["run"]
    await block(page, image["id"]).get_by_role("button", name="Review Image").click()
    image_review = dialog(page, "Review Image")
    await expect(image_review.get_by_role("img").last).to_be_visible()
    found["image review"] = await serious_violations(page)
    await image_review.get_by_role("button", name="Accept").click()
    await expect(image_review).to_be_hidden()

    await start_from_prompt(page, FULL_VIDEO_PROMPT)
    run = blocks(page).last
    opener = run.get_by_role("button", name="Review and Confirm Configuration")
    await expect(opener).to_be_visible()
    found["configuration waiting for review"] = await serious_violations(page)
    await opener.click()
    review = dialog(page, "Review and Confirm Configuration")
    await review.get_by_label("Duration (seconds)").fill("99999")
    await review.get_by_role("button", name="Confirm").click()
    await expect(review.get_by_role("alert").first).to_be_visible()
    found["configuration review with an error"] = await serious_violations(page)
    await review.get_by_label("Duration (seconds)").fill("20")
    await review.get_by_role("button", name="Confirm").click()
    await expect(run).to_have_attribute("data-status", "COMPLETED", timeout=60_000)
    await expect(page.get_by_role("region", name="Video preview")).to_be_visible()
    found["completed with preview"] = await serious_violations(page)

    panel.text.failures["script"] = "The model is overloaded"
    failing = await full_video_confirmed(page)
    await expect(failing.get_by_test_id("run-status")).to_have_text("Failed", timeout=30_000)
    found["failed"] = await serious_violations(page)

    for tab in ("Configuration", "Visuals", "Audio"):
        await page.get_by_role("tab", name=tab).click()
        await expect(page.get_by_role("tab", name=tab)).to_have_attribute("aria-selected", "true")
        found[f"{tab} tab"] = await serious_violations(page)

    assert {state: v for state, v in found.items() if v} == {}
