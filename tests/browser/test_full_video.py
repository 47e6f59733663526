"""A full video driven from the panel as a person would: prompt box, configuration review with
an invalid then a valid edit, six steps live, and the Video preview playing — with no reload."""

from __future__ import annotations

import re

from playwright.async_api import Page, expect

from tests.browser.conftest import PanelServer
from tests.browser.panel import (
    FULL_VIDEO_BULLETS,
    FULL_VIDEO_PROMPT,
    blocks,
    dialog,
    expand,
    full_video_confirmed,
    header,
    new_lecture,
    open_lecture,
    start_from_prompt,
    step,
)
from tests.graphql_client import GraphQLClient

RECORD_STEP_COUNTS = """
(block) => {
  window.__stepCounts = [];
  const record = () => {
    const found = block.querySelector('header')?.textContent?.match(/(\\d+)\\/(\\d+) Steps/);
    const seen = window.__stepCounts;
    if (found && seen[seen.length - 1] !== found[0]) seen.push(found[0]);
  };
  record();
  new MutationObserver(record).observe(block, {subtree: true, childList: true, characterData: true});
}
"""


async def test_a_full_video_from_the_prompt_box_is_reviewed_edited_confirmed_and_played(
    page: Page, panel: PanelServer, api: GraphQLClient
) -> None:
    lecture_id = await new_lecture(api)
    await open_lecture(page, panel.url, lecture_id)
    await page.evaluate("window.__sameDocument = 'no reload happened'")

    await start_from_prompt(page, FULL_VIDEO_PROMPT)
    run = blocks(page).last
    await expect(header(run)).to_contain_text("Generating Full Video")
    await run.evaluate(RECORD_STEP_COUNTS)

    # The configuration review opens the configuration form, prefilled with what was parsed.
    await run.get_by_role("button", name="Review and Confirm Configuration").click()
    review = dialog(page, "Review and Confirm Configuration")
    await expect(review).to_be_visible()
    duration = review.get_by_label("Duration (seconds)")
    await expect(duration).to_have_value("30")
    await expect(review.get_by_label("Segment length (seconds)")).to_have_value("10")
    await expect(review.get_by_label("Images per segment")).to_have_value("1")
    await expect(review.get_by_label("Audience")).to_have_value("kids")

    # An invalid edit: the server's refusal appears next to its field, the modal stays open.
    await duration.fill("99999")
    await review.get_by_role("button", name="Confirm").click()
    error = review.get_by_role("alert").filter(has_text="3600")
    await expect(error).to_be_visible()
    await expect(duration).to_have_accessible_description(re.compile("3600"))
    await expect(duration).to_have_attribute("aria-invalid", "true")
    await expect(review).to_be_visible()

    # A valid edit, confirmed: the run goes through its six steps with the spec's bullets.
    await duration.fill("20")
    await review.get_by_role("button", name="Confirm").click()
    await expect(review).to_be_hidden()
    await expect(run).to_have_attribute("data-status", "COMPLETED", timeout=60_000)
    await expect(header(run)).to_contain_text("6/6 Steps")
    counts: list[str] = await page.evaluate("window.__stepCounts")
    numbers = [int(count.split("/")[0]) for count in counts]
    assert numbers == sorted(numbers), counts  # never backwards
    started = [number for number in numbers if number > 0]  # 0/6 while queued
    assert started[0] == 1 and started[-1] == 6, counts

    bullets = {**FULL_VIDEO_BULLETS}
    bullets["narration"] = [
        "Starting to generate narrative audio. 2 audio files will be generated",  # 20 s / 10 s
        "Audio files are generated and saved",
    ]
    await expect(run.get_by_test_id("step")).to_have_count(6)
    for key, expected in bullets.items():
        section = step(run, key)
        await expand(section)
        await expect(section.locator("ul > li")).to_have_text(expected)

    # The Video preview opens by itself, and its media load: no reload, nothing to click.
    await expect(page.get_by_role("tab", name="Video preview")).to_have_attribute(
        "aria-selected", "true"
    )
    preview = page.get_by_role("region", name="Video preview")
    await expect(preview).to_be_visible()
    picture = preview.locator("img").first
    await expect(picture).to_be_visible()
    await picture.evaluate(
        "img => img.complete && img.naturalWidth > 0 ? true : new Promise((ok, fail) => {"
        " img.addEventListener('load', () => ok(true)); img.addEventListener('error', fail); })"
    )
    assert await picture.evaluate("img => img.naturalWidth") > 0
    sounds = preview.locator("audio")
    await expect(sounds).to_have_count(2)  # narration and score
    for sound in await sounds.all():
        await sound.evaluate(
            "a => a.readyState >= 1 ? true : new Promise((ok, fail) => {"
            " a.addEventListener('loadedmetadata', () => ok(true)); a.load();"
            " a.addEventListener('error', () => fail(new Error('audio failed: ' + a.src))); })"
        )
        assert await sound.evaluate("a => a.readyState") >= 1
        assert await sound.evaluate("a => a.duration") > 0
    assert await page.evaluate("window.__sameDocument") == "no reload happened"


async def test_segment_images_show_a_progress_bar_that_moves_as_each_picture_is_saved(
    page: Page, panel: PanelServer, api: GraphQLClient
) -> None:
    lecture_id = await new_lecture(api)
    await open_lecture(page, panel.url, lecture_id)
    panel.images.hold_after(1)  # 3 segments x 1 picture: the first is made, two wait
    run = await full_video_confirmed(page)

    images = step(run, "segment_images")
    bar = images.get_by_role("progressbar")
    await expect(bar).to_have_attribute("aria-valuenow", "1", timeout=30_000)
    await expect(bar).to_have_attribute("aria-valuemax", "3")
    await expect(images).to_contain_text("1/3 images")
    await expect(run).to_have_attribute("data-status", "RUNNING")

    panel.images.release()
    await expect(run).to_have_attribute("data-status", "COMPLETED", timeout=60_000)
    await expect(images.get_by_role("progressbar")).to_have_count(0)  # done: the bar goes
