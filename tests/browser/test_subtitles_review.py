"""Subtitles from the panel: after a full video, "Generate Subtitles" in the Video preview,
"Review Subtitles" with one cue's text edited (a blank one refused inline first), Accept — and
the preview's subtitle track and overlay show the edited text."""

from __future__ import annotations

import re

from playwright.async_api import Page, expect

from tests.browser.conftest import PanelServer
from tests.browser.panel import (
    FULL_VIDEO_PROMPT,
    blocks,
    dialog,
    new_lecture,
    open_lecture,
    start_from_prompt,
    step,
)
from tests.graphql_client import GraphQLClient

SUBTITLES_ACCEPTED = "Subtitles are saved and will be shown in the video"
EDITED = "Tides rise and fall twice a day, pulled by the Moon."

# The overlay reads the cues the browser parsed from the <track>'s WebVTT file.
TRACK_CUES = """
(track) => new Promise((ok, fail) => {
  const read = () => ok(Array.from(track.track.cues).map(c => [c.startTime, c.text]));
  if (track.readyState === 2) read();
  else { track.addEventListener('load', read); track.addEventListener('error', fail); }
})
"""


async def test_subtitles_are_generated_reviewed_with_an_edited_cue_and_shown_in_the_preview(
    page: Page, panel: PanelServer, api: GraphQLClient
) -> None:
    lecture_id = await new_lecture(api)
    await open_lecture(page, panel.url, lecture_id)

    # No narration yet: the button is there, disabled, and says why.
    await page.get_by_role("tab", name="Video preview").click()
    generate = page.get_by_role("button", name="Generate Subtitles")
    await expect(generate).to_be_disabled()
    await expect(generate).to_have_accessible_description(re.compile("full video first"))

    await start_from_prompt(page, FULL_VIDEO_PROMPT)
    video = blocks(page).last
    await video.get_by_role("button", name="Review and Confirm Configuration").click()
    configuration = dialog(page, "Review and Confirm Configuration")
    await configuration.get_by_role("button", name="Confirm").click()
    await expect(video).to_have_attribute("data-status", "COMPLETED", timeout=60_000)

    preview = page.get_by_role("region", name="Video preview")
    await expect(preview).to_be_visible()
    await expect(preview.locator("track")).to_have_count(0)
    await expect(generate).to_be_enabled()
    await generate.click()
    await expect(blocks(page)).to_have_count(2)
    run = blocks(page).last
    subtitles = step(run, "generate_subtitles")

    await run.get_by_role("button", name="Review Subtitles").click()
    review = dialog(page, "Review Subtitles")
    first_cue = review.get_by_role("textbox", name="Cue 1 text")
    await expect(first_cue).not_to_have_value("")
    original = await first_cue.input_value()
    assert await review.get_by_role("textbox", name=re.compile(r"^Cue \d+ text$")).count() > 1
    await expect(review.get_by_text(re.compile(r"0:00\.0 \u2013 0:\d\d\.\d"))).to_be_visible()

    # A blank cue is refused by the server, next to that cue; the modal stays open.
    await first_cue.fill("   ")
    await review.get_by_role("button", name="Accept").click()
    await expect(first_cue).to_have_attribute("aria-invalid", "true")
    await expect(first_cue).to_have_accessible_description(re.compile("1 to 500 characters"))
    await expect(review).to_be_visible()

    await first_cue.fill(EDITED)
    await review.get_by_role("button", name="Accept").click()
    await expect(review).to_be_hidden()
    await expect(run).to_have_attribute("data-status", "COMPLETED")
    await expect(subtitles.locator("ul > li").last).to_have_text(SUBTITLES_ACCEPTED)
    await expect(run.get_by_role("button", name="Review Subtitles")).to_have_count(0)
    await expect(run.get_by_test_id("hil-block")).to_have_count(0)

    # The preview: a subtitles <track> on its media, and the overlay showing the edited cue.
    await page.get_by_role("tab", name="Video preview").click()
    track = preview.locator("track")
    await expect(track).to_have_count(1)
    await expect(track).to_have_attribute("kind", "subtitles")
    cues = [(start, " ".join(text.split())) for start, text in await track.evaluate(TRACK_CUES)]
    assert cues[0][1] == EDITED  # wrapped onto lines of at most 42 characters in the file
    assert original not in [text for _, text in cues]
    pause = preview.get_by_role("button", name="Pause")
    if await pause.count():
        await pause.click()
    await preview.get_by_role("slider", name="Position").fill(str(cues[0][0] + 0.2))
    await expect(preview.get_by_test_id("preview-caption")).to_have_text(EDITED)
