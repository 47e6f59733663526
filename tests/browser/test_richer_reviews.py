"""Richer reviews in the panel: pick one of four image variations, request changes with
feedback, the pending review's deadline in words, and a stale decision (the review was asked
again meanwhile) refused with a plain message and the run re-read."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from playwright.async_api import Page, Route, expect

from tests.browser.conftest import PanelServer
from tests.browser.panel import IMAGE_ACCEPTED, blocks, dialog, new_lecture, open_lecture, step
from tests.graphql_client import GraphQLClient

IMAGE = """query($id: ID!) { lecture(id: $id) { image { id } } }"""
RUN = """query($id: ID!) { run(id: $id) { status steps { ... on Step {
  request { id version } decisions { decision feedback choice } }
  ... on ImageGenerationStep { prompt } } } }"""
DEADLINE = re.compile(r"^Answer by .+ \(in \d+ hours?\); after that the workflow stops\.$")


async def start_cover_image(page: Page, prompt: str, variations: str) -> Any:
    """Generate Image on the cover, with that many variations; returns the new run block."""
    count = await blocks(page).count()
    await page.get_by_label("Image prompt").fill(prompt)
    await page.get_by_label("Variations").select_option(label=variations)
    await page.locator('[data-slot="cover"]').get_by_role("button", name="Generate Image").click()
    await expect(blocks(page)).to_have_count(count + 1)
    return blocks(page).last


async def test_pick_the_second_of_four_variations(
    page: Page, panel: PanelServer, api: GraphQLClient
) -> None:
    lecture_id = await new_lecture(api)
    await open_lecture(page, panel.url, lecture_id)
    await page.get_by_role("tab", name="Visuals").click()
    run = await start_cover_image(page, "a lighthouse", "4 images to choose from")

    await expect(run.get_by_test_id("hil-deadline")).to_have_text(DEADLINE)
    await run.get_by_role("button", name="Review Image").click()
    review = dialog(page, "Review Image")
    options = review.get_by_role("radio")
    await expect(options).to_have_count(4)
    for n in range(1, 5):
        picture = review.get_by_role("img", name=f"New image {n}")
        await picture.evaluate("img => img.decode()")
    accept = review.get_by_role("button", name="Accept")
    await expect(accept).to_be_disabled()  # nothing picked yet
    await expect(review.get_by_role("button", name="Reject all")).to_be_enabled()

    second = await options.nth(1).get_attribute("value")
    await review.get_by_role("img", name="New image 2").click()
    await expect(options.nth(1)).to_be_checked()
    await accept.click()
    await expect(review).to_be_hidden()
    await expect(run).to_have_attribute("data-status", "COMPLETED")
    await expect(step(run, "generate_image").locator("ul > li").last).to_have_text(IMAGE_ACCEPTED)
    image = (await api.execute(IMAGE, id=lecture_id))["lecture"]["image"]
    assert image["id"] == second


async def test_request_changes_then_accept(
    page: Page, panel: PanelServer, api: GraphQLClient
) -> None:
    lecture_id = await new_lecture(api)
    await open_lecture(page, panel.url, lecture_id)
    await page.get_by_role("tab", name="Visuals").click()
    run = await start_cover_image(page, "a lighthouse", "1 image")
    run_id = await run.get_attribute("data-run-id")

    await run.get_by_role("button", name="Review Image").click()
    review = dialog(page, "Review Image")
    await review.get_by_role("button", name="Request changes").click()
    send = review.get_by_role("button", name="Send feedback")
    await expect(send).to_be_disabled()  # nothing written yet
    await review.get_by_label("What should change?").fill("Make it a night scene")
    await send.click()
    await expect(review).to_be_hidden()

    bullets = step(run, "generate_image").locator("ul > li")
    await expect(bullets.nth(1)).to_have_text("Regenerating with your feedback (2 of 3)")
    await run.get_by_role("button", name="Review Image").click()
    review = dialog(page, "Review Image")
    await expect(review.get_by_role("img", name="New image")).to_be_visible()
    await review.get_by_role("button", name="Accept").click()
    await expect(run).to_have_attribute("data-status", "COMPLETED")

    done = (await api.execute(RUN, id=run_id))["run"]["steps"][0]
    assert "Make it a night scene" in done["prompt"]
    assert [(d["decision"], d["feedback"]) for d in done["decisions"]] == [
        ("REQUEST_CHANGES", "Make it a night scene"),
        ("ACCEPT", None),
    ]


async def test_a_stale_decision_shows_a_plain_message_and_rereads(
    page: Page, panel: PanelServer, api: GraphQLClient
) -> None:
    lecture_id = await new_lecture(api)
    await open_lecture(page, panel.url, lecture_id)
    await page.get_by_role("tab", name="Visuals").click()
    run = await start_cover_image(page, "a lighthouse", "1 image")
    run_id = await run.get_attribute("data-run-id")
    await run.get_by_role("button", name="Review Image").click()
    review = dialog(page, "Review Image")
    await expect(review.get_by_role("img", name="New image")).to_be_visible()

    # The page's live re-reads are held, so it still shows round 1 when someone else asks for
    # changes from another client and round 2 is issued.
    release = asyncio.Event()

    async def hold_rereads(route: Route) -> None:
        if "RunsByIds" in (route.request.post_data or ""):
            await release.wait()
        await route.fallback()

    await page.route("**/graphql", hold_rereads)
    other = await api.execute(
        """mutation($runId: ID!) { resolveHumanRequest(input: {runId: $runId,
           requestId: "review-image", decision: REQUEST_CHANGES, feedback: "Warmer"}) {
           userErrors { code } } }""",
        runId=run_id,
    )
    assert other["resolveHumanRequest"]["userErrors"] == []
    for _ in range(200):
        state = (await api.execute(RUN, id=run_id))["run"]
        if (state["steps"][0]["request"] or {}).get("id") == "review-image-2":
            break
        await asyncio.sleep(0.05)
    before = (await api.execute(RUN, id=run_id))["run"]

    await review.get_by_role("button", name="Accept").click()
    await expect(review.get_by_role("alert")).to_contain_text("changed since you opened it")
    assert (await api.execute(RUN, id=run_id))["run"] == before  # nothing changed
    release.set()
    # Re-read: the review the page shows is round 2 now.
    bullets = step(run, "generate_image").locator("ul > li")
    await expect(bullets.nth(1)).to_have_text("Regenerating with your feedback (2 of 3)")
    await page.unroute("**/graphql", hold_rereads)
