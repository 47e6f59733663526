"""Run blocks in the browser: a reload shows the same blocks, Cancel becomes Re-run, a failed
run says so in red and offers Resume."""

from __future__ import annotations

import asyncio

from playwright.async_api import Locator, Page, Route, expect

from tests.browser.conftest import PanelServer
from tests.browser.panel import (
    DECIDE,
    FULL_VIDEO_PROMPT,
    START_IMAGE,
    block,
    blocks,
    dialog,
    expand,
    full_video_confirmed,
    header,
    new_lecture,
    open_lecture,
    rgb,
    run_id_of,
    start_from_prompt,
    step,
)
from tests.graphql_client import GraphQLClient

CANCEL = """
mutation($r: ID!) { cancelRun(input: {runId: $r}) { run { status } userErrors { message } } }"""


async def blocks_as_seen(page: Page) -> list[dict[str, object]]:
    """Every block's identity, status, expanded state and visible text, top to bottom."""
    seen: list[dict[str, object]] = await page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="run-block"]')].map(b => ({
             id: b.dataset.runId, status: b.dataset.status, text: b.innerText,
             expanded: [...b.querySelectorAll('[aria-expanded]')].map(e => e.ariaExpanded)}))"""
    )
    return seen


async def full_video_failed_in_its_third_step(
    page: Page, panel: PanelServer, api: GraphQLClient
) -> tuple[Locator, str]:
    """A full video started in the panel whose image prompts fail once its configuration is
    confirmed: its block (by run ID, so later blocks do not move it) and that ID."""
    panel.text.failures["image_prompts"] = "The model is overloaded (request id def456)"
    lecture_id = await new_lecture(api)
    await open_lecture(page, panel.url, lecture_id)
    run = await full_video_confirmed(page)
    await expect(run.get_by_test_id("run-status")).to_have_text("Failed", timeout=30_000)
    run_id = await run_id_of(run)
    return block(page, run_id), run_id


async def test_a_reload_mid_run_shows_exactly_the_same_blocks(
    page: Page, panel: PanelServer, api: GraphQLClient
) -> None:
    lecture_id = await new_lecture(api)
    await open_lecture(page, panel.url, lecture_id)
    first = (await api.execute(START_IMAGE, l=lecture_id, p="a tide pool"))["startRun"]["run"]
    await expect(
        block(page, first["id"]).get_by_role("button", name="Review Image")
    ).to_be_visible()
    await start_from_prompt(page, FULL_VIDEO_PROMPT)
    await expect(blocks(page)).to_have_count(2)
    current = blocks(page).last
    await expect(
        current.get_by_role("button", name="Review and Confirm Configuration")
    ).to_be_visible()

    before = await blocks_as_seen(page)
    await page.reload()
    await expect(page.get_by_test_id("connection-state")).to_have_text("Live")
    await expect(blocks(page)).to_have_count(2)
    await expect(
        current.get_by_role("button", name="Review and Confirm Configuration")
    ).to_be_visible()
    assert await blocks_as_seen(page) == before


async def test_cancel_asks_first_then_the_block_offers_re_run_which_appends_a_new_block(
    page: Page, panel: PanelServer, api: GraphQLClient
) -> None:
    lecture_id = await new_lecture(api)
    await open_lecture(page, panel.url, lecture_id)
    await start_from_prompt(page, FULL_VIDEO_PROMPT)
    old = blocks(page).last
    await expect(old.get_by_role("button", name="Review and Confirm Configuration")).to_be_visible()
    old_id = await run_id_of(old)
    old = block(page, old_id)

    await old.get_by_role("button", name="Cancel", exact=True).click()
    confirm = dialog(page, "Cancel this run?")
    await expect(confirm).to_be_visible()
    await confirm.get_by_role("button", name="Keep running").click()
    await expect(confirm).to_be_hidden()
    await expect(old).to_have_attribute("data-status", "WAITING_FOR_INPUT")

    await old.get_by_role("button", name="Cancel", exact=True).click()
    await confirm.get_by_role("button", name="Cancel run").click()
    await expect(confirm).to_be_hidden()
    await expect(old.get_by_test_id("run-status")).to_have_text("Cancelled")
    await expect(old).to_have_attribute("data-status", "CANCELLED")
    await expect(old.get_by_role("button", name="Cancel", exact=True)).to_have_count(0)
    await expect(old.get_by_role("button", name="Review and Confirm Configuration")).to_have_count(
        0
    )

    await old.get_by_role("button", name="Re-run").click()
    await expect(blocks(page)).to_have_count(2)
    new = blocks(page).last
    assert await run_id_of(new) != old_id
    await expect(header(new)).to_contain_text("Generating Full Video")
    await expect(new.get_by_role("button", name="Review and Confirm Configuration")).to_be_visible()
    collapse_old = old.get_by_role("button", name="Expand Generating Full Video")
    await expect(collapse_old).to_have_attribute("aria-expanded", "false")
    expand_new = new.get_by_role("button", name="Collapse Generating Full Video")
    await expect(expand_new).to_have_attribute("aria-expanded", "true")
    await expect(old.get_by_test_id("step")).to_have_count(0)  # collapsed: nothing inside shows


async def test_a_failing_run_shows_failed_in_red_with_the_providers_message(
    page: Page, panel: PanelServer, api: GraphQLClient
) -> None:
    panel.text.failures["script"] = "The model is overloaded (request id abc123)"
    lecture_id = await new_lecture(api)
    await open_lecture(page, panel.url, lecture_id)
    run = await full_video_confirmed(page)

    status = run.get_by_test_id("run-status")
    await expect(status).to_have_text("Failed", timeout=30_000)
    await expect(header(run)).to_contain_text("2/6 Steps")
    red, green, blue = rgb(await status.evaluate("e => getComputedStyle(e).color"))
    assert red >= 150 and red - max(green, blue) >= 80, (red, green, blue)
    await expect(step(run, "script").locator("ul > li")).to_have_text(
        [
            "Starting to create the script",
            "Error creating script: The model is overloaded (request id abc123)",
        ]
    )
    await expect(run.get_by_role("button", name="Re-run")).to_be_visible()


async def test_a_failed_run_offers_resume_which_continues_in_a_new_block_reusing_earlier_steps(
    page: Page, panel: PanelServer, api: GraphQLClient
) -> None:
    old, old_id = await full_video_failed_in_its_third_step(page, panel, api)
    await expect(header(old)).to_contain_text("3/6 Steps")
    # Resume (from the failed step, or an earlier one the person picks) beside Re-run.
    start_at = old.get_by_role("combobox", name="Resume from")
    await expect(start_at.locator("option")).to_have_text(
        ["1. Configuration", "2. Script", "3. Segment images"]
    )
    await expect(start_at).to_have_value("segment_images")
    await expect(old.get_by_role("button", name="Re-run")).to_be_visible()
    script_calls = panel.text.calls["script"]

    panel.text.failures.clear()
    await old.get_by_role("button", name="Resume", exact=True).click()
    await expect(blocks(page)).to_have_count(2)
    new = blocks(page).last
    assert await run_id_of(new) != old_id
    await expect(new.get_by_test_id("run-status")).to_have_text("Completed", timeout=30_000)
    await expect(header(new)).to_contain_text("6/6 Steps")
    for key in ("configuration", "script"):
        reused = step(new, key)
        await expand(reused)
        await expect(reused.locator("ul > li").last).to_have_text("Reused from the previous run")
    await expand(step(new, "segment_images"))
    images = await step(new, "segment_images").locator("ul > li").all_inner_texts()
    assert images and "Reused from the previous run" not in images
    assert panel.text.calls["script"] == script_calls  # the script was not written again
    # The old block stays as it was: failed, still offering to resume or re-run.
    await expect(old).to_have_attribute("data-status", "FAILED")
    await expect(new.get_by_role("button", name="Resume", exact=True)).to_have_count(0)


async def test_a_run_with_nothing_to_reuse_offers_re_run_only(
    page: Page, panel: PanelServer, api: GraphQLClient
) -> None:
    """A cancelled image run has no step a resume could reuse: resuming it would redo
    everything, as Re-run does, so the block offers Re-run alone."""
    lecture_id = await new_lecture(api)
    await open_lecture(page, panel.url, lecture_id)
    run_id = (await api.execute(START_IMAGE, l=lecture_id, p="a kelp forest"))["startRun"]["run"][
        "id"
    ]
    run = block(page, run_id)
    await expect(run.get_by_role("button", name="Review Image")).to_be_visible()
    await api.execute(CANCEL, r=run_id)
    await expect(run).to_have_attribute("data-status", "CANCELLED")
    await expect(run.get_by_role("button", name="Re-run")).to_be_visible()
    await expect(run.get_by_role("button", name="Resume", exact=True)).to_have_count(0)
    await expect(run.get_by_role("combobox", name="Resume from")).to_have_count(0)


async def test_re_run_and_resume_wait_for_the_request_in_flight_and_a_double_click_starts_one_run(
    page: Page, panel: PanelServer, api: GraphQLClient
) -> None:
    old, old_id = await full_video_failed_in_its_third_step(page, panel, api)
    panel.text.failures.clear()
    rerun = old.get_by_role("button", name="Re-run")
    resume = old.get_by_role("button", name="Resume", exact=True)

    sent: list[str] = []
    release = asyncio.Event()

    async def hold_reruns(route: Route) -> None:
        if "mutation RerunRun" in (route.request.post_data or ""):
            sent.append(route.request.url)
            await release.wait()
        await route.fallback()

    await page.route("**/graphql", hold_reruns)
    await rerun.dblclick()
    await expect(rerun).to_be_disabled()
    await expect(resume).to_be_disabled()
    assert len(sent) == 1  # the second click found the button disabled
    release.set()
    await expect(blocks(page)).to_have_count(2)
    await expect(rerun).to_be_enabled()
    new = blocks(page).last
    assert await run_id_of(new) != old_id
    await expect(new.get_by_role("button", name="Review and Confirm Configuration")).to_be_visible()

    # Its re-run has not finished: Re-run again answers with that run (no new block, no
    # error), and Resume is refused in plain words.
    async with page.expect_response(
        lambda response: "RerunRun" in (response.request.post_data or "")
    ):
        await rerun.click()
    await expect(rerun).to_be_enabled()
    await expect(blocks(page)).to_have_count(2)
    await expect(old.get_by_role("alert")).to_have_count(0)
    await resume.click()
    await expect(old.get_by_role("alert")).to_have_text(
        "This run is already being re-run, and that run has not finished. Cancel that run, or "
        "wait until it finishes, to resume this one."
    )
    await expect(blocks(page)).to_have_count(2)
    await page.unroute("**/graphql", hold_reruns)


async def test_a_review_being_edited_stays_open_with_its_edits_when_a_newer_run_starts(
    page: Page, panel: PanelServer, api: GraphQLClient
) -> None:
    """A newer run makes the older block collapse by default; the review open inside it, and
    what the person typed there, must not go with it."""
    lecture_id = await new_lecture(api)
    await open_lecture(page, panel.url, lecture_id)
    await start_from_prompt(page, FULL_VIDEO_PROMPT)
    run = block(page, await run_id_of(blocks(page).last))  # by ID: a newer block comes last
    await run.get_by_role("button", name="Review and Confirm Configuration").click()
    review = dialog(page, "Review and Confirm Configuration")
    audience = review.get_by_label("Audience")
    await audience.fill("teenagers")

    data = await api.execute(START_IMAGE, l=lecture_id, p="a lighthouse at dusk")
    assert data["startRun"]["userErrors"] == []
    await expect(blocks(page)).to_have_count(2)

    await expect(review).to_be_visible()
    await expect(audience).to_have_value("teenagers")
    toggle = header(run).get_by_role("button", name="Collapse Generating Full Video")
    await expect(toggle).to_have_attribute("aria-expanded", "true")

    await review.get_by_role("button", name="Close").click()
    await expect(review).to_be_hidden()
    # Closed, the older block follows its default again: collapsed, the newer one current.
    await expect(
        header(run).get_by_role("button", name="Expand Generating Full Video")
    ).to_have_attribute("aria-expanded", "false")


async def test_a_refusal_of_the_whole_configuration_is_scrolled_into_view(
    page: Page, panel: PanelServer, api: GraphQLClient
) -> None:
    """Too many segments belongs to no one field: its message, below the long form, comes into
    view when Confirm is refused, and the run still waits for the review."""
    lecture_id = await new_lecture(api)
    await open_lecture(page, panel.url, lecture_id)
    await start_from_prompt(page, FULL_VIDEO_PROMPT)
    await blocks(page).last.get_by_role("button", name="Review and Confirm Configuration").click()
    review = dialog(page, "Review and Confirm Configuration")
    await review.get_by_label("Duration (seconds)").fill("3600")
    await review.get_by_label("Segment length (seconds)").fill("5")
    await review.get_by_role("button", name="Confirm").click()
    refusal = review.get_by_role("alert").filter(has_text="segments")
    await expect(refusal).to_contain_text("the limit is")
    await expect(refusal).to_be_in_viewport()
    await expect(blocks(page).last).to_have_attribute("data-status", "WAITING_FOR_INPUT")


async def test_the_cancel_question_closes_when_the_run_finishes_meanwhile(
    page: Page, panel: PanelServer, api: GraphQLClient
) -> None:
    """Asked "Cancel this run?" while someone else answers its review: the question goes away
    with the run's Cancel button, instead of offering to stop a run that has completed."""
    lecture_id = await new_lecture(api)
    await open_lecture(page, panel.url, lecture_id)
    started = await api.execute(START_IMAGE, l=lecture_id, p="a lighthouse at dusk")
    run_id = started["startRun"]["run"]["id"]
    run = block(page, run_id)
    await expect(run.get_by_role("button", name="Review Image")).to_be_visible()
    await header(run).get_by_role("button", name="Cancel").click()
    question = dialog(page, "Cancel this run?")
    await expect(question).to_be_visible()

    decided = await api.execute(DECIDE, r=run_id, d="ACCEPT")
    assert decided["resolveHumanRequest"]["userErrors"] == []
    await expect(run).to_have_attribute("data-status", "COMPLETED")
    await expect(question).to_be_hidden()
