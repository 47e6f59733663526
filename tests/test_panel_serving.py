"""The panel's bundle served by the app: the page for every non-API path, hashed files cached
for a year, the API first, nothing outside the bundle, and the bundled GraphiQL."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from src.panel import STATIC_DIR
from tests.servers import serving

PAGE = '<!doctype html><html><body><div id="root">the panel page</div></body></html>'
GRAPHIQL = "<!doctype html><html><body>the bundled graphiql</body></html>"
SCRIPT = "console.log('hashed script')"
SECRET = "a file beside the bundle"
BROWSER = {"accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("panel")
    (root / "secret.txt").write_text(SECRET)
    built = root / "bundle"
    (built / "static").mkdir(parents=True)
    (built / "index.html").write_text(PAGE)
    (built / "graphiql.html").write_text(GRAPHIQL)
    (built / "favicon.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (built / "static" / "index-3f2a9c1d.js").write_text(SCRIPT)
    return built


@pytest.fixture(scope="module")
async def site(resources: Any, bundle: Path) -> AsyncIterator[httpx.AsyncClient]:
    async with (
        serving(resources, panel_bundle=bundle) as url,
        httpx.AsyncClient(base_url=url) as client,
    ):
        yield client


@pytest.fixture(scope="module")
async def unbuilt(resources: Any, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Any]:
    missing = tmp_path_factory.mktemp("unbuilt") / "static"
    async with (
        serving(resources, panel_bundle=missing) as url,
        httpx.AsyncClient(base_url=url) as client,
    ):
        yield client


async def raw_get(client: httpx.AsyncClient, raw_path: str) -> httpx.Response:
    """A GET whose path reaches the server byte for byte (no dot-segment clean-up)."""
    url = client.base_url.copy_with(raw_path=raw_path.encode())
    return await client.send(client.build_request("GET", url))


async def test_the_root_answers_the_panel_page_revalidated_on_every_load(
    site: httpx.AsyncClient,
) -> None:
    response = await site.get("/", headers=BROWSER)
    assert response.status_code == 200
    assert response.text == PAGE
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["cache-control"] == "no-cache"


@pytest.mark.parametrize("path", ["/lectures/TGVjdHVyZTox", "/some/deep/page", "/index.html"])
async def test_any_other_page_path_answers_the_panel_page_so_links_survive_a_reload(
    site: httpx.AsyncClient, path: str
) -> None:
    response = await site.get(path, headers=BROWSER)
    assert response.status_code == 200
    assert response.text == PAGE
    assert response.headers["cache-control"] == "no-cache"


async def test_hashed_files_are_cached_for_a_year_as_immutable(site: httpx.AsyncClient) -> None:
    response = await site.get("/static/index-3f2a9c1d.js")
    assert response.status_code == 200
    assert response.text == SCRIPT
    assert "javascript" in response.headers["content-type"]
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"


async def test_a_missing_hashed_file_is_a_404_not_the_page(site: httpx.AsyncClient) -> None:
    response = await site.get("/static/index-00000000.js")
    assert response.status_code == 404
    assert "the panel page" not in response.text


async def test_public_files_at_the_bundle_root_are_served_revalidated(
    site: httpx.AsyncClient,
) -> None:
    response = await site.get("/favicon.svg")
    assert response.status_code == 200
    assert response.text.startswith("<svg")
    assert response.headers["cache-control"] == "no-cache"


@pytest.mark.parametrize(
    "raw_path",
    [
        "/static/../../secret.txt",
        "/static/%2e%2e/%2e%2e/secret.txt",
        "/static/..%2f..%2fsecret.txt",
        "/static/%2e%2e%2f%2e%2e%2fsecret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e/secret.txt",
        "/%2e%2e%2fsecret.txt",
    ],
)
async def test_no_path_reaches_a_file_outside_the_bundle(
    site: httpx.AsyncClient, raw_path: str
) -> None:
    response = await raw_get(site, raw_path)
    assert SECRET not in response.text
    assert response.status_code in (200, 404)
    if response.status_code == 200:  # a page path: the panel page, nothing else
        assert response.text == PAGE


async def test_the_api_keeps_priority_over_the_page(site: httpx.AsyncClient) -> None:
    answer = await site.post("/graphql", json={"query": "{ __typename }"})
    assert answer.json() == {"data": {"__typename": "Query"}}
    health = await site.get("/health", headers=BROWSER)
    assert health.json()["ok"] is True
    for api_miss in (
        "/assets/00000000-0000-4000-8000-000000000000/abc.png",
        "/assets/anything",
        "/api/inngest",
        "/api/other",
        "/health/deeper",
        "/graphql/deeper",
    ):
        response = await site.get(api_miss, headers=BROWSER)
        assert response.status_code == 404, api_miss
        assert "the panel page" not in response.text, api_miss


async def test_a_browser_opening_graphql_gets_the_bundled_graphiql_not_a_cdn_page(
    site: httpx.AsyncClient,
) -> None:
    response = await site.get("/graphql", headers=BROWSER)
    assert response.status_code == 200
    assert response.text == GRAPHIQL
    assert response.headers["cache-control"] == "no-cache"


async def test_the_page_learns_the_auth_mode(site: httpx.AsyncClient) -> None:
    response = await site.get("/auth-mode")
    assert response.json() == {"auth": "local"}


async def test_an_unbuilt_panel_answers_how_to_build_it_and_the_api_still_works(
    unbuilt: httpx.AsyncClient,
) -> None:
    page = await unbuilt.get("/", headers=BROWSER)
    assert page.status_code == 200
    assert "npm run build" in page.text
    assert (await unbuilt.get("/static/index-3f2a9c1d.js")).status_code == 404
    graphiql = await unbuilt.get("/graphql", headers=BROWSER)
    assert graphiql.status_code == 200  # Strawberry's own page
    answer = await unbuilt.post("/graphql", json={"query": "{ __typename }"})
    assert answer.json() == {"data": {"__typename": "Query"}}


def test_the_package_ships_a_built_panel_whose_files_all_exist() -> None:
    """The repository commits the bundle (built from web/ by `npm run build`): a fresh checkout
    serves the panel with no npm step, and every file its pages load is in the package."""
    for page in ("index.html", "graphiql.html"):
        html = (STATIC_DIR / page).read_text()
        loaded = re.findall(r'(?:src|href)="(/[^"]*)"', html)
        assert any(path.startswith("/static/") for path in loaded), page
        for path in loaded:
            assert (STATIC_DIR / path.lstrip("/")).is_file(), f"{page} loads missing {path}"
        assert not re.search(r'(?:src|href)="(?:https?:)?//', html), f"{page} loads from a CDN"
