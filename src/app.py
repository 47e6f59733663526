"""The ASGI application: GraphQL (HTTP + graphql-transport-ws), assets, a health check and,
with the Inngest engine, the Inngest serve endpoint."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from uuid import UUID

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.types import ASGIApp, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL

from src.gql.context import Context
from src.gql.schema import schema
from src.inngest_fns import SERVE_PATH
from src.resources import LOCAL_VIEWER, Resources
from src.settings import Settings


def _resources(connection: Request | WebSocket) -> Resources:
    resources: Resources = connection.app.state.resources
    return resources


class GraphQLApp(GraphQL[Context, None]):
    async def get_context(self, request: Request | WebSocket, response: Any) -> Context:
        resources = _resources(request)
        return Context(
            viewer=LOCAL_VIEWER,
            service=resources.service,
            assets=resources.assets,
            feed=resources.feed,
            public_url=resources.settings.public_url,
        )


async def serve_asset(request: Request) -> Response:
    """Asset bytes, immutable for a year: the URL carries the content hash."""
    resources = _resources(request)
    try:
        asset_id = UUID(request.path_params["asset_id"])
    except ValueError:
        return Response(status_code=404)
    asset = await resources.assets.get(asset_id, owner_id=LOCAL_VIEWER.id)
    filename: str = request.path_params["filename"]
    if asset is None or not filename.startswith(asset.ref.content_hash[:16]):
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
    settings: Settings | None = None, *, resources: Resources | None = None
) -> Starlette:
    """The app. Pass `resources` to share already-open ones (tests); otherwise they are opened
    from `settings` when the app starts and closed when it stops."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        owned = resources is None
        app.state.resources = resources or await Resources.open(settings)
        try:
            yield
        finally:
            if owned:
                await app.state.resources.close()

    graphql = GraphQLApp(
        schema,
        graphql_ide="graphiql" if settings.dev_mode else None,
        allow_queries_via_get=False,
        subscription_protocols=[GRAPHQL_TRANSPORT_WS_PROTOCOL],
    )
    return Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            WebSocketRoute("/graphql", graphql),
            Route("/assets/{asset_id}/{filename}", serve_asset),
            Route("/health", health),
            Route(SERVE_PATH, InngestEndpoint(), methods=["GET", "POST", "PUT"]),
        ],
        lifespan=lifespan,
    )
