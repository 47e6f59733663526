"""Serving the panel's built bundle: `/` and any other page path answer index.html (the app
routes in the browser), `/static/*` answers the content-hashed files, cached for a year.

The bundle is built from `web/` by `npm --prefix web run build` and shipped in the package, so
the server needs no npm step. API paths are routed before these and keep priority."""

from __future__ import annotations

import os
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

STATIC_DIR = Path(__file__).resolve().parent / "static"
"""The built bundle: index.html, graphiql.html and `static/` (hashed files)."""

ASSETS_SUBDIR = "static"
"""Vite's `build.assetsDir`: hashed files live in `<bundle>/static/` and are served at
`/static/` (not `assets`, which is the media route)."""

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"

API_PREFIXES = ("graphql", "assets", "api", "health", "auth-mode", ASSETS_SUBDIR)
"""First path segments that belong to the API (or to hashed files): a miss there is a 404,
never the panel page."""

NOT_BUILT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Agent Progress</title></head>
<body><main><h1>The panel is not built</h1>
<p>This server has no built panel. From the repository root run:</p>
<pre>cd web &amp;&amp; npm ci &amp;&amp; npm run build</pre>
<p>then restart the server. The GraphQL API is at <a href="/graphql">/graphql</a>.</p>
</main></body></html>
"""


class HashedFiles(StaticFiles):
    """StaticFiles (which refuses paths outside its directory) with a year-long immutable
    cache: every name carries its content hash, so a changed file is a new URL."""

    def file_response(
        self,
        full_path: str | os.PathLike[str],
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        response.headers["Cache-Control"] = IMMUTABLE
        return response

    async def check_config(self) -> None:
        """A missing bundle answers 404s here (and a how-to-build page at `/`), not errors."""


def _page(path: Path) -> Response | None:
    if not path.is_file():
        return None
    return FileResponse(path, media_type="text/html", headers={"Cache-Control": REVALIDATE})


def _public_file(bundle: Path, path: str) -> Path | None:
    """A file Vite copied from `web/public/` (favicon, …) to the bundle root: unhashed."""
    if "/" in path or path.endswith(".html"):
        return None
    candidate = (bundle / path).resolve()
    if candidate.parent != bundle.resolve() or not candidate.is_file():
        return None
    return candidate


def graphiql_page(bundle: Path = STATIC_DIR) -> Response | None:
    """The bundled GraphiQL (no CDN), or None when the bundle is not built."""
    return _page(bundle / "graphiql.html")


def panel_routes(bundle: Path = STATIC_DIR) -> list[BaseRoute]:
    """The panel's routes; mount them after the API's."""

    async def page(request: Request) -> Response:
        path: str = request.path_params.get("path", "")
        first = path.split("/", 1)[0]
        if first in API_PREFIXES:
            return Response(status_code=404)
        public = _public_file(bundle, path)
        if public is not None:
            return FileResponse(public, headers={"Cache-Control": REVALIDATE})
        index = _page(bundle / "index.html")
        if index is None:
            return HTMLResponse(NOT_BUILT, headers={"Cache-Control": REVALIDATE})
        return index

    async def auth_mode(request: Request) -> Response:
        """Whether the page must ask for a bearer token: `{"auth": "local" | "tokens"}`."""
        mode: str = request.app.state.resources.settings.auth.value
        return JSONResponse({"auth": mode}, headers={"Cache-Control": REVALIDATE})

    return [
        Route("/auth-mode", auth_mode),
        Mount(f"/{ASSETS_SUBDIR}", HashedFiles(directory=bundle / ASSETS_SUBDIR, check_dir=False)),
        Route("/", page),
        Route("/{path:path}", page),
    ]
