"""Live updates in the browser: "Live" means subscribed, a change made before the subscription
starts still shows, a socket dropped by the server costs nothing once the panel is back, and
two tabs on one lecture stay in step."""

from __future__ import annotations

import asyncio
import json

from playwright.async_api import BrowserContext, Page, WebSocketRoute, expect

from tests.browser.conftest import PanelServer
from tests.browser.panel import (
    DECIDE,
    IMAGE_ACCEPTED,
    START_IMAGE,
    block,
    blocks,
    dialog,
    direct,
    expand,
    new_lecture,
    open_lecture,
    step,
    until_status,
)
from tests.graphql_client import GraphQLClient


async def test_live_means_subscribed_and_a_run_finished_before_the_subscription_shows_in_full(
    page: Page, panel: PanelServer, api: GraphQLClient
) -> None:
    """The page reads the lecture, then subscribes. Here its subscription is held at the
    socket while a run starts, is accepted and puts a picture in use: the socket is connected,
    but the panel does not say "Live" until the subscription's first message; then it shows
    the finished run and the lecture as that run left it (the picture in the Visuals tab)."""
    lecture_id = await new_lecture(api)
    acknowledged, release = asyncio.Event(), asyncio.Event()

    async def hold_the_subscription(socket: WebSocketRoute) -> None:
        server = socket.connect_to_server()

        async def send_when_released(message: str) -> None:
            await release.wait()
            server.send(message)

        def upstream(message: str | bytes) -> None:
            if isinstance(message, str) and json.loads(message).get("type") == "subscribe":
                asyncio.get_running_loop().create_task(send_when_released(message))
            else:
                server.send(message)

        def downstream(message: str | bytes) -> None:
            if isinstance(message, str) and json.loads(message).get("type") == "connection_ack":
                acknowledged.set()
            socket.send(message)

        socket.on_message(upstream)
        server.on_message(downstream)

    await page.route_web_socket("**/graphql", hold_the_subscription)
    await page.goto(f"{panel.url}/lectures/{lecture_id}")
    await page.get_by_role("tab", name="Visuals").click()  # the lecture has been read
    cover = page.get_by_role("img", name="cover image")
    await expect(cover).to_have_count(0)
    await asyncio.wait_for(acknowledged.wait(), timeout=20)
    state = page.get_by_test_id("connection-state")
    await expect(state).to_have_text("Connecting…")

    run_id = (await api.execute(START_IMAGE, l=lecture_id, p="a salt marsh"))["startRun"]["run"][
        "id"
    ]
    await until_status(panel.resources, run_id, "waiting_for_input")
    await api.execute(DECIDE, r=run_id, d="ACCEPT")
    await until_status(panel.resources, run_id, "completed")
    await expect(state).to_have_text("Connecting…")

    release.set()
    await expect(state).to_have_text("Live")
    await expect(block(page, run_id)).to_have_attribute("data-status", "COMPLETED")
    await expect(cover).to_be_visible()


async def test_after_the_server_drops_the_socket_the_panel_reconnects_and_misses_nothing(
    page: Page, panel: PanelServer, api: GraphQLClient
) -> None:
    lecture_id = await new_lecture(api)
    await open_lecture(page, panel.url, lecture_id)
    first = (await api.execute(START_IMAGE, l=lecture_id, p="a harbour"))["startRun"]["run"]["id"]
    waiting = block(page, first)
    await expect(waiting.get_by_role("button", name="Review Image")).to_be_visible()
    await page.evaluate("window.__sameDocument = 'no reload happened'")

    await panel.stop()  # every websocket closed by the server, and nobody answers for a while
    await expect(page.get_by_test_id("connection-state")).to_have_text("Reconnecting…")

    # Meanwhile the runs go on: a decision, and a run started elsewhere.
    await direct(panel.resources, DECIDE, r=first, d="ACCEPT")
    second = (await direct(panel.resources, START_IMAGE, l=lecture_id, p="a lighthouse"))[
        "startRun"
    ]["run"]["id"]
    await until_status(panel.resources, first, "completed")

    await panel.start()
    await expect(page.get_by_test_id("connection-state")).to_have_text("Live", timeout=30_000)
    await expect(waiting).to_have_attribute("data-status", "COMPLETED")
    await expect(waiting.get_by_role("button", name="Review Image")).to_have_count(0)
    await expect(blocks(page)).to_have_count(2)
    await expand(waiting)  # no longer the newest block: collapsed
    await expect(step(waiting, "generate_image").locator("ul > li").last).to_have_text(
        IMAGE_ACCEPTED
    )
    await expect(block(page, second).get_by_role("button", name="Review Image")).to_be_visible()
    assert await page.evaluate("window.__sameDocument") == "no reload happened"


async def test_two_tabs_on_one_lecture_stay_in_step(
    context: BrowserContext, page: Page, panel: PanelServer, api: GraphQLClient
) -> None:
    lecture_id = await new_lecture(api)
    other = await context.new_page()
    await open_lecture(page, panel.url, lecture_id)
    await open_lecture(other, panel.url, lecture_id)

    run_id = (await api.execute(START_IMAGE, l=lecture_id, p="a tide chart"))["startRun"]["run"][
        "id"
    ]
    here, there = block(page, run_id), block(other, run_id)
    await expect(here.get_by_role("button", name="Review Image")).to_be_visible()
    await expect(there.get_by_role("button", name="Review Image")).to_be_visible()

    await there.get_by_role("button", name="Review Image").click()
    await dialog(other, "Review Image").get_by_role("button", name="Accept").click()

    for tab_block in (here, there):
        await expect(tab_block).to_have_attribute("data-status", "COMPLETED")
        await expect(tab_block.get_by_role("button", name="Review Image")).to_have_count(0)
        await expect(step(tab_block, "generate_image").locator("ul > li").last).to_have_text(
            IMAGE_ACCEPTED
        )
    assert (
        await page.get_by_test_id("run-block").all_inner_texts()
        == await other.get_by_test_id("run-block").all_inner_texts()
    )
    await other.close()
