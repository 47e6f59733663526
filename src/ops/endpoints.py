"""HTTP endpoints for operators: `/metrics`, `/healthz`, `/readyz`."""

from __future__ import annotations

import hmac

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from src.ops.health import readiness
from src.ops.metrics import exposition


async def metrics_endpoint(request: Request) -> Response:
    """The Prometheus text format. With a metrics token configured, only a scraper sending
    `Authorization: Bearer <token>` gets it (others: 404, as if there were nothing here)."""
    settings = request.app.state.resources.settings
    if not settings.metrics_enabled:
        return Response(status_code=404)
    token = settings.metrics_token
    if token is not None:
        sent = request.headers.get("authorization", "")
        expected = f"Bearer {token.get_secret_value()}"
        if not hmac.compare_digest(sent.encode(), expected.encode()):
            return Response(status_code=404)
    body, content_type = exposition()
    return Response(body, media_type=content_type)


async def healthz(_request: Request) -> Response:
    return JSONResponse({"ok": True})


async def readyz(request: Request) -> Response:
    resources = request.app.state.resources
    state = await readiness(resources.database, resources.feed)
    return JSONResponse(state.as_json(), status_code=200 if state.ready else 503)
