"""The ASGI application: GraphQL (HTTP + graphql-transport-ws), assets, a health check, the
panel's page and files (`src/panel`) and, with the Inngest engine, the Inngest serve endpoint."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from uuid import UUID

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.types import ASGIApp, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types.unset import UNSET, UnsetType

from src.auth import bearer
from src.auth.viewer import Viewer
from src.gql.context import ANONYMOUS, Context
from src.gql.frames import ExposeFrameWriter
from src.gql.incidents import report
from src.gql.schema import build_schema, schema
from src.gql.view import CheckedGraphQL, graphql_errors
from src.inngest_fns import SERVE_PATH
from src.lifecycle import OpenWebSockets
from src.ops.background import OperationsTasks
from src.ops.collector import SettledFreeze
from src.ops.endpoints import healthz, metrics_endpoint, readyz
from src.ops.requests import RequestIds
from src.panel import STATIC_DIR, graphiql_page, panel_routes
from src.resources import LOCAL_VIEWER, Resources
from src.settings import AuthMode, Settings


def _resources(connection: Request | WebSocket) -> Resources:
    resources: Resources = connection.app.state.resources
    return resources


NO_ACK_PAYLOAD: UnsetType = UNSET
"""connection_ack without a payload."""


async def authenticate(resources: Resources, credential: str | None) -> Viewer | None:
    """The viewer a request acts as: the local one, or the owner of a valid bearer token."""
    if resources.settings.auth is AuthMode.LOCAL:
        return LOCAL_VIEWER
    token = bearer(credential)
    if token is None or resources.tokens is None:
        return None
    return await resources.tokens.viewer(token)


class GraphQLApp(CheckedGraphQL):
    async def get_context(self, request: Request | WebSocket, response: Any) -> Context:
        resources = _resources(request)
        viewer: Viewer | None = getattr(request.state, "viewer", None)
        if viewer is None:  # websockets (and GET): not seen by RequireViewer
            viewer = await authenticate(resources, request.headers.get("authorization"))
        return Context(
            viewer=viewer or ANONYMOUS,
            service=resources.service,
            assets=resources.assets,
            feed=resources.feed,
            public_url=resources.settings.public_url,
            signer=resources.signer,
            shared_fanout=resources.settings.shared_fanout,
        )

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        """A websocket authenticates with `{"authorization": "Bearer …"}` in connection_init
        (browsers cannot set headers on a websocket), unless its upgrade request already did."""
        if context.viewer is not ANONYMOUS:
            return NO_ACK_PAYLOAD
        params = context.connection_params or {}
        credential = params.get("authorization") or params.get("Authorization")
        viewer = None
        if isinstance(credential, str) and self.resources is not None:
            viewer = await authenticate(self.resources, credential)
        if viewer is None:
            raise ConnectionRejectionError({"message": "a valid bearer token is required"})
        context.viewer = viewer
        return NO_ACK_PAYLOAD

    resources: Resources | None = None
    """Set when the app starts: on_ws_connect receives no request to find them through."""

    panel_bundle: Path = STATIC_DIR

    async def render_graphql_ide(self, request: Request) -> Response:
        """The GraphiQL bundled with the panel (no CDN); Strawberry's page if it is not built."""
        return graphiql_page(self.panel_bundle) or await super().render_graphql_ide(request)


class RequireViewer:
    """Refuses GraphQL-over-HTTP requests without a valid bearer token (401), before any
    resolver runs. GET only serves the GraphiQL page (queries over GET are off)."""

    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] != "GET":
            request = Request(scope)
            try:
                credential = request.headers.get("authorization")
                viewer = await authenticate(_resources(request), credential)
            except Exception as error:  # e.g. the database is away: the detail goes to the log
                incident = report("Unexpected error authenticating a GraphQL request", error)
                await graphql_errors(incident.message, 500)(scope, receive, send)
                return
            if viewer is not None:
                request.state.viewer = viewer  # get_context takes it from here
            else:
                refusal = JSONResponse(
                    {"errors": [{"message": "a valid bearer token is required"}]},
                    status_code=401,
                    headers={"WWW-Authenticate": "Bearer"},
                )
                await refusal(scope, receive, send)
                return
        await self._app(scope, receive, send)


