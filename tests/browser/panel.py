"""What the browser tests do on the panel, in the panel's own words (roles, labels, test IDs)."""

from __future__ import annotations

import asyncio
import re
import uuid
from typing import Any

from playwright.async_api import Locator, Page, expect
from strawberry import relay

from src.gql.context import Context
from src.gql.schema import schema
from src.resources import LOCAL_VIEWER, Resources
from tests.graphql_client import GraphQLClient

FULL_VIDEO_PROMPT = (
    "A 30 second lecture on tides for kids, segments of 10 seconds, 1 image per segment"
)
FULL_VIDEO_BULLETS = {
    "configuration": [
        "Analyzing the input prompt",
        "Configuration accepted, saving configuration",
        "Configuration saved, proceeding to generation",
    ],
    "script": ["Starting to create the script", "Successfully created the script"],
    "segment_images": [
        "Starting to generate images. 1 images will be generated per segment",
        "Images generated, starting to save them",
        "Images are saved and ready",
    ],
    "narration": [
        "Starting to generate narrative audio. 3 audio files will be generated",
        "Audio files are generated and saved",
    ],
    "background_score": [
        "Starting to generate background music.",
        "Background music is generated and saved",
    ],
    "timeline": ["Timeline is generated. Your video is ready to play"],
}
IMAGE_ACCEPTED = "The image is now saved and will be used in video"
IMAGE_REJECTED = "The image is not selected. You can try another generation"

# An image run started through the API, and its review answered there ("someone else").
START_IMAGE = """
mutation($l: ID!, $p: String!) { startRun(input: {lectureId: $l, workflow: {image: {prompt: $p}}})
  { run { id } userErrors { message } } }"""
DECIDE = """
mutation($r: ID!, $d: Decision!) { resolveHumanRequest(input: {runId: $r, requestId: "review-image",
  decision: $d}) { run { status } userErrors { message } } }"""


async def new_lecture(api: GraphQLClient, title: str = "Tides") -> str:
    data = await api.execute(
        "mutation($t: String!) { createLecture(input: {title: $t}) "
        "{ lecture { id } userErrors { message } } }",
        t=title,
    )
    lecture_id: str = data["createLecture"]["lecture"]["id"]
    return lecture_id


async def open_lecture(page: Page, base_url: str, lecture_id: str) -> None:
    """The lecture's page, live."""
    await page.goto(f"{base_url}/lectures/{lecture_id}")
    await expect(page.get_by_test_id("connection-state")).to_have_text("Live")


def progress(page: Page) -> Locator:
    return page.get_by_role("region", name="Agent Progress")


def blocks(page: Page) -> Locator:
    return page.get_by_test_id("run-block")


def block(page: Page, run_id: str) -> Locator:
    return page.locator(f'[data-testid="run-block"][data-run-id="{run_id}"]')


def header(section: Locator) -> Locator:
    """A run block's (or step's) own header, not the headers nested inside it."""
    return section.locator(":scope > header")


def step(run_block: Locator, key: str) -> Locator:
    return run_block.locator(f'[data-testid="step"][data-step-key="{key}"]')


def dialog(page: Page, title: str) -> Locator:
    return page.get_by_role("dialog", name=title)


async def expand(section: Locator) -> None:
    """Opens a collapsed run block or step (its own chevron, not a nested one)."""
    toggle = section.locator(":scope > header").get_by_role(
        "button", name=re.compile(r"^(Expand|Collapse) ")
    )
    if await toggle.get_attribute("aria-expanded") != "true":
        await toggle.click()
    await expect(toggle).to_have_attribute("aria-expanded", "true")


async def start_from_prompt(page: Page, prompt: str) -> None:
    await page.get_by_role("textbox", name="Describe what you want").fill(prompt)
    await page.get_by_role("button", name="Start", exact=True).click()


async def full_video_confirmed(page: Page) -> Locator:
    """Start a full video from the prompt box and confirm its configuration as proposed; its
    block."""
    await start_from_prompt(page, FULL_VIDEO_PROMPT)
    run = blocks(page).last
    await run.get_by_role("button", name="Review and Confirm Configuration").click()
    await (
        dialog(page, "Review and Confirm Configuration")
        .get_by_role("button", name="Confirm")
        .click()
    )
    return run


async def block_texts(page: Page) -> list[str]:
    return await blocks(page).all_inner_texts()


async def run_id_of(run_block: Locator) -> str:
    run_id = await run_block.get_attribute("data-run-id")
    assert run_id is not None
    return run_id


async def direct(resources: Resources, query: str, **variables: Any) -> dict[str, Any]:
    """The schema executed in-process as the local viewer: works while the HTTP server is down."""
    context = Context(
        viewer=LOCAL_VIEWER,
        service=resources.service,
        assets=resources.assets,
        feed=resources.feed,
        public_url="",
        signer=resources.signer,
    )
    result = await schema.execute(query, variable_values=variables, context_value=context)
    assert result.errors is None, result.errors
    assert result.data is not None
    return result.data


def node_id(global_id: str) -> str:
    return str(relay.GlobalID.from_id(global_id).node_id)


def rgb(css_color: str) -> tuple[int, int, int]:
    """`rgb(r, g, b)` / `rgba(r, g, b, a)` as computed by the browser."""
    found = re.match(r"rgba?\((\d+),\s*(\d+),\s*(\d+)", css_color)
    assert found, css_color
    r, g, b = (int(part) for part in found.groups())
    return r, g, b


async def until_status(resources: Resources, run_global_id: str, status: str) -> None:
    """Waits, on the change feed, until the run is in `status` (e.g. "completed")."""
    run_id = uuid.UUID(node_id(run_global_id))
    with resources.feed.subscribe(run_id=run_id) as changes:
        while (await resources.store.require(run_id)).state.status.value != status:
            await asyncio.wait_for(changes.next_batch(), timeout=20)
