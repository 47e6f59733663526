"""Browser tests: the real server (test PostgreSQL, offline providers, local runner) driven
through Debian's headless Chromium with Playwright. Playwright never downloads a browser here:
it launches /usr/bin/chromium, which .ci/run installs. No request may leave 127.0.0.1."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.async_api import Browser, BrowserContext, Page, Route, async_playwright

from src.providers import offline_providers
from src.providers.offline import OfflineImageModel
from src.providers.ports import GeneratedImage, ImageRequest
from src.resources import Resources
from src.settings import Settings
from tests.graphql_client import GraphQLClient
from tests.scripted_providers import ScriptedText
from tests.servers import free_port, serving

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-background-networking",
    "--disable-component-update",
    "--autoplay-policy=no-user-gesture-required",
]
LOOPBACK = {"127.0.0.1", "localhost"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test here is a browser test; without Chromium they are skipped, except in CI,
    where .ci/run installs it and a skip would hide a broken install."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists() and not os.environ.get("CI"):
                item.add_marker(
                    pytest.mark.skip(reason=f"{CHROMIUM} is missing: apt-get install chromium")
                )


@dataclass
class GatedImages:
    """Offline pictures; once `pause_after` are made, the rest wait for `release()`."""

    pause_after: int | None = None
    made: int = 0
    _go: asyncio.Event = field(default_factory=asyncio.Event)

    async def generate(self, request: ImageRequest) -> GeneratedImage:
        if self.pause_after is not None and self.made >= self.pause_after:
            await self._go.wait()
        self.made += 1
        return await OfflineImageModel().generate(request)

    def hold_after(self, count: int) -> None:
        self.pause_after, self.made = count, 0
        self._go.clear()

    def release(self) -> None:
        self.pause_after = None
        self._go.set()


@dataclass
class PanelServer:
    """The app on a fixed loopback port, restartable (a restart drops every websocket)."""

    resources: Resources
    text: ScriptedText
    images: GatedImages
    port: int = field(default_factory=free_port)
    _stop: Callable[[], Awaitable[None]] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def running(self) -> bool:
        return self._stop is not None

    async def start(self) -> None:
        serving_ctx = serving(self.resources, port=self.port)
        await serving_ctx.__aenter__()

        async def stop() -> None:
            await serving_ctx.__aexit__(None, None, None)

        self._stop = stop

    async def stop(self) -> None:
        if self._stop is not None:
            stop, self._stop = self._stop, None
            await stop()


@pytest.fixture(scope="session")
async def panel_server(
    database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[PanelServer]:
    """Its own resources on the session's database, so that a test can script provider faults
    (`panel_server.text.failures`) and hold image generation part-way (`.images`)."""
    text, images = ScriptedText(), GatedImages()
    settings = Settings(
        database_url=database_url,
        data_dir=tmp_path_factory.mktemp("browser-data"),
        feed_poll_seconds=1.0,
        review_window_seconds=2.0,
    )
    providers = replace(offline_providers(), text=text, image=images)
    resources = await Resources.open(settings, providers=providers)
    server = PanelServer(resources, text, images)
    await server.start()
    yield server
    await server.stop()
    await resources.close()


@pytest.fixture
async def panel(panel_server: PanelServer) -> AsyncIterator[PanelServer]:
    """The running server, with no provider fault or pause left over from an earlier test."""
    panel_server.text.failures.clear()
    if not panel_server.running:
        await panel_server.start()
    yield panel_server
    panel_server.text.failures.clear()
    panel_server.images.release()


@pytest.fixture
async def api(panel: PanelServer) -> AsyncIterator[GraphQLClient]:
    """A GraphQL client on the panel's server, for arranging and checking what the page shows."""
    client = GraphQLClient(panel.url)
    yield client
    await client.close()


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        await launched.close()


@dataclass
class Offline:
    """Requests the page tried to send beyond the loopback address (each was refused)."""

    attempts: list[str] = field(default_factory=list)


@pytest.fixture
async def offline() -> Offline:
    return Offline()


@pytest.fixture
async def context(browser: Browser, offline: Offline) -> AsyncIterator[BrowserContext]:
    """A fresh browser profile that refuses (and records) every request leaving 127.0.0.1."""
    ctx = await browser.new_context(viewport={"width": 1280, "height": 900})

    async def only_loopback(route: Route) -> None:
        if urlsplit(route.request.url).hostname in LOOPBACK:
            await route.continue_()
        else:
            offline.attempts.append(route.request.url)
            await route.abort("internetdisconnected")

    await ctx.route("**/*", only_loopback)
    yield ctx
    await ctx.close()
    assert offline.attempts == [], f"the page tried to reach the internet: {offline.attempts}"


@pytest.fixture
async def page(context: BrowserContext) -> AsyncIterator[Page]:
    """A tab; browser console errors and uncaught exceptions fail the test."""
    tab = await context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(f"uncaught: {error}"))
    yield tab
    assert problems == [], problems
