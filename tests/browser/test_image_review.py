"""Image review from the Visuals tab: Reject keeps the picture in use, Accept replaces it."""

from __future__ import annotations

from playwright.async_api import Locator, Page, expect

from tests.browser.conftest import PanelServer
from tests.browser.panel import (
    IMAGE_ACCEPTED,
    IMAGE_REJECTED,
    blocks,
    dialog,
    new_lecture,
    open_lecture,
    step,
)
from tests.graphql_client import GraphQLClient


async def generate_and_decide(page: Page, prompt: str, decision: str) -> Locator:
    """Generate Image on the cover slot, then Accept or Reject it; returns the run block."""
    count = await blocks(page).count()
    await page.get_by_label("Image prompt").fill(prompt)
    await page.locator('[data-slot="cover"]').get_by_role("button", name="Generate Image").click()
    await expect(blocks(page)).to_have_count(count + 1)
    run = blocks(page).last
    await run.get_by_role("button", name="Review Image").click()
    review = dialog(page, "Review Image")
    candidate = review.get_by_role("img", name="New image")
    await expect(candidate).to_be_visible()
    await candidate.evaluate("img => img.decode()")
    await review.get_by_role("button", name=decision).click()
    await expect(review).to_be_hidden()
    await expect(run).to_have_attribute("data-status", "COMPLETED")
    return run


async def loaded_src(picture: Locator) -> str:
    await expect(picture).to_be_visible()
    await picture.evaluate("img => img.decode()")  # rejects if the picture cannot load
    assert await picture.evaluate("img => img.naturalWidth") > 0
    src = await picture.get_attribute("src")
    assert src
    return src


async def test_reject_keeps_the_visuals_tab_image_and_accept_replaces_it(
    page: Page, panel: PanelServer, api: GraphQLClient
) -> None:
    lecture_id = await new_lecture(api)
    await open_lecture(page, panel.url, lecture_id)
    await page.get_by_role("tab", name="Visuals").click()
    cover = page.get_by_role("img", name="cover image")
    await expect(cover).to_have_count(0)

    first = await generate_and_decide(page, "a calm bay at dawn", "Accept")
    await expect(step(first, "generate_image").locator("ul > li").last).to_have_text(IMAGE_ACCEPTED)
    kept = await loaded_src(cover)

    rejected = await generate_and_decide(page, "a stormy bay at night", "Reject")
    await expect(step(rejected, "generate_image").locator("ul > li").last).to_have_text(
        IMAGE_REJECTED
    )
    assert await loaded_src(cover) == kept

    await generate_and_decide(page, "a stormy bay at night", "Accept")
    await expect(cover).not_to_have_attribute("src", kept)
    assert await loaded_src(cover) != kept