async def serve_asset(request: Request) -> Response:
    """Asset bytes, immutable for a year: the URL carries the content hash and the owner's
    signature. Anything else — a guessed ID, another owner's token — is a plain 404."""
    resources = _resources(request)
    try:
        asset_id = UUID(request.path_params["asset_id"])
    except ValueError:
        return Response(status_code=404)
    asset = await resources.assets.get(asset_id)
    filename: str = request.path_params["filename"]
    if asset is None or not filename.startswith(asset.ref.content_hash[:16]):
        return Response(status_code=404)
    signature = request.query_params.get("sig", "")
    if resources.signer is not None and not resources.signer.verify(
        asset.ref.id, asset.owner_id, signature
    ):
        return Response(status_code=404)
    if "authorization" in request.headers:
        viewer = await authenticate(resources, request.headers["authorization"])
        if viewer is None or viewer.id != asset.owner_id:
            return Response(status_code=404)
    path = resources.assets.storage.path(asset.storage_key)
    if path is None:
        return Response(status_code=404)
    return FileResponse(
        path,
        media_type=asset.ref.media_type,
        headers={"Cache-Control": "private, max-age=31536000, immutable"},
    )


class InngestEndpoint:
    """`/api/inngest`: hands the request to the Inngest SDK's app when Inngest is the engine."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        resources: Resources = scope["app"].state.resources
        target: ASGIApp = resources.inngest.app if resources.inngest else Response(status_code=404)
        await target(scope, receive, send)


async def health(request: Request) -> Response:
    resources = _resources(request)
    return JSONResponse({"ok": True, "changeFeedConnected": resources.feed.connected.is_set()})


def create_app(
    settings: Settings | None = None,
    *,
    resources: Resources | None = None,
    panel_bundle: Path = STATIC_DIR,
) -> Starlette:
    """The app. Pass `resources` to share already-open ones (tests); otherwise they are opened
    from `settings` when the app starts and closed when it stops. `panel_bundle` is the built
    panel served at `/` (tests point it elsewhere)."""
    settings = settings or Settings()

    graphql = GraphQLApp(
        schema if settings.dev_mode else build_schema(production=True),
        graphql_ide="graphiql" if settings.dev_mode else None,
        allow_queries_via_get=False,
        subscription_protocols=[GRAPHQL_TRANSPORT_WS_PROTOCOL],
    )
    graphql.panel_bundle = panel_bundle

    websockets = OpenWebSockets(graphql)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        owned = resources is None
        app.state.resources = resources or await Resources.open(settings)
        graphql.resources = app.state.resources
        # What start-up built (schema, models, pools) lives as long as the process: keep it
        # out of the collector's full passes, which otherwise pause every request (> 1 s
        # seen on a loaded machine).
        gc.freeze()
        collector = SettledFreeze(websockets, burst=settings.gc_freeze_connections)
        collector.start()
        operations = OperationsTasks(app.state.resources)
        try:
            yield
        finally:
            collector.stop()
            await operations.stop()
            # After uvicorn has stopped accepting and closed the websockets (src/lifecycle.py):
            # the runner marks what it cannot finish, the embedded PostgreSQL stops.
            await websockets.close_all()
            if owned:
                await app.state.resources.close()

    app = Starlette(
        routes=[
            Route("/graphql", RequireViewer(graphql), methods=["GET", "POST"]),
            WebSocketRoute("/graphql", websockets),
            Route("/assets/{asset_id}/{filename}", serve_asset),
            Route("/health", health),
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/metrics", metrics_endpoint),
            Route(SERVE_PATH, InngestEndpoint(), methods=["GET", "POST", "PUT"]),
            *panel_routes(panel_bundle),  # last: its page route catches every other path
        ],
        lifespan=lifespan,
        middleware=[Middleware(ExposeFrameWriter), Middleware(RequestIds)],
    )
    app.state.websockets = websockets
    return app
